/**
 * 5.10 SCORM 1.2's limits, property-based: random learner journeys through the real course (compiled from this
 * repository's content) drive the real statechart, bridge and LMS session against a 1.2 LMS that enforces the limits
 * real LMSs enforce (scorm-again relaxes suspend_data to 64000, so the browser tests alone would not catch an overflow).
 * Every write of every step must fit: suspend_data <= 4096, lesson_location <= 255, each interaction response and
 * pattern <= 255, identifiers <= 255 of [A-Za-z0-9_-].
 */
import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileCourse } from '../../tools/content/compile.ts';
import { courseMachine, type CourseEvent } from '../../src/course/course.machine.ts';
import { correctOptions } from '../../src/course/answer-key.ts';
import { drawnQuestions, isModuleUnlocked, type Rules } from '../../src/course/progress.ts';
import type { Question } from '../../src/course/types.ts';
import { bridgeCourseToLms } from '../../src/lms/bridge.ts';
import { choiceItems, COMMENT_MAX, TEXT_MAX, textItems } from '../../src/course/evaluation.ts';
import type { LmsConnection } from '../../src/lms/connection.ts';
import type { LaunchData } from '../../src/lms/launch.ts';
import { LmsSession } from '../../src/lms/session.ts';

const course = compileCourse(process.cwd());

/** The limits the harness LMS enforces for 1.2 (tests/e2e/harness/lms.js), as a real LMS would. */
const LIMITS: { pattern: RegExp; max: number; chars?: RegExp }[] = [
  { pattern: /^cmi\.suspend_data$/, max: 4096 },
  { pattern: /^cmi\.core\.lesson_location$/, max: 255 },
  { pattern: /^cmi\.interactions\.\d+\.(student_response|correct_responses\.\d+\.pattern)$/, max: 255 },
  {
    pattern: /^cmi\.(objectives\.\d+|interactions\.\d+|interactions\.\d+\.objectives\.\d+)\.id$/,
    max: 255,
    chars: /^[A-Za-z0-9_-]*$/,
  },
];

/** An in-memory SCORM 1.2 LMS that refuses what a strict LMS refuses, and remembers the longest of each kind. */
function strictLms() {
  const violations: string[] = [];
  const longest = { suspend: 0, location: 0, response: 0 };
  const conn: LmsConnection = {
    kind: '1.2',
    errors: [],
    initialize: () => true,
    getValue: () => '',
    setValue: (element, value) => {
      if (element === 'cmi.suspend_data') longest.suspend = Math.max(longest.suspend, value.length);
      if (element === 'cmi.core.lesson_location') longest.location = Math.max(longest.location, value.length);
      if (/\.student_response$/.test(element)) longest.response = Math.max(longest.response, value.length);
      for (const limit of LIMITS) {
        if (!limit.pattern.test(element)) continue;
        if (value.length > limit.max || (limit.chars && !limit.chars.test(value))) {
          violations.push(`${element} (${value.length} characters): ${value.slice(0, 60)}`);
          return false;
        }
      }
      return true;
    },
    commit: () => true,
    terminate: () => true,
  };
  return { conn, violations, longest };
}

const launch: LaunchData = {
  entry: 'ab-initio',
  suspendData: '',
  location: '',
  masteryPercent: null,
  learnerName: 'Nurse',
  learnerId: 'n-1',
  mode: 'normal',
  credit: 'credit',
  recorded: { lessonStatus12: 'not attempted', completion2004: '', success2004: '' },
  interactionCount: 0,
  objectiveIds: [],
};

/**
 * A step of a journey: a raw course event (often refused by a guard, as a stray tap would be), or "advance": what a
 * learner does next on the current screen, answering right or wrong, so that journeys get through the whole course.
 */
type Step = CourseEvent | { type: 'ADVANCE'; right: boolean; rating: number; comment: string };

type Snapshot = ReturnType<ReturnType<typeof createActor<typeof courseMachine>>['getSnapshot']>;

