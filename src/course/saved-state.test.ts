import { describe, expect, it } from 'vitest';
import { freshProgress, type Progress } from './progress.ts';
import { attemptSeed, drawAttempt } from './quiz.ts';
import { decodeProgress, encodeProgress, SavedStateError } from './saved-state.ts';
import { tinyCourse } from './tiny-course.fixture.ts';

const course = tinyCourse();

/** Module 1 passed on attempt 3 (all correct); module 2 mid-quiz with the first question answered. */
function sample(): Progress {
  const p = freshProgress(course, 4242);
  p.view = 'question';
  p.at = { module: 1, page: 1, question: 1 };
  const correct = (module: number, number: number) =>
    drawAttempt(course.modules[module]!.quiz, attemptSeed(p.learnerSeed, module, number)).map((d) => d.question.correct);
  p.modules[0] = { visited: [true, true], attempts: 3, best: 100, passed: true, attempt: { number: 3, answers: correct(0, 3), submitted: true, score: 100 } };
  p.modules[1] = { visited: [true, true], attempts: 0, best: null, passed: false, attempt: { number: 1, answers: [correct(1, 1)[0]!, null], submitted: false, score: null } };
  return p;
}

describe('saved-state codec', () => {
  it('round-trips progress exactly', () => {
    const p = sample();
    const { progress, notes } = decodeProgress(course, encodeProgress(course, p));
    expect(notes).toEqual([]);
    expect(progress).toEqual(p);
  });

  it('is compact: a whole four-module course with many attempts stays far below 4096 characters', () => {
    const big = tinyCourse(4);
    const p = freshProgress(big, 0xffffffff);
    p.modules = p.modules.map(() => ({ visited: [true, true], attempts: 999_999, best: 100, passed: true, attempt: { number: 999_999, answers: [['a', 'b', 'c'], ['a', 'b', 'c']], submitted: false, score: null } }));
    expect(encodeProgress(big, p).length).toBeLessThan(400);
  });

  it.each([
    ['empty', ''],
    ['random text', 'lorem ipsum dolor'],
    ['an unknown format version', '9|x|y'],
    ['another course', encodeProgress(tinyCourse(), sample()).replace(/^1\|[^|]+/, '1|zzzz')],
    ['truncated', encodeProgress(course, sample()).slice(0, 12)],
    ['a markup probe', '1|<img src=x onerror=alert(1)>'],
  ])('rejects %s with a SavedStateError, never another exception', (_name, text) => {
    expect(() => decodeProgress(course, text)).toThrow(SavedStateError);
  });

  it('keeps quiz results but restarts the pages of a module whose content changed', () => {
    const text = encodeProgress(course, sample());
    const changed = tinyCourse();
    changed.modules[0]!.contentHash = 'new';
    const { progress, notes } = decodeProgress(changed, text);
    expect(progress.modules[0]).toMatchObject({ passed: true, best: 100, attempts: 3, visited: [false, false], attempt: null });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/Module 1 was updated/);
  });

  it('falls back to the menu when the saved place no longer exists', () => {
    const p = sample();
    p.view = 'page';
    p.at = { module: 1, page: 7, question: 0 };
    const { progress } = decodeProgress(course, encodeProgress(course, p));
    expect(progress.view).toBe('menu');
  });
});
