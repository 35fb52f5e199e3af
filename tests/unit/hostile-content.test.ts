/**
 * Security: Markdown content cannot inject script. The hostile fixture (tests/fixtures/content/hostile, laid over
 * the valid fixture) puts raw HTML, event handlers, javascript: links and images everywhere an author can write;
 * the build rejects every one of them, by file and line, rather than shipping or silently dropping them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCourse, ContentError } from '../../tools/content/compile.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/content');
const root = mkdtempSync(join(tmpdir(), 'hostile-content-'));
cpSync(join(FIXTURES, 'valid'), root, { recursive: true });
cpSync(join(FIXTURES, 'hostile/modules'), join(root, 'modules'), { recursive: true });
cpSync(join(FIXTURES, 'hostile/quizzes'), join(root, 'quizzes'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

function problems(): string[] {
  try {
    compileCourse(root);
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  throw new Error('the hostile content compiled: raw HTML or a script link got through');
}

describe('security: hostile Markdown content is rejected at build time', () => {
  const found = problems();
  const M = 'modules/01-first-steps.md';
  const Q = 'quizzes/01-first-steps.yaml';

  it.each([
    [`${M}:16:`, 'raw HTML', 'a <script> block'],
    [`${M}:18:`, 'raw HTML', 'an <img onerror> inline'],
    [`${M}:20:`, 'raw HTML', 'an <a href="javascript:"> in a list'],
    [`${M}:21:`, 'link "javascript:', 'a javascript: Markdown link'],
    [`${M}:25:`, 'raw HTML', 'an <iframe>'],
    [`${M}:27:`, 'raw HTML', 'an <svg onload> in a quote'],
    [`${M}:29:`, 'image', 'an image from another site'],
    [`${M}:31:`, 'raw HTML', 'an HTML comment'],
    [`${Q}:7:`, 'prompt: raw HTML', 'an <img onerror> in a question prompt'],
    [`${Q}:10:`, 'option "b": text: raw HTML', 'a <b onmouseover> in an option'],
    [`${Q}:13:`, 'rationale: link "javascript:', 'a javascript: link in a rationale'],
    [`${Q}:`, 'rationale: raw HTML "<script>"', 'a <script> in a block rationale'],
  ])('%s %s (%s)', (where, what) => {
    expect(
      found.filter((p) => p.startsWith(where) && p.includes(what)),
      found.join('\n'),
    ).not.toEqual([]);
  });

  it('reports nothing else: the escaped "&lt;script&gt;" stays text, the rest of the fixture is valid', () => {
    expect(
      found.every((p) => /HOSTILE|raw HTML|javascript:|image/.test(p)),
      found.join('\n'),
    ).toBe(true);
  });

  it('markup that is not valid HTML to Markdown compiles as escaped text, never as an element', () => {
    const plain = mkdtempSync(join(tmpdir(), 'escaped-content-'));
    try {
      cpSync(join(FIXTURES, 'valid'), plain, { recursive: true });
      const quiz = join(plain, 'quizzes/01-first-steps.yaml');
      const probe = `<img src=x onerror=alert('x')> and <svg/onload=alert(x)>`;
      writeFileSync(
        quiz,
        readFileSync(quiz, 'utf8').replace(
          'prompt: Chronic pain lasts longer than',
          `prompt: "Chronic pain lasts longer than ${probe}"`,
        ),
      );
      const prompt = compileCourse(plain).modules[0]!.quiz.questions.find((q) => q.id === 'm1-q1')!.prompt;
      expect(prompt).toContain('&lt;img src=x onerror=alert(');
      expect(prompt).not.toMatch(/<(img|svg)/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
