import { describe, expect, it } from 'vitest';
import { freshProgress, type Progress, type Rules } from '../course/progress.ts';
import { encodeProgress } from '../course/saved-state.ts';
import { tinyCourse } from '../course/tiny-course.fixture.ts';
import type { CourseData } from '../course/types.ts';
import { contentHash } from '../../tools/content/compile.ts';
import { stateWrites12, stateWrites2004, type RecordedStatus } from './cmi.ts';
import type { LaunchData } from './launch.ts';
import { courseRecord } from './record.ts';
import { NOTICE_FROM_DEVICE, NOTICE_FROM_LMS, NOTICE_UNREADABLE, progressFromLms, restoreProgress } from './restore.ts';

const course = tinyCourse();
const rules: Rules = { passMark: 80, attemptLimit: 0, navigation: 'sequential' };

function launch(overrides: Partial<LaunchData> = {}): LaunchData {
  return {
    entry: 'resume',
    suspendData: '',
    location: '',
    masteryPercent: null,
    learnerName: '',
    learnerId: 'nurse-a',
    mode: 'normal',
    credit: 'credit',
    recorded: { lessonStatus12: 'not attempted', completion2004: 'unknown', success2004: 'unknown' },
    interactionCount: 0,
    objectiveIds: [],
    ...overrides,
  };
}

/** What a finished learner's LMS holds: course and both objectives passed. */
const passedEverywhere: RecordedStatus = {
  lessonStatus12: 'passed',
  completion2004: 'completed',
  success2004: 'passed',
  score: 95,
  progressMeasure: 1,
  objectives: { m1: { passed: true, completed: true, score: 100 }, m2: { passed: true, completed: true, score: 90 } },
};

/** Module 1 passed, the learner on page 2 of module 2. */
function midway(c: CourseData = course): Progress {
  const p = freshProgress(c, 77);
  p.modules[0] = { visited: [true, true], attempts: 1, best: 100, passed: true, attempt: null };
  p.modules[1] = { ...p.modules[1]!, visited: [true, true] };
  p.view = 'page';
  p.at = { module: 1, page: 1, question: 0 };
  return p;
}

const good = encodeProgress(course, midway());
const BAD_SUSPEND_DATA: [string, string][] = [
  ['empty', ''],
  ['random text', 'Lorem ipsum dolor sit amet'],
  ['truncated', good.slice(0, Math.floor(good.length / 2))],
  ['an older format version', good.replace(/^3\|/, '0|')],
  ['another course', encodeProgress({ ...course, settings: { ...course.settings, id: 'another-course' } }, midway())],
];

/** Every write of the record the course would send for this progress, as element -> value. */
function writesFor(progress: Progress, recorded: RecordedStatus, version: '1.2' | '2004'): Map<string, string> {
  const record = courseRecord(course, progress, rules);
  const slots = ['m1', 'm2'];
  const index = (id: string) => slots.indexOf(id);
  return new Map(
    version === '1.2'
      ? stateWrites12(record, 'passed-incomplete', recorded, index)
      : stateWrites2004(record, recorded, index),
  );
}

describe('suspend_data that cannot be trusted', () => {
  it.each(BAD_SUSPEND_DATA)(
    '%s: resumes from the LMS location and results, says so once, and lowers nothing',
    (_name, text) => {
      const restored = restoreProgress(
        course,
        launch({ suspendData: text, location: 'm2/p2', recorded: passedEverywhere }),
        rules,
        null,
        5,
      );
      expect(restored.notices).toEqual([NOTICE_FROM_LMS]);
      const progress = restored.progress!;
      expect(progress.modules.map((m) => m.passed)).toEqual([true, true]);
      expect(progress.modules.map((m) => m.best)).toEqual([100, 90]);
      expect(progress).toMatchObject({ view: 'page', at: { module: 1, page: 1 } });
      for (const version of ['1.2', '2004'] as const) {
        const writes = writesFor(progress, passedEverywhere, version);
        if (version === '1.2') {
          expect(writes.get('cmi.core.lesson_status')).toBe('passed');
          expect(writes.get('cmi.core.score.raw')).toBe('95');
          expect([writes.get('cmi.objectives.0.status'), writes.get('cmi.objectives.1.status')]).toEqual([
            'passed',
            'passed',
          ]);
        } else {
          expect([
            writes.get('cmi.completion_status'),
            writes.get('cmi.success_status'),
            writes.get('cmi.progress_measure'),
          ]).toEqual(['completed', 'passed', '1']);
          expect(writes.get('cmi.score.raw')).toBe('95');
          expect(writes.get('cmi.objectives.1.success_status')).toBe('passed');
          expect(writes.get('cmi.objectives.1.completion_status')).toBe('completed');
        }
      }
    },
  );

  it('with nothing on record, a bad suspend_data starts afresh and says so; an empty one says nothing', () => {
    expect(restoreProgress(course, launch({ suspendData: 'garbage' }), rules, null, 5)).toEqual({
      progress: null,
      notices: [NOTICE_UNREADABLE],
      replay: [],
    });
    expect(restoreProgress(course, launch({ suspendData: '' }), rules, null, 5)).toEqual({
      progress: null,
      notices: [],
      replay: [],
    });
  });

  it('trusts a location only where the learner could be: a locked module or an unknown page lands on the menu', () => {
    const onlyFirst: RecordedStatus = {
      ...passedEverywhere,
      lessonStatus12: 'incomplete',
      success2004: 'unknown',
      objectives: { m1: { passed: true, completed: true, score: 85 } },
    };
    expect(progressFromLms(course, launch({ location: 'm2/quiz', recorded: onlyFirst }), rules, 1)).toMatchObject({
      view: 'quizIntro',
      at: { module: 1 },
    });
    expect(progressFromLms(course, launch({ location: 'm2/p9', recorded: onlyFirst }), rules, 1).view).toBe('menu');
    const nothing: RecordedStatus = {
      lessonStatus12: 'incomplete',
      completion2004: 'incomplete',
      success2004: 'unknown',
    };
    expect(progressFromLms(course, launch({ location: 'm2/p1', recorded: nothing }), rules, 1).view).toBe('menu');
    expect(
      progressFromLms(course, launch({ location: '"><img src=x onerror=alert(1)>', recorded: nothing }), rules, 1).view,
    ).toBe('menu');
  });

  it('keeps LMS passes on top of good suspend_data too (a module passed on another device)', () => {
    const restored = restoreProgress(course, launch({ suspendData: good, recorded: passedEverywhere }), rules, null, 5);
    expect(restored.notices).toEqual([]);
    expect(restored.progress!.modules[1]).toMatchObject({ passed: true, best: 90, visited: [true, true] });
  });
});

