// The SCORM package build: imsmanifest.xml + course.yaml + a fake vite output -> two validated, reproducible zips.

import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectScormVersionMeta } from '../../tools/package/assemble.ts';
import { buildPackages, type BuiltPackage } from '../../tools/package/build.ts';
import { readManifestSource, ManifestSourceError } from '../../tools/package/manifest.ts';
import { readPackageSettings, type PackageSettings } from '../../tools/package/settings.ts';
import { zipPackage } from '../../tools/package/zip.ts';
import { SCORM12, SCORM2004 } from '../../tools/validate/scorm-versions.ts';
import { attr, descendants, parseXml, type XmlElement } from '../../tools/xml.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Characters that must be escaped, to prove the title really comes from the settings and is escaped once.
const SETTINGS: PackageSettings = { id: 'test-course', version: '2.3.4', title: 'Pain & "Stem" <Cells>', passMark: 75 };

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Course</title>
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="./assets/index-abc.css">
  </head>
  <body><div id="app"></div></body>
</html>
`;

let tmp: string;
let courseDir: string;
let packages: BuiltPackage[];
let skipped: string[];

/** A fake dist/course as vite would write it, plus a .DS_Store the build must leave out. */
function writeFakeCourse(dir: string): void {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'assets/index-abc.js'), 'console.log("course");\n');
  writeFileSync(join(dir, 'assets/index-abc.css'), 'body{margin:0}\n');
  writeFileSync(join(dir, 'assets/.DS_Store'), 'junk');
}

function listFiles(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`]))
    .sort();
}

const manifestOf = (p: BuiltPackage): XmlElement =>
  parseXml(new TextDecoder().decode(p.files.get('imsmanifest.xml'))).root;
