import { describe, expect, it } from 'vitest';
import { correctOptions } from './answer-key.ts';
import { COMMENT_MAX, emptyEvaluation, TEXT_MAX } from './evaluation.ts';
import { freshProgress, type Progress } from './progress.ts';
import { attemptDraw } from './quiz.ts';
import { decodeProgress, encodeProgress, respelled, SavedStateError } from './saved-state.ts';
import { tinyCourse, tinyCourseFullEvaluation } from './tiny-course.fixture.ts';

const course = tinyCourse();

/** Module 1 passed on attempt 3 (all correct); module 2 mid-quiz with the first question answered. */
function sample(): Progress {
  const p = freshProgress(course, 4242);
  p.view = 'question';
  p.at = { module: 1, page: 1, question: 1 };
  const correct = (module: number, number: number) =>
    attemptDraw(course.modules[module]!.quiz, p.learnerSeed, module, number).map((d) => correctOptions(d.question));
  p.modules[0] = {
    visited: [true, true],
    attempts: 3,
    best: 100,
    passed: true,
    attempt: { number: 3, answers: correct(0, 3), submitted: true, score: 100 },
  };
  p.modules[1] = {
    visited: [true, true],
    attempts: 0,
    best: null,
    passed: false,
    attempt: { number: 1, answers: [correct(1, 1)[0]!, null], submitted: false, score: null },
  };
  // The baseline check done before Module 1: the first item wrong, the second right.
  p.baseline = { status: 'done', answers: [['a'], ['t']] };
  return p;
}