function advance(snapshot: Snapshot, step: Extract<Step, { type: 'ADVANCE' }>): CourseEvent | null {
  const { progress, rules } = snapshot.context;
  const at = progress.modules[progress.at.module];
  switch (String(snapshot.value)) {
    case 'resumePrompt':
      return { type: 'RESUME' };
    case 'intro':
      return { type: 'START' };
    case 'menu': {
      if (progress.modules.every((m) => m.passed)) return { type: 'FINISH' };
      const next = progress.modules.findIndex((m, i) => !m.passed && isModuleUnlocked(progress, rules, i));
      return next === -1 ? null : { type: 'OPEN_MODULE', module: next };
    }
    case 'page':
      return { type: 'NEXT' };
    case 'quizIntro':
      return { type: 'START_QUIZ' };
    case 'question': {
      if (at?.attempt?.answers[progress.at.question]) return { type: 'NEXT' };
      const q = drawnQuestions(course, progress, progress.at.module)[progress.at.question]!.question;
      return { type: 'ANSWER', selected: answer(q, step.right) };
    }
    case 'quizSummary':
    case 'baselineSummary':
      return { type: 'SUBMIT' };
    case 'baselineIntro':
      return { type: 'START_BASELINE' };
    case 'baselineQuestion': {
      if (progress.baseline.answers[progress.at.question]) return { type: 'NEXT' };
      return { type: 'ANSWER', selected: answer(course.baseline!.questions[progress.at.question]!, step.right) };
    }
    case 'result':
      return at?.passed ? { type: 'CONTINUE' } : { type: 'RETRY' };
    case 'evaluation': {
      // Every item answered, every choice chosen, every text written: the longest evaluation there is.
      const e = progress.evaluation;
      const item = e.ratings.indexOf(null);
      if (item !== -1) return { type: 'RATE', item, value: step.rating };
      const outcome = e.outcomes.indexOf(null);
      if (outcome !== -1) return { type: 'RATE_OUTCOME', item: outcome, value: 1 + (step.rating % 3) };
      const choices = choiceItems(course);
      const open = choices.findIndex((c, i) => e.chosen[i]!.length < c.choices.length);
      if (open !== -1) {
        const choice = choices[open]!.choices.find((c) => !e.chosen[open]!.includes(c.id))!.id;
        return { type: 'CHOOSE', item: open, choice, chosen: true };
      }
      const answer = e.answers.indexOf(null);
      if (answer !== -1) return { type: 'ANSWER_YESNO', item: answer, value: step.rating > 2 };
      const text = e.texts.indexOf('');
      if (text !== -1 && step.comment) return { type: 'TEXT', item: text, text: step.comment };
      if (e.comment === '' && step.comment) return { type: 'COMMENT', text: step.comment };
      return { type: 'SUBMIT_EVALUATION', date: '2026-11-14' };
    }
    case 'complete':
      return { type: 'CERTIFICATE' };
    case 'certificate':
      return progress.evaluation.licence.number ? { type: 'MENU' } : { type: 'LICENCE', licence: LONGEST_LICENCE };
    default:
      return { type: 'MENU' };
  }
}

/** Right: the key. Wrong: every option but the right ones (a long response for multiple-answer questions). */
function answer(q: Question, right: boolean): string[] {
  const key = correctOptions(q);
  const wrong = q.options.map((o) => o.id).filter((id) => !key.includes(id));
  return right || wrong.length === 0 ? key : q.type === 'multiple' ? wrong : [wrong[0]!];
}

const modules = course.modules.length;
/** The longest licence the certificate accepts (20 characters). */
const LONGEST_LICENCE = { number: `RN-${'9'.repeat(17)}`, state: 'MP' };
const optionIds = fc.subarray(['a', 'b', 'c', 'd', 'e', 'f', 't'], { minLength: 1 });
// Comments: any text, including the worst case for the codec (every unit escaped) and line breaks.
const comment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 700 }),
  fc.constant('😀'.repeat(400)),
  fc.constant('|~'.repeat(400)),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc
      .record({
        right: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
        rating: fc.integer({ min: 1, max: 5 }),
        comment,
      })
      .map((a) => ({ type: 'ADVANCE', ...a }) as const),
  },
  { weight: 2, arbitrary: optionIds.map((selected) => ({ type: 'ANSWER', selected }) as const) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<CourseEvent>(
      { type: 'NEXT' },
      { type: 'START_QUIZ' },
      { type: 'SUBMIT' },
      { type: 'RETRY' },
      { type: 'CONTINUE' },
      { type: 'FINISH' },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<CourseEvent>(
      { type: 'MENU' },
      { type: 'BACK' },
      { type: 'REVIEW_MODULE' },
      { type: 'CERTIFICATE' },
      { type: 'RESUME' },
      { type: 'START_OVER' },
      { type: 'START_BASELINE' },
      { type: 'SKIP_BASELINE' },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -1, max: modules }).map((module) => ({ type: 'OPEN_MODULE', module }) as const),
  },
  { weight: 1, arbitrary: fc.integer({ min: -1, max: 40 }).map((page) => ({ type: 'GOTO_PAGE', page }) as const) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -1, max: 12 }).map((question) => ({ type: 'GOTO_QUESTION', question }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ item: fc.integer({ min: 0, max: 12 }), value: fc.integer({ min: 0, max: 6 }) })
      .map((r) => ({ type: 'RATE', ...r }) as const),
  },
  { weight: 1, arbitrary: comment.map((text) => ({ type: 'COMMENT', text }) as const) },
  {
    weight: 1,
    arbitrary: fc
      .record({ item: fc.integer({ min: -1, max: 4 }), text: comment })
      .map((r) => ({ type: 'TEXT', ...r }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ item: fc.integer({ min: -1, max: 20 }), value: fc.integer({ min: 0, max: 4 }) })
      .map((r) => ({ type: 'RATE_OUTCOME', ...r }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        item: fc.integer({ min: -1, max: 3 }),
        choice: fc.constantFrom('a', 'c', 'g', 'z'),
        chosen: fc.boolean(),
      })
      .map((r) => ({ type: 'CHOOSE', ...r }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        number: fc.constantFrom('RN-1', 'RN 1', LONGEST_LICENCE.number, ''),
        state: fc.constantFrom('OH', 'MP', ''),
      })
      .map((licence) => ({ type: 'LICENCE', licence }) as const),
  },
);

