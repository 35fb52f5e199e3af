// The package validator on packages built in memory: two valid fixtures, and broken variants of them that
// each must produce one specific error (or warning).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { validatePackage, type Report } from '../../tools/validate/validate.ts';
import { formatReport } from '../../tools/validate/report.ts';

const FIXTURES = new URL('../fixtures/packages/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, FIXTURES), 'utf8');

type Version = 'scorm12' | 'scorm2004';
type Files = Record<string, string | Uint8Array>;

/** A valid package of the given version as path -> content, to be changed by a test before zipping. */
function validFiles(version: Version): Files {
  return {
    'imsmanifest.xml': read(`${version}.imsmanifest.xml`),
    'index.html': read('content/index.html'),
    'assets/app.js': read('content/assets/app.js'),
    'assets/app.css': read('content/assets/app.css'),
  };
}

function zip(files: Files): Uint8Array {
  const enc = new TextEncoder();
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([p, c]) => [p, typeof c === 'string' ? enc.encode(c) : c])),
  );
}

/** Validates a variant: `change` edits the valid files of `version`. */
function check(version: Version, change: (files: Files) => void = () => {}): Report {
  const files = validFiles(version);
  change(files);
  return validatePackage(zip(files));
}

function editManifest(files: Files, from: string | RegExp, to: string): void {
  const before = files['imsmanifest.xml'] as string;
  const after = before.replace(from, to);
  if (after === before) throw new Error(`test setup: ${String(from)} not found in the manifest`);
  files['imsmanifest.xml'] = after;
}

const codes = (r: Report, severity = 'error'): string[] =>
  r.issues.filter((i) => i.severity === severity).map((i) => i.code);
const issue = (r: Report, code: string) => {
  const found = r.issues.find((i) => i.code === code);
  if (!found) throw new Error(`no ${code} issue in:\n${formatReport('test', r)}`);
  return found;
};

describe('valid packages', () => {
  it.each([
    ['scorm12', '1.2', 'SCORM 1.2'],
    ['scorm2004', '2004', 'SCORM 2004 4th Edition'],
  ] as const)('%s passes with no errors or warnings', (version, expected, label) => {
    const files = validFiles(version);
    const bytes = zip(files);
    const r = validatePackage(bytes);
    expect(r.issues).toEqual([]);
    expect(r).toMatchObject({
      passed: true,
      version: expected,
      versionLabel: label,
      fileCount: 4,
      zipSize: bytes.length,
    });
    expect(formatReport('p.zip', r)).toMatch(/\nPASS: 0 errors, 0 warnings$/);
  });
});

