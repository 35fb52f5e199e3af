// `npm run validate -- some.zip` as an administrator runs it: on our two real packages (the ones `npm run build`
// just made in dist/: `npm test` builds once, before Vitest) and on the broken fixtures of the issue, as zip files.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN, writeBrokenPackages } from '../fixtures/packages/broken.ts';

const PROJECT = join(import.meta.dirname, '../..');
const DIST = join(PROJECT, 'dist');
const tmp = mkdtempSync(join(tmpdir(), 'validate-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function validate(...zips: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT, 'tools/validate/cli.ts'), ...zips], {
    encoding: 'utf8',
    cwd: PROJECT,
  });
}

/** dist/*.zip, SCORM 1.2 first (the order the CLI reports them in). */
function builtPackages(): string[] {
  const zips = existsSync(DIST)
    ? readdirSync(DIST)
        .filter((f) => /-scorm(12|2004)\.zip$/.test(f))
        .sort()
        .map((f) => join(DIST, f))
    : [];
  if (zips.length !== 2) throw new Error('dist/ has no packages: run `npm run build` first (npm test does)');
  return zips;
}

describe('validator CLI on our packages', { timeout: 30_000 }, () => {
  let zips: string[] = [];
  beforeAll(() => {
    zips = builtPackages();
  });

  it('the packages under test are the current build (dist/ is newer than course.yaml)', () => {
    const built = Math.min(...zips.map((z) => statSync(z).mtimeMs));
    expect(built).toBeGreaterThanOrEqual(statSync(join(PROJECT, 'course.yaml')).mtimeMs);
  });

  it('passes both with no errors or warnings, naming the version and size', () => {
    const result = validate(...zips);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const reports = result.stdout.trim().split('\n\n');
    expect(reports).toHaveLength(2);
    reports.forEach((report, i) => {
      const label = ['SCORM 1.2', 'SCORM 2004 4th Edition'][i]!;
      expect(report).toMatch(
        new RegExp(
          `^SCORM package .*-scorm(12|2004)\\.zip\\n {2}version: ${label}\\n {2}size: {4}[\\d.]+ kB \\([\\d,]+ bytes\\), \\d+ files\\nPASS: 0 errors, 0 warnings$`,
        ),
      );
    });
  });
});

describe('validator CLI on the broken fixtures', { timeout: 30_000 }, () => {
  let paths: string[] = [];
  beforeAll(() => {
    paths = writeBrokenPackages(join(tmp, 'broken'));
  });

  it.each(Object.entries(BROKEN))('fails %s with exit code 1 and names the problem', (name, { code }) => {
    const result = validate(paths.find((p) => p.endsWith(`/${name}.zip`))!);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`\\n {2}ERROR {3}.*\\[${code}\\]\\n`));
    expect(result.stdout).toMatch(/\nFAIL: \d+ errors?, \d+ warnings?\n/);
  });

  it('says how to use it, with exit code 2, when given no zip', () => {
    const result = validate();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: npm run validate -- path/to/package.zip');
  });
});
