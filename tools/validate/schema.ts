// Schema validation of a manifest with Debian's xmllint against the project's wrapper XSDs
// (see /work/shared/scorm-schemas/README.md for why wrappers: xmllint ignores xsi:schemaLocation).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROFILES, type VersionProfile } from './scorm-versions.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** ../shared/scorm-schemas next to the project, unless SCORM_SCHEMAS_DIR (absolute, or relative to the cwd) says otherwise. */
function schemasDir(): string {
  const override = process.env.SCORM_SCHEMAS_DIR;
  return override ? resolve(override) : resolve(PROJECT_ROOT, '../shared/scorm-schemas');
}

export interface SchemaProblem {
  line: number | null;
  message: string;
}

/** Empty list = valid. Throws only if the check cannot run at all (no xmllint, no schemas). */
export function schemaProblems(manifest: Uint8Array, profile: VersionProfile, dir = schemasDir()): SchemaProblem[] {
  const xsd = join(dir, profile.wrapperXsd);
  if (!existsSync(xsd)) throw new Error(`schema ${xsd} not found (set SCORM_SCHEMAS_DIR to the scorm-schemas folder)`);
  // xmllint reads files, not stdin-with-a-name; a temp file also keeps its messages free of zip paths.
  const tmp = mkdtempSync(join(tmpdir(), 'scorm-validate-'));
  try {
    const file = join(tmp, 'imsmanifest.xml');
    writeFileSync(file, manifest);
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
    if (run.error) {
      const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(
        missing ? 'xmllint is not installed (apt-get install libxml2-utils)' : `xmllint failed: ${run.error.message}`,
      );
    }
    if (run.status === 0) return [];
    // Keep the lines about the manifest; others are noise from the schema files themselves
    // (e.g. the known "ims_xml.xsd:1: namespace error" of the ADL 1.2 files).
    const problems: SchemaProblem[] = [];
    for (const text of run.stderr.split('\n')) {
      if (!text.startsWith(file)) continue;
      const m = /^:(\d+): (.*)$/.exec(text.slice(file.length));
      if (m)
        problems.push({
          line: Number(m[1]),
          message: shortenNamespaces(m[2]!.replace(/^.*?Schemas validity error : /, '')),
        });
    }
    if (problems.length === 0)
      problems.push({
        line: null,
        message: `xmllint exit code ${run.status}: ${run.stderr.trim().split('\n').at(-1)}`,
      });
    return problems;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** "{http://www.adlnet.org/xsd/adlcp_v1p3}scormType" reads better as "adlcp:scormType". */
function shortenNamespaces(message: string): string {
  return message.replace(/\{([^}]+)\}/g, (whole, uri: string) => {
    for (const p of PROFILES) {
      const ns = p.namespaces.find((n) => n.uri === uri);
      if (ns) return ns.prefix ? `${ns.prefix}:` : '';
    }
    return whole;
  });
}