describe('broken packages', () => {
  it('manifest in a sub-folder: says where it is', () => {
    const files = validFiles('scorm12');
    const nested = Object.fromEntries(Object.entries(files).map(([p, c]) => [`my-course/${p}`, c]));
    const r = validatePackage(zip(nested));
    expect(codes(r)).toEqual(['manifest-not-at-root']);
    expect(issue(r, 'manifest-not-at-root').where).toBe('my-course/imsmanifest.xml');
    expect(issue(r, 'manifest-not-at-root').message).toContain('zip the contents of "my-course/"');
    expect(r.passed).toBe(false);
  });

  it('no manifest at all, or one in the wrong case', () => {
    expect(codes(check('scorm12', (f) => delete f['imsmanifest.xml']))).toEqual(['manifest-missing']);
    const r = check('scorm12', (f) => {
      f['IMSManifest.xml'] = f['imsmanifest.xml']!;
      delete f['imsmanifest.xml'];
    });
    expect(issue(r, 'manifest-missing')).toMatchObject({ where: 'IMSManifest.xml' });
  });

  it('listed file missing from the zip', () => {
    const r = check('scorm12', (f) => delete f['assets/app.js']);
    expect(codes(r)).toEqual(['file-missing']);
    expect(issue(r, 'file-missing').where).toMatch(/^imsmanifest\.xml:\d+ <file href="assets\/app\.js">$/);
  });

  it('listed file present in another case: missing, with a hint (servers are case-sensitive)', () => {
    const r = check('scorm2004', (f) => {
      f['assets/App.js'] = f['assets/app.js']!;
      delete f['assets/app.js'];
    });
    expect(codes(r)).toEqual(['file-missing']);
    expect(issue(r, 'file-missing').message).toContain('the zip has "assets/App.js"');
    expect(codes(r, 'warning')).toEqual(['file-unlisted']);
  });

  it('file in the zip but not listed: a warning, the package still passes', () => {
    const r = check('scorm2004', (f) => (f['assets/extra.png'] = new Uint8Array([1, 2, 3])));
    expect(codes(r)).toEqual([]);
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'file-unlisted', where: 'assets/extra.png' }),
    ]);
    expect(r.passed).toBe(true);
  });

  it('xml:base is applied to file paths (2004 fixture lists app.js under xml:base="assets/")', () => {
    const r = check('scorm2004', (f) => editManifest(f, 'xml:base="assets/"', 'xml:base="lib/"'));
    expect(codes(r)).toEqual(['file-missing', 'file-missing']);
    expect(r.issues.find((i) => i.code === 'file-missing')!.message).toContain('"lib/app.js"');
  });

  it.each([
    ['1.3', 'Moodle treats anything else as 1.2'],
    [' 1.2 ', 'remove the spaces'],
  ])('bad schemaversion "%s" in 1.2', (text, hint) => {
    const r = check('scorm12', (f) => editManifest(f, '<schemaversion>1.2<', `<schemaversion>${text}<`));
    expect(codes(r)).toEqual(['schemaversion-invalid']);
    expect(issue(r, 'schemaversion-invalid').message).toContain(hint);
    expect(r.version).toBe('1.2'); // still known from the namespaces
  });

  it('older 2004 edition is recognised but rejected', () => {
    const r = check('scorm2004', (f) => editManifest(f, '>2004 4th Edition<', '>2004 3rd Edition<'));
    expect(codes(r)).toEqual(['schemaversion-invalid']);
    expect(issue(r, 'schemaversion-invalid').message).toContain('older 2004 editions');
  });

  it('duplicate identifiers', () => {
    const r = check('scorm12', (f) => editManifest(f, '<item identifier="item_1"', '<item identifier="res_1"'));
    // xs:ID in the CP schema catches it too; our message says where the first use is.
    expect(codes(r)).toEqual(['schema-invalid', 'identifier-duplicate']);
    expect(issue(r, 'identifier-duplicate').message).toMatch(/already used on line \d+/);
    expect(issue(r, 'identifier-duplicate').where).toMatch(/<resource identifier="res_1">$/);
  });

  it('unsafe identifier (leading digit) is reported besides the schema error', () => {
    const r = check('scorm2004', (f) => editManifest(f, /"org_1"/g, '"1org"'));
    expect(codes(r)).toContain('identifier-unsafe');
  });

  it.each([
    ['scorm12', 'adlcp:scormtype="sco"', 'adlcp:scormType="sco"', 'adlcp:scormtype'],
    ['scorm2004', 'adlcp:scormType="sco"', 'adlcp:scormtype="sco"', 'adlcp:scormType'],
  ] as const)('wrong scormtype case in %s', (version, from, to, expected) => {
    const r = check(version, (f) => editManifest(f, from, to));
    expect(codes(r)).toContain('scormtype-spelling');
    expect(issue(r, 'scormtype-spelling').message).toContain(`spells it ${expected}`);
  });

  it('scormtype value in upper case', () => {
    const r = check('scorm2004', (f) => editManifest(f, 'adlcp:scormType="sco"', 'adlcp:scormType="SCO"'));
    expect(codes(r)).toContain('scormtype-value');
  });

  it('launched resource without scormtype: warning (treated as an asset)', () => {
    const r = check('scorm12', (f) => editManifest(f, ' adlcp:scormtype="sco"', ''));
    expect(codes(r)).toEqual([]);
    expect(codes(r, 'warning')).toEqual(['scormtype-missing', 'no-sco']);
  });

  it('a 1.2 manifest that uses a 2004 namespace', () => {
    const r = check('scorm12', (f) =>
      editManifest(
        f,
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"',
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"',
      ),
    );
    expect(r.version).toBe('1.2');
    expect(issue(r, 'namespace-mix')).toMatchObject({
      where: 'imsmanifest.xml:5 xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"',
      message: 'a SCORM 1.2 manifest declares a SCORM 2004 4th Edition namespace',
    });
  });

  it('a 2004 schemaversion in a 1.2-namespace manifest', () => {
    const r = check('scorm12', (f) => editManifest(f, '<schemaversion>1.2<', '<schemaversion>2004 4th Edition<'));
    expect(r.version).toBe('2004'); // what the LMS will believe
    expect(codes(r)).toContain('namespace-mix');
  });

  it('unconventional namespace prefix (valid XML, but Moodle matches literal prefixes)', () => {
    const r = check('scorm2004', (f) => {
      editManifest(f, /imsss:/g, 'ss:');
      editManifest(f, 'xmlns:imsss=', 'xmlns:ss=');
    });
    expect(codes(r)).toEqual(['namespace-prefix']);
    expect(issue(r, 'namespace-prefix')).toMatchObject({
      where: 'imsmanifest.xml:9 xmlns:ss="http://www.imsglobal.org/xsd/imsss"',
    });
    expect(issue(r, 'namespace-prefix').message).toContain('use the prefix "imsss"');
  });

  it('unresolved identifierref', () => {
    const r = check('scorm2004', (f) => editManifest(f, 'identifierref="res_sco"', 'identifierref="res_typo"'));
    expect(codes(r)).toEqual(['identifierref-unresolved']);
    expect(issue(r, 'identifierref-unresolved').where).toMatch(/<item identifierref="res_typo">$/);
  });

  it('unresolved dependency and default organization', () => {
    const r = check('scorm2004', (f) => {
      editManifest(f, '<dependency identifierref="res_shared"/>', '<dependency identifierref="res_gone"/>');
      editManifest(f, 'default="org_1"', 'default="org_2"');
    });
    expect(codes(r)).toEqual(['identifierref-unresolved', 'identifierref-unresolved']);
  });

  it('OS junk: __MACOSX folder and .DS_Store', () => {
    const r = check('scorm12', (f) => {
      f['__MACOSX/._index.html'] = 'x';
      f['__MACOSX/assets/._app.js'] = 'x';
      f['assets/.DS_Store'] = 'x';
    });
    expect(r.issues.map((i) => [i.code, i.where])).toEqual([
      ['junk-file', '__MACOSX/'],
      ['junk-file', 'assets/.DS_Store'],
    ]);
    expect(r.issues[0]!.message).toContain('(2 entries)');
    expect(r.issues[1]!.message).not.toContain('entries');
  });

  it('backslashes and unsafe file names', () => {
    const r = check('scorm12', (f) => {
      f['assets\\logo.png'] = 'x';
      f['assets/my image.png'] = 'x';
    });
    expect(codes(r)).toEqual(['path-unsafe', 'path-backslash']);
    expect(issue(r, 'path-unsafe').message).toContain('(space)');
  });

  it('external script URL in index.html', () => {
    const r = check('scorm12', (f) => {
      f['index.html'] = (f['index.html'] as string).replace('./assets/app.js', 'https://cdn.example.com/app.js');
    });
    expect(codes(r)).toEqual(['url-external']);
    expect(issue(r, 'url-external')).toMatchObject({ where: 'index.html:6 <script src>' });
    expect(issue(r, 'url-external').message).toContain('"https://cdn.example.com/app.js": absolute https: URL');
  });

  it('protocol-relative and root-absolute URLs in CSS', () => {
    const r = check('scorm2004', (f) => {
      f['assets/app.css'] += '\n@import "//fonts.example.com/font.css";\nh1 { background: url(/img/h1.png) }\n';
    });
    expect(r.issues.map((i) => i.where)).toEqual(['assets/app.css:4 @import', 'assets/app.css:5 url()']);
  });

  it('schema-invalid manifest (resource without its required type)', () => {
    const r = check('scorm2004', (f) =>
      editManifest(f, '<resource identifier="res_sco" type="webcontent"', '<resource identifier="res_sco"'),
    );
    expect(codes(r)).toEqual(['schema-invalid']);
    expect(issue(r, 'schema-invalid').message).toContain("The attribute 'type' is required but missing");
    expect(issue(r, 'schema-invalid').where).toMatch(/^imsmanifest\.xml:\d+$/);
  });

  it('schema-invalid 1.2 manifest (element out of place) names the element with its prefix', () => {
    const r = check('scorm12', (f) =>
      editManifest(
        f,
        '<adlcp:masteryscore>80</adlcp:masteryscore>',
        '<adlcp:masteryscore>80</adlcp:masteryscore><adlcp:colour>red</adlcp:colour>',
      ),
    );
    expect(codes(r)).toEqual(['schema-invalid']);
    expect(issue(r, 'schema-invalid').message).toContain('adlcp:colour');
  });

  it('not well-formed XML: line of the problem', () => {
    const r = check('scorm12', (f) => editManifest(f, '</organization>', '</organisation>'));
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'manifest-unreadable',
        where: 'imsmanifest.xml:20',
        message: expect.stringContaining('</organisation> closes <organization>'),
      }),
    ]);
  });

  it('launch file missing', () => {
    const r = check('scorm2004', (f) => editManifest(f, 'href="index.html">', 'href="start.html">'));
    expect(codes(r)).toEqual(['launch-missing']);
  });

  it('not a zip', () => {
    const r = validatePackage(new TextEncoder().encode('hello'));
    expect(codes(r)).toEqual(['zip-unreadable']);
    expect(r.passed).toBe(false);
  });

  it('schemas not found: an error, never a silent pass', () => {
    const r = validatePackage(zip(validFiles('scorm12')), { schemasDir: '/nonexistent' });
    expect(codes(r)).toEqual(['schema-unavailable']);
  });
});

