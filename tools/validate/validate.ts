// Validates any SCORM 1.2 / 2004 4th Edition zip: the rules LMSs enforce, including the ones the XSDs miss
// (see /work/shared/docs/scorm-runtime-notes.md, "Package rules LMSs enforce").
//
// Severity policy: an error is something that breaks import, launch or tracking in some LMS, or that the
// SCORM rules in the notes forbid. A warning is legal but suspicious. In particular a file that is in the zip
// but not listed in any <file href> is a WARNING: IMS Content Packaging does not forbid extra files and every
// LMS we know unpacks and serves the whole zip, so the course still works; but tools that copy only declared
// files (content repositories, re-packagers, some LMS exports) drop it, and it usually means a forgotten
// file list. A listed file that is missing from the zip is an ERROR: something will fail to load.

import { unzipSync } from 'fflate';
import { posix } from 'node:path';
import { hasBackslash, junkRoot, unsafePath } from './file-rules.ts';
import { schemaProblems } from './schema.ts';
import { PROFILES, versionOfNamespace, type ScormVersion, type VersionProfile } from './scorm-versions.ts';
import { findCssExternalUrls, findHtmlExternalUrls, externalUrlReason } from './urls.ts';
import { attr, children, descendants, parseXml, XML_NS, XmlError, type XmlDocument, type XmlElement } from '../xml.ts';

type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  /** Stable identifier of the rule, e.g. "file-missing" (tests and scripts match on it). */
  code: string;
  /** The file or manifest element concerned, e.g. 'imsmanifest.xml:12 <file href="a.js">'. */
  where: string;
  message: string;
}

export interface Report {
  version: ScormVersion | null;
  versionLabel: string | null;
  zipSize: number;
  fileCount: number;
  issues: Issue[];
  passed: boolean;
}

export interface ValidateOptions {
  /** Folder of the scorm-schemas set; default: see schemasDir() in schema.ts. */
  schemasDir?: string;
}

const MANIFEST = 'imsmanifest.xml';
const SAFE_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.-]*$/;
// Text of <schemaversion> by version, including older 2004 editions so they are recognised (and then rejected).
const SCHEMAVERSION_VERSION: Record<string, ScormVersion> = {
  '1.2': '1.2',
  '2004 4th Edition': '2004',
  '2004 3rd Edition': '2004',
  'CAM 1.3': '2004',
};