describe('saved-state codec', () => {
  it('round-trips progress exactly', () => {
    const p = sample();
    const { progress, notes } = decodeProgress(course, encodeProgress(course, p));
    expect(notes).toEqual([]);
    expect(progress).toEqual(p);
  });

  it('reads the respelled text as the same progress', () => {
    const p = sample();
    const text = encodeProgress(course, p);
    expect(respelled(text)).not.toBe(text);
    expect(decodeProgress(course, respelled(text))).toEqual(decodeProgress(course, text));
  });

  it('is compact: a whole four-module course with many attempts stays far below 4096 characters', () => {
    const big = tinyCourse(4);
    const p = freshProgress(big, 0xffffffff);
    p.modules = p.modules.map(() => ({
      visited: [true, true],
      attempts: 999_999,
      best: 100,
      passed: true,
      attempt: {
        number: 999_999,
        answers: [
          ['a', 'b', 'c'],
          ['a', 'b', 'c'],
        ],
        submitted: false,
        score: null,
      },
    }));
    expect(encodeProgress(big, p).length).toBeLessThan(400);
  });

  it.each([
    ['empty', ''],
    ['random text', 'lorem ipsum dolor'],
    ['an unknown format version', '9|x|y'],
    ['another course', encodeProgress(tinyCourse(), sample()).replace(/^3\|[^|]+/, '3|zzzz')],
    ['a bad baseline status', encodeProgress(course, sample()).replace(/:d:11\|/, ':x:11|')],
    ['a bad baseline answer', encodeProgress(course, sample()).replace(/:d:11\|/, ':d:19|')],
    ['a done baseline with an unanswered item', encodeProgress(course, sample()).replace(/:d:11\|/, ':d:1*|')],
    ['a bad evaluation rating', encodeProgress(course, sample()).replace(/\|[0-9a-z]+:\*\*:/, '|x:9*:')],
    ['a bad evaluation date', encodeProgress(course, sample()).replace(/:\*\*::/, ':**:20261340:')],
    ['a broken comment escape', encodeProgress(course, sample()).replace(/:\*\*::/, ':**::~zz')],
    ['an evaluation without its comment field', encodeProgress(course, sample()).replace(/:\*\*::/, ':**')],
    ['truncated', encodeProgress(course, sample()).slice(0, 12)],
    ['a markup probe', '1|<img src=x onerror=alert(1)>'],
  ])('rejects %s with a SavedStateError, never another exception', (_name, text) => {
    expect(() => decodeProgress(course, text)).toThrow(SavedStateError);
  });

  it('round-trips the evaluation: ratings, any comment text, and the submission date', () => {
    const p = sample();
    p.evaluation = {
      ...p.evaluation,
      ratings: [5, null],
      comment: 'Clear | useful ~ 100% — naïve 😀\nsecond line: yes',
      submittedOn: null,
    };
    expect(decodeProgress(course, encodeProgress(course, p)).progress).toEqual(p);
    p.evaluation = { ...p.evaluation, ratings: [5, 1], comment: '', submittedOn: '2026-11-14' };
    expect(decodeProgress(course, encodeProgress(course, p)).progress).toEqual(p);
  });

  it('decodes format version 1 (saved before the evaluation existed) and asks a finished learner for the evaluation', () => {
    // Written by the version-1 encoder: both modules passed, the learner on the completion screen.
    const v1 = '1|wcy52n|39u|7.0.0.0|h1:3:1:2s:1:1.s2s.52|h2:1:2:2s:1:2.s2s.22';
    const { progress, notes } = decodeProgress(course, v1);
    expect(notes).toEqual([]);
    expect(progress.modules.map((m) => m.passed)).toEqual([true, true]);
    expect(progress.modules[1]!.visited).toEqual([true, false]);
    expect(progress.evaluation).toEqual(emptyEvaluation(course));
    expect(progress.view).toBe('evaluation');
    expect(progress.baseline).toEqual({ status: 'missed', answers: [null, null] });
    expect(encodeProgress(course, progress)).toMatch(/^3\|/);
  });

  it('decodes format version 2 (saved before the baseline check): a learner already in the modules is not sent back to it', () => {
    // Written by the version-2 encoder: module 1 passed, the learner on page 1 of module 2.
    const inModules = '2|wcy52n|39u|2.1.0.0|10dgs8c:**::|h1:3:1:2s:1:1.s2s.52|h2:1:0::0:';
    const resumed = decodeProgress(course, inModules);
    expect(resumed.notes).toEqual([]);
    expect(resumed.progress.baseline).toEqual({ status: 'missed', answers: [null, null] });
    expect(resumed.progress.view).toBe('page');
    expect(resumed.progress.at).toEqual({ module: 1, page: 0, question: 0 });
    expect(resumed.progress.modules[0]).toMatchObject({ passed: true, best: 100 });
    // A learner who had not opened a module yet takes it like a new learner.
    const notStarted = decodeProgress(course, '2|wcy52n|39u|1.0.0.0|10dgs8c:**::|h1:0:0::0:|h2:0:0::0:');
    expect(notStarted.progress.baseline).toEqual({ status: 'open', answers: [null, null] });
  });

  it('round-trips the baseline: open with some answers, skipped, done', () => {
    const p = sample();
    p.baseline = { status: 'open', answers: [null, ['f']] };
    p.view = 'baselineQuestion';
    p.at = { module: 0, page: 0, question: 1 };
    p.modules = freshProgress(course, 1).modules;
    expect(decodeProgress(course, encodeProgress(course, p)).progress).toEqual(p);
    const skipped = { ...sample(), baseline: { status: 'skipped' as const, answers: [null, null] } };
    expect(decodeProgress(course, encodeProgress(course, skipped)).progress).toEqual(skipped);
    // A baseline screen once the check is done is no place to resume to: the menu instead.
    const done = { ...sample(), view: 'baselineSummary' as const };
    expect(decodeProgress(course, encodeProgress(course, done)).progress.view).toBe('menu');
  });

  it('restarts a half-done baseline whose bank changed, and keeps a done one as not comparable', () => {
    const open = freshProgress(course, 7);
    open.baseline = { status: 'open', answers: [['c'], null] };
    const changed = tinyCourse();
    changed.baseline!.questions = [...changed.baseline!.questions].reverse();
    const draft = decodeProgress(changed, encodeProgress(course, open));
    expect(draft.progress.baseline).toEqual({ status: 'open', answers: [null, null] });
    expect(draft.notes).toEqual(['The baseline check was updated since your last visit, so its answers start again.']);
    const done = decodeProgress(changed, encodeProgress(course, sample()));
    expect(done.progress.baseline).toEqual({ status: 'missed', answers: [null, null] });
  });

  it('restarts unsubmitted evaluation answers when the evaluation items changed, but keeps a submission', () => {
    const p = sample();
    p.evaluation = { ...p.evaluation, ratings: [4, 4], comment: 'ok', submittedOn: null };
    const changed = tinyCourse();
    changed.evaluation = [
      ...changed.evaluation!,
      { id: 'eval-time', type: 'likert', prompt: 'The time estimate was accurate.' },
    ];
    const draft = decodeProgress(changed, encodeProgress(course, p));
    expect(draft.progress.evaluation).toEqual(emptyEvaluation(changed));
    expect(draft.notes).toEqual([
      'The course evaluation was updated since your last visit, so its answers start again.',
    ]);
    p.evaluation.submittedOn = '2026-11-14';
    const submitted = decodeProgress(changed, encodeProgress(course, p));
    expect(submitted.progress.evaluation.submittedOn).toBe('2026-11-14');
    expect(submitted.notes).toEqual([]);
  });

  it('fits SCORM 1.2 suspend_data in the worst case: 4 modules of 64 pages, draws of 10, 10 Likert items, a 500-unit non-ASCII comment, 24 baseline items', () => {
    const big = tinyCourse(4);
    for (const m of big.modules) {
      m.pages = Array.from({ length: 64 }, (_, i) => ({ id: `p${i}`, title: `Page ${i}`, html: '', words: 1 }));
      m.quiz = {
        draw: 10,
        questions: Array.from({ length: 10 }, (_, i) => ({ ...m.quiz.questions[1]!, id: `${m.id}-q${i}` })),
      };
    }
    // 6 baseline items per module (the real course has about 4), every one answered with all 3 options.
    big.baseline = {
      hash: 'big',
      questions: big.modules.flatMap((m) =>
        Array.from({ length: 6 }, (_, i) => ({ ...m.quiz.questions[1]!, id: `pre-${m.id}-${i + 1}` })),
      ),
    };
    big.evaluation = [
      ...Array.from({ length: 10 }, (_, i) => ({ id: `eval-${i}`, type: 'likert' as const, prompt: `Item ${i}` })),
      { id: 'eval-comment', type: 'comment', prompt: 'Comments' },
    ];
    const p = freshProgress(big, 0xffffffff);
    p.view = 'certificate';
    p.modules = p.modules.map(() => ({
      visited: Array(64).fill(true),
      attempts: 999_999,
      best: 100,
      passed: true,
      attempt: { number: 999_999, answers: Array(10).fill(['a', 'b', 'c']), submitted: true, score: 100 },
    }));
    // Every unit escapes to 5 characters; an emoji is 2 units, so the cap cuts between pairs, never inside one.
    p.evaluation = {
      ...emptyEvaluation(big),
      ratings: Array(10).fill(5),
      comment: '😀'.repeat(COMMENT_MAX / 2),
      submittedOn: '2026-12-31',
    };
    p.baseline = { status: 'done', answers: Array(24).fill(['a', 'b', 'c']) };
    const text = encodeProgress(big, p);
    expect(text.length).toBeLessThan(4096);
    expect(text.length).toBeLessThan(3000);
    expect(decodeProgress(big, text).progress).toEqual(p);
  });

  it('keeps quiz results but restarts the pages of a module whose content changed', () => {
    const text = encodeProgress(course, sample());
    const changed = tinyCourse();
    changed.modules[0]!.contentHash = 'new';
    const { progress, notes } = decodeProgress(changed, text);
    expect(progress.modules[0]).toMatchObject({
      passed: true,
      best: 100,
      attempts: 3,
      visited: [false, false],
      attempt: null,
    });
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

describe('saved-state codec: the evaluation additions and the licence (optional fields)', () => {
  const full = tinyCourseFullEvaluation();

  it('round-trips outcome ratings, choices, yes/no answers, their texts and the licence', () => {
    const p = freshProgress(full, 77);
    p.modules = p.modules.map((m) => ({ ...m, visited: [true, true], attempts: 1, best: 100, passed: true }));
    p.view = 'certificate';
    p.baseline = { ...p.baseline, status: 'skipped' }; // (a learner in the modules is past the baseline check)
    p.evaluation = {
      ...p.evaluation,
      ratings: [4],
      outcomes: [3, null],
      chosen: [['a', 'c'], []],
      answers: [false],
      texts: ['Teach | colleagues ~ naïve', '', 'A clinic 😀 ad: "cure"'],
      comment: 'Fine: really',
      submittedOn: '2026-11-14',
      licence: { number: 'RN-12345', state: 'OH' },
    };
    const text = encodeProgress(full, p);
    expect(text).toContain('~!RN-12345.OH');
    expect(decodeProgress(full, text).progress).toEqual(p);
  });

  it('decodes a save from before the additions (no extra fields) with them empty, and keeps its answers', () => {
    const p = freshProgress(full, 77);
    p.modules[0] = { ...p.modules[0]!, visited: [true, false] };
    p.view = 'page';
    p.evaluation = { ...p.evaluation, ratings: [5], comment: 'Old comment' };
    // An older encoder wrote only <hash>:<ratings>:<date>:<comment>.
    const old = encodeProgress(full, p)
      .replace(/:5\.[^:]*:/, ':5:')
      .replace(/(Old comment)(~\.)+/, '$1');
    expect(old).toMatch(/:5::Old comment\|/);
    const { progress, notes } = decodeProgress(full, old);
    expect(notes).toEqual([]);
    expect(progress.evaluation).toEqual({ ...emptyEvaluation(full), ratings: [5], comment: 'Old comment' });
  });

  it('drops a licence that fails the checks instead of the whole progress, and caps each text', () => {
    const p = freshProgress(full, 77);
    p.modules[0] = { ...p.modules[0]!, visited: [true, false] };
    p.view = 'page';
    p.evaluation = { ...p.evaluation, texts: ['x'.repeat(TEXT_MAX), '', ''] };
    const text = encodeProgress(full, p).replace('|h1', '~!RN 1.OH|h1');
    const decoded = decodeProgress(full, text).progress.evaluation;
    expect(decoded.licence).toEqual({ number: '', state: '' });
    expect(decoded.texts[0]).toHaveLength(TEXT_MAX);
  });

  it('keeps the licence and the submission when the evaluation items change', () => {
    const p = freshProgress(full, 77);
    p.modules = p.modules.map((m) => ({ ...m, visited: [true, true], attempts: 1, best: 100, passed: true }));
    p.view = 'certificate';
    p.evaluation = { ...p.evaluation, ratings: [4], submittedOn: '2026-11-14', licence: { number: 'A1', state: 'GU' } };
    const changed = tinyCourseFullEvaluation();
    changed.evaluation = changed.evaluation!.filter((i) => i.id !== 'eval-barriers');
    const { progress } = decodeProgress(changed, encodeProgress(full, p));
    expect(progress.evaluation).toEqual({
      ...emptyEvaluation(changed),
      submittedOn: '2026-11-14',
      licence: { number: 'A1', state: 'GU' },
    });
    expect(progress.view).toBe('certificate');
  });
});
