import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Rollup } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCourse } from '../../tools/content/compile.ts';
import { courseContent } from '../../tools/content/vite-plugin.ts';

const PROJECT = join(import.meta.dirname, '../..');
const VALID = join(PROJECT, 'tests/fixtures/content/valid');

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A temp copy of the valid fixture whose first quiz answer is not an option. */
function brokenCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'content-tools-'));
  temps.push(root);
  cpSync(VALID, root, { recursive: true });
  const bank = join(root, 'quizzes/01-first-steps.yaml');
  writeFileSync(bank, readFileSync(bank, 'utf8').replace('answer: b', 'answer: e'));
  return root;
}

/** Bundles an entry that imports the virtual module, in memory, with only our plugin. */
async function bundle(contentRoot: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'content-vite-'));
  temps.push(dir);
  writeFileSync(join(dir, 'entry.js'), "import data from 'virtual:course-data';\nexport default data;\n");
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    plugins: [courseContent({ root: contentRoot })],
    build: { write: false, minify: false, lib: { entry: join(dir, 'entry.js'), formats: ['es'], fileName: 'out' } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
  return output.output[0].code;
}

// Each test starts a Vite build or a tsx process: allow for a busy machine.
describe('courseContent vite plugin', { timeout: 30_000 }, () => {
  it('serves the compiled course as virtual:course-data', async () => {
    const code = await bundle(VALID);
    const course = compileCourse(VALID);
    expect(code).toContain(JSON.stringify(course.settings.id));
    expect(code).toContain(course.modules[0]!.contentHash);
  });

  it('fails the build with every content problem', async () => {
    await expect(bundle(brokenCopy())).rejects.toThrow(
      'quizzes/01-first-steps.yaml:12: question "m1-q1": answer "e" is not one of its options',
    );
  });
});

describe('check CLI', { timeout: 30_000 }, () => {
  const run = (root: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT, 'tools/content/check.ts'), root], {
      encoding: 'utf8',
      cwd: PROJECT,
    });

  it('prints one line per module and exits 0', () => {
    const result = run(VALID);
    expect(result.status).toBe(0);
    const all = result.stdout.split('\n');
    // Each summary line is followed by the reading grade of each of its pages.
    const grades = all.filter((line) => line.startsWith('  grade '));
    const lines = all.filter((line) => !line.startsWith('  grade '));
    expect(lines.slice(0, 2)).toEqual([
      'm1  3 pages  38 words  0 interactive  0 diagrams  4 questions (draw 2)  per objective: m1-o1 2, m1-o2 2',
      'm2  2 pages  8 words  0 interactive  0 diagrams  3 questions (draw 3)  per objective: m2-o1 3',
    ]);
    expect(lines[2]).toMatch(
      /^ce {2}7 intro sections {2}2 glossary terms {2}5 references {2}3 evaluation items {2}0 contact hours: Computed from the content: /,
    );
    expect(lines[3]).toBe(
      'review  last reviewed 2026-01-15  last regulatory check 2026-01-15  1 change note for learners (content/update-log.yaml)',
    );
    expect(lines.slice(4)).toEqual(['']);
    // 3 + 2 module pages, 7 CE sections and the closing statement.
    expect(grades).toHaveLength(13);
    expect(grades[0]).toMatch(/^ {2}grade +-?\d+\.\d {2}m1\/\S+ +\d+ words {2}\S/);
    expect(all[1]).toMatch(/^ {2}grade .* m1\//);
  });

  it('prints every problem to stderr and exits 1', () => {
    const result = run(brokenCopy());
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(
      'quizzes/01-first-steps.yaml:12: question "m1-q1": answer "e" is not one of its options',
    );
    expect(result.stderr).toContain('1 problem in the course content');
  });
});