const only = (els: XmlElement[]): XmlElement => {
  expect(els).toHaveLength(1);
  return els[0]!;
};

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'package-test-'));
  courseDir = join(tmp, 'course');
  writeFakeCourse(courseDir);
  ({ packages, skipped } = buildPackages({ root: ROOT, courseDir, outDir: join(tmp, 'dist'), settings: SETTINGS }));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('buildPackages with the project imsmanifest.xml and a fake dist/course', () => {
  it('builds one package per version, named after the course id', () => {
    expect(packages.map((p) => [p.profile.version, p.zipPath])).toEqual([
      ['1.2', join(tmp, 'dist', 'test-course-scorm12.zip')],
      ['2004', join(tmp, 'dist', 'test-course-scorm2004.zip')],
    ]);
    expect(readFileSync(packages[0]!.zipPath)).toEqual(Buffer.from(packages[0]!.zip));
  });

  it.each([0, 1])('package %i passes the validator with no errors or warnings', (k) => {
    const p = packages[k]!;
    expect(p.report.issues).toEqual([]);
    expect(p.report).toMatchObject({ passed: true, version: p.profile.version, fileCount: 4 });
  });

  it('leaves OS junk out and says so', () => {
    expect(skipped).toEqual(['assets/.DS_Store']);
  });

  it.each([0, 1])('package %i: the folder, the zip and the manifest list the same files, every one of them', (k) => {
    const p = packages[k]!;
    const all = ['assets/index-abc.css', 'assets/index-abc.js', 'imsmanifest.xml', 'index.html'];
    expect(listFiles(p.folder)).toEqual(all);
    expect(Object.keys(unzipSync(p.zip))).toEqual(all); // sorted entry order
    const hrefs = descendants(manifestOf(p), manifestOf(p).ns, 'file').map((f) => attr(f, 'href'));
    expect(hrefs).toEqual(all.filter((f) => f !== 'imsmanifest.xml'));
  });

  it.each([0, 1])('package %i carries title and version from the settings, identifiers from imsmanifest.xml', (k) => {
    const m = manifestOf(packages[k]!);
    expect(attr(m, 'version')).toBe('2.3.4');
    expect(attr(m, 'identifier')).toBe('stem-cell-pain-course');
    const titles = [...descendants(m, m.ns, 'title')].map((t) => t.text);
    expect(titles).toEqual([SETTINGS.title, SETTINGS.title]);
    const item = only(descendants(m, m.ns, 'item'));
    const resource = only(descendants(m, m.ns, 'resource'));
    expect(attr(item, 'identifierref')).toBe(attr(resource, 'identifier'));
    expect(attr(resource, 'href')).toBe('index.html');
  });

  it('1.2: mastery score, scormtype spelling, schemaversion', () => {
    const m = manifestOf(packages[0]!);
    const adlcp = SCORM12.namespaces[1]!.uri;
    expect(only(descendants(m, adlcp, 'masteryscore')).text).toBe('75');
    expect(attr(only(descendants(m, m.ns, 'resource')), 'scormtype', adlcp)).toBe('sco');
    expect(only(descendants(m, m.ns, 'schemaversion')).text).toBe('1.2');
  });

  it('2004: minNormalizedMeasure with satisfiedByMeasure, delivery controls, conventional prefixes', () => {
    const m = manifestOf(packages[1]!);
    const imsss = SCORM2004.namespaces.find((n) => n.prefix === 'imsss')!.uri;
    const adlcp = SCORM2004.namespaces[1]!.uri;
    const primary = only(descendants(m, imsss, 'primaryObjective'));
    expect(attr(primary, 'satisfiedByMeasure')).toBe('true');
    expect(only(descendants(primary, imsss, 'minNormalizedMeasure')).text).toBe('0.75');
    const delivery = only(descendants(m, imsss, 'deliveryControls'));
    expect([attr(delivery, 'completionSetByContent'), attr(delivery, 'objectiveSetByContent')]).toEqual([
      'true',
      'true',
    ]);
    expect(attr(only(descendants(m, m.ns, 'resource')), 'scormType', adlcp)).toBe('sco');
    expect(only(descendants(m, m.ns, 'schemaversion')).text).toBe('2004 4th Edition');
    const raw = new TextDecoder().decode(packages[1]!.files.get('imsmanifest.xml'));
    for (const prefix of ['adlcp', 'imsss', 'adlseq', 'adlnav']) expect(raw).toContain(` xmlns:${prefix}="`);
    expect(raw).not.toMatch(/<(lom|imsmd):/); // no inline metadata
  });

  it.each([0, 1])(
    'package %i: index.html carries its SCORM version once, in the head; dist/course is untouched',
    (k) => {
      const p = packages[k]!;
      const html = new TextDecoder().decode(p.files.get('index.html'));
      const meta = `<meta name="scorm-version" content="${p.profile.version}">`;
      expect(html.split(meta)).toHaveLength(2);
      expect(html.indexOf(meta)).toBeGreaterThan(html.indexOf('<meta charset="UTF-8" />'));
      expect(html.indexOf(meta)).toBeLessThan(html.indexOf('</head>'));
      expect(readFileSync(join(p.folder, 'index.html'), 'utf8')).toBe(html);
      expect(readFileSync(join(courseDir, 'index.html'), 'utf8')).toBe(INDEX_HTML);
    },
  );

  it('zips are byte-identical across runs and time zones', () => {
    const again = buildPackages({ root: ROOT, courseDir, outDir: join(tmp, 'dist2'), settings: SETTINGS }).packages;
    expect(again.map((p) => Buffer.from(p.zip))).toEqual(packages.map((p) => Buffer.from(p.zip)));
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Auckland';
      const a = zipPackage(packages[0]!.files);
      process.env.TZ = 'America/Los_Angeles';
      const b = zipPackage(packages[0]!.files);
      expect(Buffer.from(a)).toEqual(Buffer.from(b));
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('a rebuild removes stale files from the package folders', () => {
    const out = join(tmp, 'dist3');
    buildPackages({ root: ROOT, courseDir, outDir: out, settings: SETTINGS });
    writeFileSync(join(out, 'scorm12', 'stale.js'), 'old');
    buildPackages({ root: ROOT, courseDir, outDir: out, settings: SETTINGS });
    expect(listFiles(join(out, 'scorm12'))).not.toContain('stale.js');
  });

  it('fails clearly without dist/course or without the launch page', () => {
    expect(() =>
      buildPackages({ root: ROOT, courseDir: join(tmp, 'nope'), outDir: join(tmp, 'x'), settings: SETTINGS }),
    ).toThrow(/run "vite build" first/);
    const empty = join(tmp, 'no-index');
    mkdirSync(join(empty, 'assets'), { recursive: true });
    writeFileSync(join(empty, 'assets/a.js'), '');
    expect(() => buildPackages({ root: ROOT, courseDir: empty, outDir: join(tmp, 'y'), settings: SETTINGS })).toThrow(
      /launch page "index.html"/,
    );
  });
});

describe('the project files', () => {
  it('course.yaml gives the settings packaging needs', () => {
    const s = readPackageSettings(join(ROOT, 'course.yaml'));
    expect(s.id).toBe('stem-cell-pain-course'); // -> dist/stem-cell-pain-course-scorm12.zip
    expect(s.passMark).toBeGreaterThanOrEqual(0);
  });

  it('imsmanifest.xml does not repeat the title or version of course.yaml', () => {
    const s = readPackageSettings(join(ROOT, 'course.yaml'));
    const xml = readFileSync(join(ROOT, 'imsmanifest.xml'), 'utf8');
    expect(xml).not.toContain(s.title);
    expect(xml).toContain('version="{{version}}"');
    expect(xml.match(/<title>\{\{title\}\}<\/title>/g)).toHaveLength(2);
  });
});

describe('readManifestSource', () => {
  const good = readFileSync(join(ROOT, 'imsmanifest.xml'), 'utf8');
  const values = { title: 'T', version: '1' };
  const broken = (from: string | RegExp, to: string): (() => unknown) => {
    const xml = good.replace(from, to);
    if (xml === good) throw new Error(`test setup: ${String(from)} not found`);
    return () => readManifestSource(xml, values);
  };

  it('reads the project manifest', () => {
    expect(readManifestSource(good, values)).toMatchObject({
      version: '1',
      organization: { title: 'T' },
      item: { title: 'T' },
      resource: { href: 'index.html', type: 'webcontent' },
    });
  });

  it.each([
    ['an unknown placeholder', 'version="{{version}}"', 'version="{{versoin}}"', /unknown placeholder \{\{versoin\}\}/],
    [
      'a namespace declaration',
      '<manifest identifier',
      '<manifest xmlns="urn:x" identifier',
      /no namespace declarations/,
    ],
    [
      'an element the build writes itself',
      '<resources>',
      '<metadata/>\n  <resources>',
      /<metadata> is not supported inside <manifest>/,
    ],
    [
      'a second item',
      '<title>{{title}}</title>\n      <item',
      '<title>{{title}}</title>\n      <item identifier="i2" identifierref="x"><title>x</title></item>\n      <item',
      /exactly 1 <item>, found 2/,
    ],
    [
      'a <file> list',
      'href="index.html"/>',
      'href="index.html"><file href="index.html"/></resource>',
      /<file> is not supported inside <resource>/,
    ],
    ['a missing scormType', ' scormType="sco" href', ' href', /needs the attribute scormType/],
    ['an asset instead of a SCO', 'scormType="sco" href', 'scormType="asset" href', /scormType must be "sco"/],
    ['a misspelled attribute', 'identifierref=', 'identifierRef=', /has no attribute identifierRef here/],
    ['an empty title', '<title>{{title}}</title>\n      <item', '<title> </title>\n      <item', /<title> is empty/],
    ['malformed XML', '</organizations>', '</organisations>', /closes <organizations>/],
  ])('rejects %s, naming the line', (_what, from, to, message) => {
    const run = broken(from, to);
    expect(run).toThrow(ManifestSourceError);
    expect(run).toThrow(message);
    expect(run).toThrow(/^imsmanifest\.xml:\d+: /);
  });
});

describe('injectScormVersionMeta', () => {
  it('replaces an existing tag instead of adding a second one', () => {
    const html = '<head><meta content="2004" name="scorm-version"></head>';
    expect(injectScormVersionMeta(html, SCORM12)).toBe('<head><meta name="scorm-version" content="1.2"></head>');
  });
  it('goes right after <head> when there is no charset meta', () => {
    expect(injectScormVersionMeta('<html><head lang="en"><title>x</title></head></html>', SCORM2004)).toBe(
      '<html><head lang="en">\n    <meta name="scorm-version" content="2004"><title>x</title></head></html>',
    );
  });
  it('refuses a page without a head', () => {
    expect(() => injectScormVersionMeta('<p>x</p>', SCORM12)).toThrow(/no <head>/);
  });
});
