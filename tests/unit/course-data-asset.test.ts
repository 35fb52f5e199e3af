/**
 * In a production build the course content ships as data, not code: two hashed JSON assets (what the first
 * screen needs, then the pages' text), a loader that fetches them relative to the script, and a preload of the
 * first from index.html (tools/content/vite-plugin.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Rollup } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCourse } from '../../tools/content/compile.ts';
import { courseContent } from '../../tools/content/vite-plugin.ts';

const VALID = join(import.meta.dirname, '../fixtures/content/valid');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function appBuild(): Promise<Rollup.OutputBundle[keyof Rollup.OutputBundle][]> {
  const dir = mkdtempSync(join(tmpdir(), 'course-asset-'));
  temps.push(dir);
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head></head><body><script type="module" src="./entry.js"></script></body></html>',
  );
  writeFileSync(
    join(dir, 'entry.js'),
    "import { loadCourseData, loadPageTexts } from 'virtual:course-data-loader';\nwindow.load = [loadCourseData, loadPageTexts];\n",
  );
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    base: './',
    plugins: [courseContent({ root: VALID })],
    build: { write: false, minify: false, modulePreload: false },
  });
  return (Array.isArray(result) ? result[0]! : (result as Rollup.RollupOutput)).output;
}

describe('course content as JSON assets', { timeout: 30_000 }, () => {
  it('emits the data without page text, the page text apart, and a loader that fetches both', async () => {
    const output = await appBuild();
    const course = compileCourse(VALID);
    const asset = (prefix: string) =>
      output.find((o) => o.type === 'asset' && o.fileName.startsWith(`assets/${prefix}-`)) as Rollup.OutputAsset;

    const data = asset('course-data');
    expect(data.fileName).toMatch(/^assets\/course-data-[0-9a-f]{10}\.json$/);
    const core = JSON.parse(String(data.source));
    expect(core.settings).toEqual(course.settings);
    expect(core.modules.map((m: { pages: { html: string }[] }) => m.pages.map((p) => p.html))).toEqual(
      course.modules.map((m) => m.pages.map(() => '')),
    );
    expect(core.modules[0].quiz).toEqual(course.modules[0]!.quiz);

    const pages = asset('course-pages');
    expect(JSON.parse(String(pages.source))).toEqual(course.modules.map((m) => m.pages.map((p) => p.html)));

    const js = output.find((o) => o.type === 'chunk') as Rollup.OutputChunk;
    expect(js.fileName.startsWith('assets/')).toBe(true);
    expect(js.code).toContain(`"./${data.fileName.slice('assets/'.length)}"`);
    expect(js.code).toContain(`"./${pages.fileName.slice('assets/'.length)}"`);
    expect(js.code).not.toContain(course.modules[0]!.pages[0]!.title); // no content in the script

    const html = String((output.find((o) => o.fileName === 'index.html') as Rollup.OutputAsset).source);
    expect(html).toContain(`<link rel="preload" href="./${data.fileName}" as="fetch" crossorigin="anonymous">`);
    expect(html).not.toContain('course-pages-');
  });
});
