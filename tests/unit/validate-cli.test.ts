// `npm run validate -- some.zip` as an administrator runs it: on our two real packages (built here from the
// project, so the test never depends on a stale dist/) and on the broken fixtures of the issue, as zip files.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages } from '../../tools/package/build.ts';
import { BROKEN, writeBrokenPackages } from '../fixtures/packages/broken.ts';

const PROJECT = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'validate-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function validate(...zips: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT, 'tools/validate/cli.ts'), ...zips], {
    encoding: 'utf8',
    cwd: PROJECT,
  });
}

describe('validator CLI on our packages', { timeout: 60_000 }, () => {
  let zips: string[] = [];
  beforeAll(async () => {
    const courseDir = join(tmp, 'course');
    await build({ root: PROJECT, logLevel: 'silent', build: { outDir: courseDir, emptyOutDir: true } });
    zips = buildPackages({ root: PROJECT, courseDir, outDir: tmp }).packages.map((p) => p.zipPath);
  }, 120_000); // a full vite build of the course

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