/** Runs a journey: a list of steps, or a learner who decides each step from the screen (until null). */
function run(seed: number, attemptLimit: number, steps: Step[] | ((snapshot: Snapshot) => Step | null)) {
  const rules: Rules = { passMark: course.settings.passMark, attemptLimit, navigation: course.settings.navigation };
  const actor = createActor(courseMachine, { input: { course, rules, saved: null, learnerSeed: seed } }).start();
  const lms = strictLms();
  // Timers are left to the test: every step is flushed, so every intermediate state is written and checked.
  const session = new LmsSession(lms.conn, launch, {
    scorm12Status: course.settings.scorm12Status,
    setTimer: () => 0,
    clearTimer: () => undefined,
  });
  bridgeCourseToLms(actor, session, () => 1_700_000_000_000);
  const next = Array.isArray(steps)
    ? (() => {
        let i = 0;
        return () => steps[i++] ?? null;
      })()
    : () => steps(actor.getSnapshot());
  for (let s = next(), n = 0; s && n < 100_000; s = next(), n++) {
    const event = s.type === 'ADVANCE' ? advance(actor.getSnapshot(), s) : s;
    if (event) actor.send(event);
    session.flush();
  }
  return { ...lms, snapshot: actor.getSnapshot() };
}

describe('SCORM 1.2 limits over random journeys', () => {
  it('every write of every reachable state fits (suspend_data 4096, location 255, responses 255)', () => {
    let deepest = 0;
    let baselineDone = 0;
    let longest = { suspend: 0, location: 0, response: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.constantFrom(0, 1, 3),
        fc.integer({ min: 20, max: 700 }).chain((n) => fc.array(step, { minLength: n, maxLength: n })),
        (seed, limit, steps) => {
          const result = run(seed, limit, steps);
          expect(result.violations).toEqual([]);
          deepest = Math.max(deepest, result.snapshot.context.progress.modules.filter((m) => m.passed).length);
          if (result.snapshot.context.progress.baseline.status === 'done') baselineDone++;
          longest = {
            suspend: Math.max(longest.suspend, result.longest.suspend),
            location: Math.max(longest.location, result.longest.location),
            response: Math.max(longest.response, result.longest.response),
          };
        },
      ),
      { numRuns: 80 },
    );
    // The journeys must reach far into the course for the property to mean anything.
    expect(deepest).toBe(modules);
    expect(baselineDone).toBeGreaterThan(0);
    expect(longest.suspend).toBeLessThanOrEqual(4096);
  }, 120_000);

  it('the largest state: the baseline answered with the longest answers, 30 failed attempts with the longest answers in every module, the longest evaluation answers and the longest licence, still fits', () => {
    const learner = (snapshot: Snapshot): Step | null => {
      const { progress } = snapshot.context;
      if (String(snapshot.value) === 'certificate' && progress.evaluation.licence.number) return null;
      const right = (progress.modules[progress.at.module]?.attempts ?? 0) >= 30;
      // Each text as long as allowed, every unit escaped to 5 characters (the caps cut it to COMMENT_MAX / TEXT_MAX).
      return { type: 'ADVANCE', right, rating: 5, comment: '|~'.repeat(COMMENT_MAX) };
    };
    const result = run(0xffffffff, 0, learner);
    const { progress } = result.snapshot.context;
    expect(progress.modules.map((m) => [m.passed, m.attempts])).toEqual(course.modules.map(() => [true, 31]));
    expect(progress.evaluation.submittedOn).not.toBeNull();
    expect(progress.baseline.status).toBe('done');
    expect(progress.baseline.answers).toHaveLength(course.baseline!.questions.length);
    expect(progress.evaluation.comment).toHaveLength(COMMENT_MAX);
    expect(progress.evaluation.texts.map((t) => t.length)).toEqual(textItems(course).map(() => TEXT_MAX));
    expect(progress.evaluation.outcomes.every((r) => r !== null)).toBe(true);
    expect(progress.evaluation.chosen).toEqual(choiceItems(course).map((c) => c.choices.map((o) => o.id)));
    expect(progress.evaluation.licence).toEqual(LONGEST_LICENCE);
    console.info(`SCORM 1.2 suspend_data worst case: ${result.longest.suspend} characters of 4096`);
    expect(result.violations).toEqual([]);
    // The worst case is close to the limits, which is what makes it worth checking.
    expect(result.longest.suspend).toBeGreaterThan(2000);
    expect(result.longest.suspend).toBeLessThanOrEqual(4096);
    expect(result.longest.response).toBe(255);
  });
});
