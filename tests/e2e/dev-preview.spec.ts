/**
 * The live preview for clinical educators (npm run dev): the course is served with its content compiled on the
 * fly, an edit shows in the browser by itself, a content mistake shows on the page as plain "file:line: advice",
 * and the page's CSP lets Vite's client style the page (the built package keeps the strict one).
 * Runs against a copy of the content, so the real files are never touched.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';

const copy = mkdtempSync(join(tmpdir(), 'dev-preview-'));
let server: ViteDevServer;
let url = '';

test.beforeAll(async () => {
  for (const entry of ['course.yaml', 'modules', 'quizzes', 'content'])
    cpSync(join(process.cwd(), entry), join(copy, entry), { recursive: true });
  process.env.COURSE_CONTENT_ROOT = copy;
  server = await createServer({ server: { port: Number(process.env.PW_PORT ?? 4173) + 1000, strictPort: false } });
  await server.listen();
  url = server.resolvedUrls!.local[0]!;
});

test.afterAll(async () => {
  await server?.close();
  delete process.env.COURSE_CONTENT_ROOT;
  rmSync(copy, { recursive: true, force: true });
});

test('an educator edits a module and a quiz and sees the course, the change and any mistake in plain words', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Stem Cell Therapy for Chronic Pain' })).toBeVisible();
  // Styled: the top bar sticks (unstyled under the package's CSP, it would be static).
  await expect(page.locator('.topbar')).toHaveCSS('position', 'sticky');
  expect(violations).toEqual([]);

  const moduleFile = join(copy, 'modules', '01-chronic-pain.md');
  const original = readFileSync(moduleFile, 'utf8');
  writeFileSync(moduleFile, original.replace('title: The nature of chronic pain', 'title: The nature of pain, edited'));
  const edited = Date.now();
  await expect(page.locator('.module-list')).toContainText('The nature of pain, edited');
  console.log(`live preview: the edit was on screen ${Date.now() - edited} ms after the save`);

  const quizFile = join(copy, 'quizzes', '01-chronic-pain.yaml');
  const quiz = readFileSync(quizFile, 'utf8');
  const lines = quiz.split('\n');
  // A one-line prompt written without quotes (the next line starts another field).
  const promptLine = lines.findIndex(
    (l, i) => /^ {4}prompt: [^"'>|]/.test(l) && /^ {4}[a-z]+:/.test(lines[i + 1] ?? ''),
  );
  expect(promptLine).toBeGreaterThan(-1);
  lines[promptLine] = '    prompt: Which one: the first or the second?';
  writeFileSync(quizFile, lines.join('\n'));
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText('The course content has 1 problem to fix');
  await expect(alert.getByRole('listitem')).toHaveText([
    `quizzes/01-chronic-pain.yaml:${promptLine + 1}: this line has a colon followed by a space inside its text, so YAML reads a second field: put the whole text in "quotes", e.g. title: "Pain: what nurses need to know"`,
  ]);
  await expect(page.getByText(/node_modules|at .*\.ts:\d+/)).toHaveCount(0);

  writeFileSync(quizFile, quiz);
  await expect(page.locator('.module-list')).toContainText('The nature of pain, edited');
  expect(violations).toEqual([]);
});