export function validatePackage(zipBytes: Uint8Array, options: ValidateOptions = {}): Report {
  const issues: Issue[] = [];
  const add = (severity: Severity, code: string, where: string, message: string): void => {
    issues.push({ severity, code, where, message });
  };
  let profile: VersionProfile | undefined = undefined; // set once the manifest is read; finish() may run before
  let fileCount = 0;
  const finish = (): Report => ({
    version: profile?.version ?? null,
    versionLabel: profile?.label ?? null,
    zipSize: zipBytes.length,
    fileCount,
    issues,
    passed: !issues.some((i) => i.severity === 'error'),
  });

  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zipBytes);
  } catch (e) {
    add('error', 'zip-unreadable', 'package', `not a readable zip file (${(e as Error).message})`);
    return finish();
  }
  const paths = Object.keys(entries).sort();
  const files = paths.filter((p) => !p.endsWith('/')); // directory entries are not files
  fileCount = files.length;

  // --- The manifest: exactly imsmanifest.xml at the zip root. Checked first: it is the most basic problem.
  const manifestBytes = entries[MANIFEST];
  if (!manifestBytes) {
    const nested = files.find((f) => f.endsWith(`/${MANIFEST}`) && junkRoot(f) === null);
    const wrongCase = files.find((f) => f.toLowerCase() === MANIFEST);
    if (nested) {
      const folder = nested.slice(0, -MANIFEST.length);
      add(
        'error',
        'manifest-not-at-root',
        nested,
        `imsmanifest.xml is in "${folder}", not at the zip root: zip the contents of "${folder}", not the folder itself`,
      );
    } else if (wrongCase) {
      add('error', 'manifest-missing', wrongCase, `the manifest must be named exactly "${MANIFEST}" (lower case)`);
    } else {
      add('error', 'manifest-missing', 'package', `no ${MANIFEST} at the zip root: this is not a SCORM package`);
    }
  }

  // --- Paths: junk, backslashes, unsafe names (on every entry, folders too), one issue per offending folder.
  const pathProblem = (p: string): [at: string, code: string, message: string] | null => {
    const junk = junkRoot(p);
    if (junk !== null) return [junk, 'junk-file', 'operating-system junk: remove it from the zip'];
    if (hasBackslash(p))
      return [p, 'path-backslash', 'backslash in the path: use "/" (re-zip with a tool that writes forward slashes)'];
    const unsafe = unsafePath(p);
    return unsafe && [unsafe.at, 'path-unsafe', `unsafe file name: ${unsafe.reason}`];
  };
  const grouped = new Map<string, { code: string; message: string; count: number }>();
  for (const p of paths) {
    const problem = pathProblem(p);
    if (!problem) continue;
    const [at, code, message] = problem;
    const group = grouped.get(at) ?? { code, message, count: 0 };
    group.count++;
    grouped.set(at, group);
  }
  for (const [at, g] of grouped) add('error', g.code, at, g.message + (g.count > 1 ? ` (${g.count} entries)` : ''));
  if (!manifestBytes) return finish();

  let manifestText: string;
  try {
    manifestText = new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes);
  } catch {
    add('error', 'manifest-unreadable', MANIFEST, 'not well-formed XML: not valid UTF-8');
    return finish();
  }
  let doc: XmlDocument;
  try {
    doc = parseXml(manifestText);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    add('error', 'manifest-unreadable', `${MANIFEST}:${e.line}`, `not well-formed XML: ${e.reason}`);
    return finish();
  }
  const root = doc.root;
  const at = (el: XmlElement, shown = ''): string => `${MANIFEST}:${el.line} <${el.name}${shown}>`;
  if (root.local !== 'manifest') {
    add('error', 'manifest-unreadable', at(root), `root element is <${root.name}>, expected <manifest>`);
    return finish();
  }
  const cp = root.ns; // IMS Content Packaging namespace: <organizations>, <item>, <resource>, <file>, ...

  // --- Version: from <schemaversion> (what LMSs read) and from the namespaces; they must agree.
  const schemaversion = children(root, cp, 'metadata').flatMap((m) => children(m, cp, 'schemaversion'))[0];
  const svText = schemaversion?.text;
  const bySchemaversion = PROFILES.find((p) => p.version === SCHEMAVERSION_VERSION[svText?.trim() ?? '']);
  const byNamespace = PROFILES.find((p) => p.namespaces[0]!.uri === cp);
  profile = bySchemaversion ?? byNamespace;

  if (!schemaversion) {
    add(
      'error',
      'schemaversion-invalid',
      `${MANIFEST} <metadata>`,
      'no <metadata><schemaversion>: LMSs then guess the version (Moodle assumes 1.2)',
    );
  } else if (!PROFILES.some((p) => p.schemaversion === svText)) {
    const close = PROFILES.find((p) => p.schemaversion === svText?.trim());
    const hint = close
      ? 'remove the spaces or line breaks around it'
      : bySchemaversion
        ? 'older 2004 editions are not supported: use "2004 4th Edition" and its schemas'
        : 'Moodle treats anything else as 1.2';
    add(
      'error',
      'schemaversion-invalid',
      at(schemaversion),
      `"${svText}" must be exactly "1.2" or "2004 4th Edition" (${hint})`,
    );
  }
  if (!profile) {
    add(
      'error',
      'version-unknown',
      at(root),
      `cannot tell the SCORM version: neither <schemaversion> nor the default namespace (${cp ?? 'none'}) is SCORM 1.2 or 2004`,
    );
  }

  for (const d of doc.declarations) {
    const known = versionOfNamespace(d.uri);
    if (!known || !profile) continue;
    const decl = `${MANIFEST}:${d.line} xmlns${d.prefix ? `:${d.prefix}` : ''}="${d.uri}"`;
    if (known.profile !== profile) {
      add('error', 'namespace-mix', decl, `a ${profile.label} manifest declares a ${known.profile.label} namespace`);
    } else if (known.prefix !== undefined && d.prefix !== known.prefix) {
      const wanted = known.prefix ? `the prefix "${known.prefix}"` : 'the default namespace (no prefix)';
      add('error', 'namespace-prefix', decl, `use ${wanted}: some LMSs (Moodle) match the literal prefix`);
    }
  }

  // --- Schema validity (xmllint). It cannot see the rules below, which is why they follow.
  if (profile) {
    try {
      for (const p of schemaProblems(manifestBytes, profile, options.schemasDir)) {
        add('error', 'schema-invalid', p.line === null ? MANIFEST : `${MANIFEST}:${p.line}`, p.message);
      }
    } catch (e) {
      add('error', 'schema-unavailable', MANIFEST, `schema check not done: ${(e as Error).message}`);
    }
  }

  // --- Identifiers: unique, and safe for every LMS (XML ID, no leading digit, no spaces or colons).
  const firstSeen = new Map<string, number>();
  const withId = [root, ...allElements(root)].filter((el) => el.ns === cp && attr(el, 'identifier') !== undefined);
  for (const el of withId) {
    const id = attr(el, 'identifier')!;
    if (!SAFE_IDENTIFIER.test(id)) {
      add(
        'error',
        'identifier-unsafe',
        at(el, ` identifier="${id}"`),
        'identifiers must start with a letter and use only letters, digits, "_", "-", "."',
      );
    }
    const first = firstSeen.get(id);
    if (first !== undefined)
      add('error', 'identifier-duplicate', at(el, ` identifier="${id}"`), `identifier already used on line ${first}`);
    else firstSeen.set(id, el.line);
  }

  // --- References: identifierref (items, dependencies) must name a resource; the default organization must exist.
  const resources = descendants(root, cp, 'resource');
  const resourceById = new Map(resources.map((r) => [attr(r, 'identifier') ?? '', r]));
  const launched = new Set<string>();
  for (const el of [...descendants(root, cp, 'item'), ...descendants(root, cp, 'dependency')]) {
    const ref = attr(el, 'identifierref');
    if (ref === undefined) continue;
    if (!resourceById.has(ref))
      add('error', 'identifierref-unresolved', at(el, ` identifierref="${ref}"`), `no <resource identifier="${ref}">`);
    else if (el.local === 'item') launched.add(ref);
  }
  for (const orgs of children(root, cp, 'organizations')) {
    const def = attr(orgs, 'default');
    const orgIds = children(orgs, cp, 'organization').map((o) => attr(o, 'identifier'));
    if (def !== undefined && !orgIds.includes(def))
      add('error', 'identifierref-unresolved', at(orgs, ` default="${def}"`), `no <organization identifier="${def}">`);
  }

  // --- scormtype: spelling and case per version, value sco/asset. Missing = asset = never tracked.
  let scoCount = 0;
  for (const res of resources) {
    const a = res.attrs.find((x) => x.local.toLowerCase() === 'scormtype');
    const id = attr(res, 'identifier') ?? '';
    if (!a) {
      if (profile && launched.has(id)) {
        add(
          'warning',
          'scormtype-missing',
          at(res, ` identifier="${id}"`),
          `launched by an item but has no adlcp:${profile.scormTypeAttr}: the LMS treats it as an asset and tracks nothing`,
        );
      }
      continue;
    }
    if (profile && (a.local !== profile.scormTypeAttr || a.prefix !== 'adlcp')) {
      add(
        'error',
        'scormtype-spelling',
        at(res, ` ${a.name}="${a.value}"`),
        `${profile.label} spells it adlcp:${profile.scormTypeAttr} (case matters; LMSs ignore other spellings and treat the resource as an asset)`,
      );
    }
    if (a.value !== 'sco' && a.value !== 'asset') {
      add(
        'error',
        'scormtype-value',
        at(res, ` ${a.name}="${a.value}"`),
        'value must be "sco" or "asset" (lower case)',
      );
    }
    if (a.value.toLowerCase() === 'sco') scoCount++;
  }
  if (profile && resources.length > 0 && scoCount === 0) {
    add('warning', 'no-sco', `${MANIFEST} <resources>`, 'no resource is a SCO: the LMS will not track anything');
  }

  // --- Files: every href exists in the zip (case-sensitive), and every file is listed.
  const fileSet = new Set(files);
  const byLowerCase = new Map(files.map((f) => [f.toLowerCase(), f]));
  const listed = new Set<string>();
  const checkHref = (el: XmlElement, href: string, code: string, what: string): void => {
    const where = at(el, ` href="${href}"`);
    const full = xmlBase(el) + href;
    const external = externalUrlReason(full);
    const path = external ? null : packagePath(full);
    if (external || path === null) {
      add(
        'error',
        'href-external',
        where,
        `${what} must be a file inside the package (${external ?? 'path leaves the package'})`,
      );
      return;
    }
    if (code === 'file-missing') listed.add(path);
    if (!fileSet.has(path)) {
      const other = byLowerCase.get(path.toLowerCase());
      add(
        'error',
        code,
        where,
        `${what} "${path}" is not in the zip${other ? ` (the zip has "${other}": case must match, LMS servers are case-sensitive)` : ''}`,
      );
    }
  };
  for (const res of resources) {
    const href = attr(res, 'href');
    if (href !== undefined)
      checkHref(
        res,
        href,
        'launch-missing',
        launched.has(attr(res, 'identifier') ?? '') ? 'launch file' : 'resource href',
      );
    else if (launched.has(attr(res, 'identifier') ?? ''))
      add('error', 'launch-missing', at(res), 'launched by an item but has no href');
    for (const file of children(res, cp, 'file')) {
      const fileHref = attr(file, 'href');
      if (fileHref === undefined) continue; // a schema error already
      checkHref(file, fileHref, 'file-missing', 'listed file');
    }
  }
  for (const f of files) {
    // Control files (the manifest and schema files at the root) are not listed by convention.
    const control = f === MANIFEST || (!f.includes('/') && /\.(xsd|dtd)$/i.test(f));
    if (!control && !listed.has(f) && junkRoot(f) === null) {
      add(
        'warning',
        'file-unlisted',
        f,
        'in the zip but not listed in any <file href> (see the severity note in validate.ts)',
      );
    }
  }

  // --- No loads from outside the package in HTML (src/href) and CSS (url(), @import).
  const text = new TextDecoder('utf-8');
  for (const f of files) {
    const isHtml = /\.(html?|xhtml)$/i.test(f);
    if ((!isHtml && !/\.css$/i.test(f)) || junkRoot(f) !== null) continue;
    const source = text.decode(entries[f]);
    for (const u of isHtml ? findHtmlExternalUrls(source) : findCssExternalUrls(source)) {
      add('error', 'url-external', `${f}:${u.line} ${u.context}`, `"${u.url}": ${u.reason}`);
    }
  }

  return finish();
}

function allElements(el: XmlElement): XmlElement[] {
  return el.children.flatMap((c) => [c, ...allElements(c)]);
}

/** xml:base values of the element and its ancestors, outermost first (IMS CP allows them on manifest/resources/resource/file). */
function xmlBase(el: XmlElement): string {
  let base = '';
  for (let e: XmlElement | null = el; e; e = e.parent) base = (attr(e, 'base', XML_NS) ?? '') + base;
  return base;
}

/** The zip path an href refers to (query and fragment dropped, %-escapes decoded), or null if it leaves the package. */
function packagePath(href: string): string | null {
  const clean = href.split(/[?#]/)[0]!;
  let decoded = clean;
  try {
    decoded = decodeURIComponent(clean);
  } catch {
    // keep it as written: a malformed %-escape will simply not match a file
  }
  const path = posix.normalize(decoded);
  if (path === '..' || path.startsWith('../')) return null;
  return path === '.' ? '' : path;
}