describe('report', () => {
  it('lists errors first with where and code, and ends with FAIL', () => {
    const r = check('scorm12', (f) => {
      delete f['assets/app.js'];
      f['notes.txt'] = 'x';
    });
    const text = formatReport('broken.zip', r);
    expect(text.split('\n')).toEqual([
      'SCORM package broken.zip',
      '  version: SCORM 1.2',
      expect.stringMatching(/^ {2}size: {4}\d+\.\d kB \([\d,]+ bytes\), 4 files$/),
      expect.stringMatching(
        /^ {2}ERROR {3}imsmanifest\.xml:\d+ <file href="assets\/app\.js">: listed file "assets\/app\.js" is not in the zip \[file-missing\]$/,
      ),
      '  WARNING notes.txt: in the zip but not listed in any <file href> (see the severity note in validate.ts) [file-unlisted]',
      'FAIL: 1 error, 1 warning',
    ]);
  });

  it('summarises many issues of one kind', () => {
    const r = check('scorm12', (f) => {
      for (let n = 0; n < 20; n++) f[`extra/file${n}.txt`] = 'x';
    });
    const text = formatReport('p.zip', r);
    expect(text.match(/^ {2}WARNING .*\[file-unlisted\]$/gm)).toHaveLength(15);
    expect(text).toContain('... and 5 more [file-unlisted]');
    expect(text).toMatch(/PASS: 0 errors, 20 warnings$/);
  });
});