describe('device copy of what the LMS never committed', () => {
  it('wins over the LMS suspend_data it continues, and its answer records are replayed', () => {
    const further = midway();
    further.modules[1]!.attempt = { number: 1, answers: [null, null], submitted: false, score: null };
    further.view = 'quizIntro';
    const copy: [string, string][] = [
      ['cmi.suspend_data', encodeProgress(course, further)],
      ['cmi.interactions.3.id', 'x'],
    ];
    const restored = restoreProgress(course, launch({ suspendData: good }), rules, copy, 5);
    expect(restored.progress!.view).toBe('quizIntro');
    expect(restored.notices).toEqual([NOTICE_FROM_DEVICE]);
    expect(restored.replay).toEqual(copy);
  });

  it('is ignored, answers included, when its progress does not decode', () => {
    const restored = restoreProgress(
      course,
      launch({ suspendData: good }),
      rules,
      [
        ['cmi.suspend_data', 'tampered'],
        ['cmi.interactions.0.id', 'x'],
      ],
      5,
    );
    expect(restored.replay).toEqual([]);
    expect(restored.progress!.at).toEqual({ module: 1, page: 1, question: 0 });
  });
});

describe('the course is updated between launches', () => {
  /** The course as the compiler would build it after an edit of module 1 (same hash function as the build). */
  function updated(edit: (m: CourseData['modules'][number]) => void): CourseData {
    const next = tinyCourse();
    const m1 = next.modules[0]!;
    edit(m1);
    m1.contentHash = contentHash(
      m1.pages.map((p) => p.id),
      m1.quiz.questions.map((q) => q.id),
    );
    for (const m of next.modules.slice(1))
      m.contentHash = contentHash(
        m.pages.map((p) => p.id),
        m.quiz.questions.map((q) => q.id),
      );
    return next;
  }
  // The saved state of the old course, built with the compiler's hashes so an edit changes exactly module 1's.
  const before = updated(() => undefined);
  const saved = (() => {
    const p = midway(before);
    p.modules[0]!.attempt = { number: 1, answers: [['b'], ['a', 'c']], submitted: true, score: 100 };
    p.view = 'page';
    p.at = { module: 0, page: 1, question: 0 };
    return encodeProgress(before, p);
  })();

  it.each([
    ['a page removed', (m: CourseData['modules'][number]) => void m.pages.pop()],
    [
      'a page added',
      (m: CourseData['modules'][number]) =>
        void m.pages.push({ id: 'p3', title: 'Page 3', html: '<p>New</p>', words: 1 }),
    ],
    ['a question removed', (m: CourseData['modules'][number]) => void m.quiz.questions.pop()],
    [
      'a question added',
      (m: CourseData['modules'][number]) => void m.quiz.questions.push({ ...m.quiz.questions[0]!, id: 'm1-q9' }),
    ],
  ])('%s: the module restarts its pages, keeps its pass, and the other modules keep everything', (_name, edit) => {
    const after = updated(edit);
    const restored = restoreProgress(after, launch({ suspendData: saved }), rules, null, 5);
    const [m1, m2] = restored.progress!.modules;
    expect(m1).toMatchObject({ passed: true, best: 100, attempts: 1, attempt: null });
    expect(m1!.visited.every((v) => !v)).toBe(true);
    expect(m2!.visited).toEqual([true, true]);
    expect(restored.progress!.view).toBe('menu'); // the saved page may be gone
    expect(restored.notices).toEqual([
      'Module 1 was updated since your last visit, so its pages start again. Your quiz results are kept.',
    ]);
  });

  it('a module whose saved record is unusable is reset, with the pass the LMS records kept', () => {
    const after = updated((m) => void m.pages.pop());
    const broken = saved.replace(/\|[^|]+$/, '|not-a-module');
    const recorded: RecordedStatus = {
      lessonStatus12: 'incomplete',
      completion2004: 'incomplete',
      success2004: 'unknown',
      objectives: { m1: { passed: true, completed: true, score: 100 } },
    };
    const restored = restoreProgress(
      after,
      launch({ suspendData: broken, location: 'm2/p1', recorded }),
      rules,
      null,
      5,
    );
    expect(restored.notices).toEqual([NOTICE_FROM_LMS]);
    expect(restored.progress!.modules[0]).toMatchObject({ passed: true, best: 100 });
    expect(restored.progress!.at.module).toBe(1);
  });
});
