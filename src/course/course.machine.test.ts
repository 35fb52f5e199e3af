/**
 * Tests generated from the statechart: every reachable state of a small course (2 modules, 2 attempts per quiz, a
 * baseline check of 2 items) is visited by shortest paths from xstate/graph, and invariants are checked in each.
 */
import { correctOptions } from './answer-key.ts';
import { describe, expect, it } from 'vitest';
import { createActor, transition, type SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import {
  courseMachine,
  savedProgress,
  viewOf,
  type CourseEmitted,
  type CourseEvent,
  type CourseInput,
} from './course.machine.ts';
import {
  allQuizzesPassed,
  certificateReady,
  drawnQuestions,
  hasProgress,
  isEvaluated,
  isModuleUnlocked,
  VIEWS,
  type Rules,
} from './progress.ts';
import { COMMENT_MAX, emptyEvaluation, TEXT_MAX } from './evaluation.ts';
import { baselinePending } from './baseline.ts';
import { decodeProgress, encodeProgress } from './saved-state.ts';
import { tinyCourse, tinyCourseFullEvaluation } from './tiny-course.fixture.ts';

type Snapshot = SnapshotFrom<typeof courseMachine>;

const course = tinyCourse();
const rules: Rules = { passMark: 80, attemptLimit: 2, navigation: 'sequential' };
const input: CourseInput = { course, rules, saved: null, learnerSeed: 12345 };

/** The events worth trying in a state; ANSWER offers the correct and one wrong answer to the current question,
 *  the evaluation events (valid and invalid) are offered on the evaluation screen only, to keep the graph small. */
function eventsFor(snapshot: Snapshot): CourseEvent[] {
  const { progress } = snapshot.context;
  const events: CourseEvent[] = [
    { type: 'RESUME' },
    { type: 'START_OVER' },
    { type: 'START' },
    { type: 'MENU' },
    { type: 'NEXT' },
    { type: 'BACK' },
    { type: 'START_QUIZ' },
    { type: 'SUBMIT' },
    { type: 'RETRY' },
    { type: 'REVIEW_MODULE' },
    { type: 'CONTINUE' },
    { type: 'FINISH' },
    ...course.modules.map((_, module) => ({ type: 'OPEN_MODULE' as const, module })),
    { type: 'GOTO_PAGE', page: 0 },
    { type: 'GOTO_PAGE', page: 1 },
    { type: 'GOTO_QUESTION', question: 0 },
    { type: 'CERTIFICATE' },
    { type: 'START_BASELINE' },
    { type: 'SKIP_BASELINE' },
  ];
  if (snapshot.matches('evaluation')) {
    events.push(
      { type: 'RATE', item: 0, value: 4 },
      { type: 'RATE', item: 1, value: 2 },
      { type: 'RATE', item: 0, value: 6 },
      { type: 'RATE', item: 2, value: 3 },
      { type: 'COMMENT', text: 'Useful | clear ~ ünïcode' },
      { type: 'SUBMIT_EVALUATION', date: '2026-02-30' },
      { type: 'SUBMIT_EVALUATION', date: '2026-11-14' },
    );
  }
  if (snapshot.matches('baselineQuestion')) {
    // The correct answer and a cleared one (a wrong answer is graded in the walks below: offering it here would
    // multiply every later state by the baseline's answer combinations).
    const question = course.baseline!.questions[progress.at.question]!;
    events.push({ type: 'ANSWER', selected: correctOptions(question) }, { type: 'ANSWER', selected: [] });
    events.push({ type: 'ANSWER', selected: ['z'] });
  }
  if (snapshot.matches('question')) {
    const drawn = drawnQuestions(course, progress, progress.at.module)[progress.at.question]!;
    const wrong = drawn.question.options.map((o) => o.id).find((id) => !correctOptions(drawn.question).includes(id))!;
    events.push(
      { type: 'ANSWER', selected: correctOptions(drawn.question) },
      { type: 'ANSWER', selected: [wrong] },
      // Unticking the last box of a multiple-choice question (the machine must then hold no answer).
      { type: 'ANSWER', selected: [] },
    );
  }
  return events;
}

const paths = getShortestPaths(courseMachine, {
  input,
  events: eventsFor,
  // The course data never changes; a state is its statechart value plus the learner's progress.
  serializeState: (s) => JSON.stringify([s.value, s.context.progress]) as never,
});
const states = paths.map((p) => p.state);

function resumeFrom(snapshot: Snapshot): Snapshot {
  const saved = decodeProgress(course, encodeProgress(course, savedProgress(snapshot))).progress;
  const actor = createActor(courseMachine, { input: { ...input, saved, learnerSeed: 999 } }).start();
  actor.send({ type: 'RESUME' });
  return actor.getSnapshot();
}

describe('course statechart, every reachable state', () => {
  it('reaches every screen, including the end of the course', () => {
    const values = new Set(states.map((s) => String(s.value)));
    for (const v of [
      'intro',
      'menu',
      'page',
      'quizIntro',
      'question',
      'quizSummary',
      'result',
      'evaluation',
      'complete',
      'certificate',
      'baselineIntro',
      'baselineQuestion',
      'baselineSummary',
    ]) {
      expect(values, v).toContain(v);
    }
    expect(states.length).toBeGreaterThan(500);
  });

  it('saves every screen it can show, so a learner can resume to it', () => {
    const screens = new Set(states.map((s) => viewOf(s)).filter((v) => v !== null));
    expect([...screens].sort()).toEqual([...VIEWS].sort());
    // Launch passes straight on and a fresh learner never sees the resume prompt: every state reached is a screen.
    expect(states.filter((s) => viewOf(s) === null).map((s) => String(s.value))).toEqual([]);
  });

  it('keeps every saved state far inside the 4096 characters SCORM 1.2 allows', () => {
    const longest = Math.max(...states.map((s) => encodeProgress(course, s.context.progress).length));
    expect(longest).toBeLessThan(200);
  });
});

/** A readable name for a path: its events, e.g. "START > OPEN_MODULE 0 > NEXT > ANSWER [b]". */
function pathName(events: readonly CourseEvent[]): string {
  const words = events.map((e) => {
    if (e.type === 'OPEN_MODULE') return `OPEN_MODULE ${e.module}`;
    if (e.type === 'GOTO_PAGE') return `GOTO_PAGE ${e.page}`;
    if (e.type === 'GOTO_QUESTION') return `GOTO_QUESTION ${e.question}`;
    if (e.type === 'ANSWER') return `ANSWER [${e.selected.join(',')}]`;
    if (e.type === 'RATE') return `RATE ${e.item}=${e.value}`;
    if (e.type === 'SUBMIT_EVALUATION') return `SUBMIT_EVALUATION ${e.date}`;
    return e.type;
  });
  return words.join(' > ') || '(start)';
}

const named = paths.map((p) => ({ name: pathName(p.steps.map((s) => s.event).filter(isCourseEvent)), path: p }));

function isCourseEvent(e: { type: string }): e is CourseEvent {
  return !e.type.startsWith('xstate.');
}

/** Every invariant, checked in every state along one path; a failure names the path and the broken rule. */
describe.each(named)('course statechart, along the path $name', ({ path }) => {
  const along = path.steps.map((s) => s.state);

  it('keeps every rule in every state it passes through, and resumes to where it ends', () => {
    const broken: string[] = [];
    const check = (ok: boolean, rule: string, s: Snapshot) => {
      if (!ok) broken.push(`${rule} (in ${String(s.value)})`);
    };
    // Every reachable state ends exactly one shortest path: its own rules are checked there, once.
    const s = path.state;
    const { progress } = s.context;
    if (s.matches('complete')) check(allQuizzesPassed(progress), 'completes only with every quiz passed', s);
    if (s.matches('evaluation')) {
      check(allQuizzesPassed(progress), 'asks for the evaluation only after every quiz is passed', s);
      check(!isEvaluated(progress), 'asks for the evaluation only until it is submitted', s);
    }
    if (s.matches('complete') || s.matches('certificate'))
      check(certificateReady(progress), 'shows completion and certificate only when earned', s);
    const { ratings, submittedOn, comment } = progress.evaluation;
    check(ratings.length === 2, 'keeps one rating per Likert item', s);
    check(
      ratings.every((r) => r === null || (r >= 1 && r <= 5)),
      'accepts only ratings 1-5',
      s,
    );
    check(submittedOn === null || submittedOn === '2026-11-14', 'accepts only a real submission date', s);
    check(comment.length <= COMMENT_MAX, 'caps the comment', s);
    if (s.hasTag('module')) {
      check(isModuleUnlocked(progress, rules, progress.at.module), 'never shows a locked module', s);
      check(!baselinePending(course, progress.baseline), 'never opens a module before the baseline check', s);
    }
    if ((['baselineIntro', 'baselineQuestion', 'baselineSummary'] as const).some((v) => s.matches(v)))
      check(progress.baseline.status === 'open', 'shows the baseline check only until it is done', s);
    check(
      progress.baseline.status !== 'skipped',
      'never skips the baseline check when course.yaml does not allow it',
      s,
    );
    check(
      progress.baseline.answers.length === 2 &&
        (progress.baseline.status !== 'done' || progress.baseline.answers.every((a) => a !== null && a.length > 0)),
      'keeps one baseline answer per item, all given once it is done',
      s,
    );
    check(
      progress.modules.every((m) => m.attempts <= 2),
      'never allows more submitted attempts than the limit',
      s,
    );
    check(
      progress.modules.every((m) => m.attempt?.answers.every((a) => a === null || a.length > 0) ?? true),
      'holds an empty answer as unanswered',
      s,
    );
    const [exited] = transition(courseMachine, s, { type: 'EXIT' });
    check(exited.status === 'done' && exited.matches('exited'), 'lets the learner exit from every screen', s);
    // Along the path: what was earned is never lost.
    along.forEach((now, i) => {
      const was = along[i - 1]?.context.progress;
      if (!was) return;
      const is = now.context.progress;
      if (was.evaluation.submittedOn && JSON.stringify(was.evaluation) !== JSON.stringify(is.evaluation))
        check(false, 'never changes a submitted evaluation', now);
      if (was.baseline.status !== 'open' && JSON.stringify(was.baseline) !== JSON.stringify(is.baseline))
        check(false, 'never changes or reopens a baseline check once done', now);
      is.modules.forEach((m, k) => {
        if (was.modules[k]?.passed && !m.passed) check(false, 'never loses a passed quiz', now);
        if ((m.best ?? -1) < (was.modules[k]?.best ?? -1)) check(false, 'never lowers a best score', now);
      });
    });
    expect(broken).toEqual([]);

    // Save at the end of the path and relaunch: the same screen with the same progress.
    if (!hasProgress(s.context.progress)) {
      expect(resumeFrom(s).value).toBe('intro');
      return;
    }
    const resumed = resumeFrom(s);
    const saved = savedProgress(s);
    expect(resumed.value).toBe(s.value);
    expect(resumed.context.progress.modules).toEqual(saved.modules);
    expect(resumed.context.progress.evaluation).toEqual(saved.evaluation);
    expect(resumed.context.progress.baseline).toEqual(saved.baseline);
    expect(resumed.context.progress.learnerSeed).toBe(saved.learnerSeed);
    if (!s.matches('intro') && !s.matches('menu')) expect(resumed.context.progress.at).toEqual(saved.at);
  });
});

describe('course statechart, rules on a walk', () => {
  function start(overrides: Partial<CourseInput> = {}) {
    return createActor(courseMachine, { input: { ...input, ...overrides } }).start();
  }
  /** Start course, then the baseline check before Module 1, answered (all correct unless `correct` says). */
  function begin(actor: ReturnType<typeof start>, correct: boolean[] = [true, true]) {
    actor.send({ type: 'START' });
    actor.send({ type: 'START_BASELINE' });
    course.baseline!.questions.forEach((q, i) => {
      const wrong = q.options.map((o) => o.id).find((id) => !correctOptions(q).includes(id))!;
      actor.send({ type: 'ANSWER', selected: correct[i] ? correctOptions(q) : [wrong] });
      actor.send({ type: 'NEXT' });
    });
    actor.send({ type: 'SUBMIT' });
  }
  function answerAll(actor: ReturnType<typeof start>, correct: boolean) {
    const { progress } = actor.getSnapshot().context;
    const drawn = drawnQuestions(course, progress, progress.at.module);
    drawn.forEach((d, i) => {
      const wrong = d.question.options.map((o) => o.id).find((id) => !correctOptions(d.question).includes(id))!;
      actor.send({ type: 'ANSWER', selected: correct ? correctOptions(d.question) : [wrong] });
      if (i < drawn.length - 1) actor.send({ type: 'NEXT' });
    });
    actor.send({ type: 'NEXT' });
  }

  it('opens module 2 only after module 1 quiz is passed, and lets the learner retry a failed quiz', () => {
    const actor = start();
    begin(actor);
    actor.send({ type: 'OPEN_MODULE', module: 1 });
    expect(actor.getSnapshot().value).toBe('menu');
    actor.send({ type: 'OPEN_MODULE', module: 0 });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().value).toBe('quizIntro');
    actor.send({ type: 'START_QUIZ' });
    answerAll(actor, false);
    actor.send({ type: 'SUBMIT' });
    expect(actor.getSnapshot().value).toBe('result');
    expect(actor.getSnapshot().context.progress.modules[0]).toMatchObject({ attempts: 1, best: 0, passed: false });
    actor.send({ type: 'CONTINUE' });
    expect(actor.getSnapshot().value).toBe('menu');
    actor.send({ type: 'OPEN_MODULE', module: 1 });
    expect(actor.getSnapshot().value).toBe('menu');
    actor.send({ type: 'OPEN_MODULE', module: 0 });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'START_QUIZ' });
    answerAll(actor, true);
    actor.send({ type: 'SUBMIT' });
    expect(actor.getSnapshot().context.progress.modules[0]).toMatchObject({ attempts: 2, best: 100, passed: true });
    actor.send({ type: 'CONTINUE' });
    expect(actor.getSnapshot().value).toBe('page');
    expect(actor.getSnapshot().context.progress.at.module).toBe(1);
  });

  it('refuses to submit with unanswered questions and refuses answers that are not options', () => {
    const actor = start();
    begin(actor);
    actor.send({ type: 'OPEN_MODULE', module: 0 });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'START_QUIZ' });
    actor.send({ type: 'ANSWER', selected: ['z'] });
    expect(actor.getSnapshot().context.progress.modules[0]!.attempt!.answers[0]).toBeNull();
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'SUBMIT' });
    expect(actor.getSnapshot().value).toBe('quizSummary');
  });

  it('stops retries when the attempt limit is used up', () => {
    const actor = start({ rules: { ...rules, attemptLimit: 1 } });
    begin(actor);
    actor.send({ type: 'OPEN_MODULE', module: 0 });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'START_QUIZ' });
    answerAll(actor, false);
    actor.send({ type: 'SUBMIT' });
    actor.send({ type: 'RETRY' });
    expect(actor.getSnapshot().value).toBe('result');
  });

  it('opens every module from the start when navigation is free', () => {
    const actor = start({ rules: { ...rules, navigation: 'free' } });
    begin(actor);
    actor.send({ type: 'OPEN_MODULE', module: 1 });
    expect(actor.getSnapshot().context.progress.at.module).toBe(1);
  });

  function passAll(actor: ReturnType<typeof start>) {
    begin(actor);
    course.modules.forEach((_, m) => {
      actor.send({ type: 'OPEN_MODULE', module: m });
      actor.send({ type: 'NEXT' });
      actor.send({ type: 'NEXT' });
      actor.send({ type: 'START_QUIZ' });
      answerAll(actor, true);
      actor.send({ type: 'SUBMIT' });
      if (m < course.modules.length - 1) actor.send({ type: 'MENU' });
    });
    actor.send({ type: 'CONTINUE' });
  }

  it('asks for the evaluation after the last quiz, then offers the certificate at every later visit', () => {
    const actor = start();
    passAll(actor);
    expect(actor.getSnapshot().value).toBe('evaluation');
    actor.send({ type: 'CERTIFICATE' });
    expect(actor.getSnapshot().value).toBe('evaluation');
    actor.send({ type: 'RATE', item: 0, value: 5 });
    actor.send({ type: 'RATE', item: 1, value: 4 });
    actor.send({ type: 'SUBMIT_EVALUATION', date: '2026-11-14' });
    expect(actor.getSnapshot().value).toBe('complete');
    expect(actor.getSnapshot().context.progress.evaluation).toEqual({
      ...emptyEvaluation(course),
      ratings: [5, 4],
      comment: '',
      submittedOn: '2026-11-14',
    });
    actor.send({ type: 'CERTIFICATE' });
    expect(actor.getSnapshot().value).toBe('certificate');
    actor.send({ type: 'MENU' });
    actor.send({ type: 'FINISH' });
    expect(actor.getSnapshot().value).toBe('complete');
    actor.send({ type: 'MENU' });
    actor.send({ type: 'CERTIFICATE' });
    expect(actor.getSnapshot().value).toBe('certificate');

    const again = start({ saved: savedProgress(actor.getSnapshot()) });
    again.send({ type: 'RESUME' });
    expect(again.getSnapshot().value).toBe('certificate');
  });

  it('after expiry a learner saved on the certificate resumes on the completion summary, with no certificate', () => {
    const actor = start();
    passAll(actor);
    actor.send({ type: 'RATE', item: 0, value: 5 });
    actor.send({ type: 'RATE', item: 1, value: 4 });
    actor.send({ type: 'SUBMIT_EVALUATION', date: '2026-11-14' });
    actor.send({ type: 'CERTIFICATE' });
    const saved = decodeProgress(course, encodeProgress(course, savedProgress(actor.getSnapshot()))).progress;
    expect(saved.view).toBe('certificate');

    const expired = start({ saved, rules: { ...rules, creditExpired: true } });
    expect(expired.getSnapshot().context.progress.view).toBe('complete');
    expired.send({ type: 'RESUME' });
    expect(expired.getSnapshot().value).toBe('complete');
    expect(expired.getSnapshot().can({ type: 'CERTIFICATE' })).toBe(false);
    expired.send({ type: 'CERTIFICATE' });
    expect(expired.getSnapshot().value).toBe('complete');
    expired.send({ type: 'MENU' });
    expect(expired.getSnapshot().can({ type: 'CERTIFICATE' })).toBe(false);

    // Before expiry the same save resumes on the certificate.
    const valid = start({ saved });
    valid.send({ type: 'RESUME' });
    expect(valid.getSnapshot().value).toBe('certificate');
  });

  it('records outcome ratings, choices, yes/no answers and texts while open; the licence only when it passes the checks', () => {
    const full = tinyCourseFullEvaluation();
    const actor = createActor(courseMachine, { input: { ...input, course: full } }).start();
    passAll(actor);
    expect(actor.getSnapshot().value).toBe('evaluation');
    actor.send({ type: 'RATE_OUTCOME', item: 1, value: 2 });
    actor.send({ type: 'RATE_OUTCOME', item: 0, value: 4 }); // off the 3-point scale
    actor.send({ type: 'RATE_OUTCOME', item: 2, value: 1 }); // no such outcome
    actor.send({ type: 'CHOOSE', item: 0, choice: 'c', chosen: true });
    actor.send({ type: 'CHOOSE', item: 0, choice: 'a', chosen: true });
    actor.send({ type: 'CHOOSE', item: 0, choice: 'z', chosen: true });
    actor.send({ type: 'CHOOSE', item: 1, choice: 'b', chosen: true });
    actor.send({ type: 'CHOOSE', item: 1, choice: 'b', chosen: false });
    actor.send({ type: 'ANSWER_YESNO', item: 0, value: false });
    actor.send({ type: 'TEXT', item: 2, text: 'y'.repeat(TEXT_MAX + 9) });
    // The licence belongs to the certificate.
    actor.send({ type: 'LICENCE', licence: { number: 'RN-1', state: 'OH' } });
    let { evaluation } = actor.getSnapshot().context.progress;
    expect(evaluation).toMatchObject({
      outcomes: [null, 2],
      chosen: [['a', 'c'], []],
      answers: [false],
      texts: ['', '', 'y'.repeat(TEXT_MAX)],
      licence: { number: '', state: '' },
    });
    // Only the Likert statements are required.
    actor.send({ type: 'RATE', item: 0, value: 4 });
    actor.send({ type: 'SUBMIT_EVALUATION', date: '2026-11-14' });
    expect(actor.getSnapshot().value).toBe('complete');
    actor.send({ type: 'CERTIFICATE' });
    // Submitted: nothing changes any more.
    actor.send({ type: 'CHOOSE', item: 1, choice: 'a', chosen: true });
    actor.send({ type: 'LICENCE', licence: { number: 'RN 1', state: 'OH' } });
    actor.send({ type: 'LICENCE', licence: { number: 'RN-1', state: '' } });
    expect(actor.getSnapshot().context.progress.evaluation.licence).toEqual({ number: '', state: '' });
    actor.send({ type: 'LICENCE', licence: { number: ' RN-1 ', state: 'OH' } });
    ({ evaluation } = actor.getSnapshot().context.progress);
    expect(evaluation.chosen).toEqual([['a', 'c'], []]);
    expect(evaluation.licence).toEqual({ number: 'RN-1', state: 'OH' });
    actor.send({ type: 'LICENCE', licence: { number: '', state: '' } });
    expect(actor.getSnapshot().context.progress.evaluation.licence).toEqual({ number: '', state: '' });
  });

  it('leaving the evaluation keeps its answers, and the menu leads back to it', () => {
    const actor = start();
    passAll(actor);
    actor.send({ type: 'RATE', item: 1, value: 2 });
    actor.send({ type: 'MENU' });
    actor.send({ type: 'CERTIFICATE' });
    expect(actor.getSnapshot().value).toBe('menu');
    actor.send({ type: 'FINISH' });
    expect(actor.getSnapshot().value).toBe('evaluation');
    expect(actor.getSnapshot().context.progress.evaluation.ratings).toEqual([null, 2]);
  });

  it('refuses to submit the evaluation before every Likert item is rated, and caps the comment', () => {
    const actor = start();
    passAll(actor);
    actor.send({ type: 'RATE', item: 0, value: 3 });
    actor.send({ type: 'COMMENT', text: 'x'.repeat(COMMENT_MAX + 50) });
    actor.send({ type: 'SUBMIT_EVALUATION', date: '2026-11-14' });
    expect(actor.getSnapshot().value).toBe('evaluation');
    expect(actor.getSnapshot().context.progress.evaluation.comment).toHaveLength(COMMENT_MAX);
    actor.send({ type: 'RATE', item: 1, value: 3 });
    actor.send({ type: 'SUBMIT_EVALUATION', date: 'yesterday' });
    expect(actor.getSnapshot().value).toBe('evaluation');
    actor.send({ type: 'SUBMIT_EVALUATION', date: '2026-11-14' });
    expect(actor.getSnapshot().value).toBe('complete');
  });

  it('start over forgets pages seen but keeps quiz results', () => {
    const actor = start();
    begin(actor);
    actor.send({ type: 'OPEN_MODULE', module: 0 });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'START_QUIZ' });
    answerAll(actor, true);
    actor.send({ type: 'SUBMIT' });
    const saved = actor.getSnapshot().context.progress;
    const again = start({ saved });
    expect(again.getSnapshot().value).toBe('resumePrompt');
    again.send({ type: 'START_OVER' });
    const m = again.getSnapshot().context.progress.modules[0]!;
    expect(m.visited).toEqual([false, false]);
    expect(m).toMatchObject({ passed: true, best: 100, attempts: 1 });
  });

  function toQuiz(actor: ReturnType<typeof start>) {
    begin(actor);
    actor.send({ type: 'OPEN_MODULE', module: 0 });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'START_QUIZ' });
  }

  it('clears the answer when the learner unticks the last ticked box, and grades only what is ticked', () => {
    // A learner whose first module-1 question is a "select all that apply" one.
    const seed = Array.from({ length: 200 }, (_, i) => i + 1).find((learnerSeed) => {
      const a = start({ learnerSeed });
      toQuiz(a);
      const { progress } = a.getSnapshot().context;
      return drawnQuestions(course, progress, 0)[0]!.question.type === 'multiple';
    })!;
    const actor = start({ learnerSeed: seed });
    toQuiz(actor);
    const drawn = drawnQuestions(course, actor.getSnapshot().context.progress, 0);
    const q = drawn[0]!.question;
    expect(q.type).toBe('multiple');
    const answerNow = () => actor.getSnapshot().context.progress.modules[0]!.attempt!.answers[0];
    actor.send({ type: 'ANSWER', selected: [correctOptions(q)[0]!] });
    expect(answerNow()).toEqual([correctOptions(q)[0]]);
    actor.send({ type: 'ANSWER', selected: [] });
    expect(answerNow()).toBeNull();
    // With the question unanswered again, the summary refuses to submit.
    for (let i = 1; i < drawn.length; i++) {
      actor.send({ type: 'NEXT' });
      actor.send({ type: 'ANSWER', selected: correctOptions(drawn[i]!.question) });
    }
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().value).toBe('quizSummary');
    expect(actor.getSnapshot().can({ type: 'SUBMIT' })).toBe(false);
    actor.send({ type: 'SUBMIT' });
    expect(actor.getSnapshot().value).toBe('quizSummary');
  });

  it('refuses an empty or double answer to a single-choice question', () => {
    const actor = start();
    toQuiz(actor);
    const { progress } = actor.getSnapshot().context;
    const first = drawnQuestions(course, progress, 0)[0]!.question;
    const ids = first.options.map((o) => o.id);
    if (first.type !== 'multiple') {
      actor.send({ type: 'ANSWER', selected: [ids[0]!, ids[1]!] });
      expect(actor.getSnapshot().context.progress.modules[0]!.attempt!.answers[0]).toBeNull();
    }
    actor.send({ type: 'ANSWER', selected: [ids[0]!, ids[0]!] });
    expect(actor.getSnapshot().context.progress.modules[0]!.attempt!.answers[0]).toBeNull();
  });

  it('tells the LMS layer about answers, submitted attempts (graded) and the evaluation as they happen', () => {
    const actor = start();
    const heard: CourseEmitted[] = [];
    actor.on('*', (e) => heard.push(e));
    passAll(actor);
    const submitted = heard.filter((e) => e.type === 'attemptSubmitted');
    expect(submitted.map((e) => [e.module, e.attempt.number, e.attempt.score])).toEqual([
      [0, 1, 100],
      [1, 1, 100],
    ]);
    for (const e of submitted) expect(e.results.every((r) => r.correct)).toBe(true);
    expect(heard.filter((e) => e.type === 'answered')).toHaveLength(
      course.modules.reduce((n, m) => n + m.quiz.draw, 0),
    );
    actor.send({ type: 'RATE', item: 0, value: 5 });
    actor.send({ type: 'RATE', item: 1, value: 4 });
    expect(heard.some((e) => e.type === 'evaluationSubmitted')).toBe(false);
    actor.send({ type: 'SUBMIT_EVALUATION', date: '2026-11-14' });
    actor.send({ type: 'CERTIFICATE' });
    const evaluations = heard.filter((e) => e.type === 'evaluationSubmitted');
    expect(evaluations).toEqual([
      {
        type: 'evaluationSubmitted',
        evaluation: { ...emptyEvaluation(course), ratings: [5, 4], submittedOn: '2026-11-14' },
      },
    ]);
  });

  it('grades a failed attempt question by question', () => {
    const actor = start();
    const heard: CourseEmitted[] = [];
    actor.on('attemptSubmitted', (e) => heard.push(e));
    toQuiz(actor);
    answerAll(actor, false);
    actor.send({ type: 'SUBMIT' });
    expect(heard).toHaveLength(1);
    expect(heard[0]!.type === 'attemptSubmitted' && heard[0]!.results.map((r) => r.correct)).toEqual(
      Array.from({ length: course.modules[0]!.quiz.draw }, () => false),
    );
  });

  it('asks the baseline check between the CE introduction and Module 1, and cannot be skipped by default', () => {
    const actor = start();
    actor.send({ type: 'START' });
    expect(actor.getSnapshot().value).toBe('baselineIntro');
    expect(actor.getSnapshot().can({ type: 'SKIP_BASELINE' })).toBe(false);
    actor.send({ type: 'SKIP_BASELINE' });
    actor.send({ type: 'OPEN_MODULE', module: 0 });
    expect(actor.getSnapshot().value).toBe('baselineIntro');
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().value).toBe('intro');
    actor.send({ type: 'MENU' });
    expect(actor.getSnapshot().value).toBe('baselineIntro');
    actor.send({ type: 'START_BASELINE' });
    expect(actor.getSnapshot().value).toBe('baselineQuestion');
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().value).toBe('baselineSummary');
    expect(actor.getSnapshot().can({ type: 'SUBMIT' })).toBe(false);
    actor.send({ type: 'SUBMIT' });
    expect(actor.getSnapshot().value).toBe('baselineSummary');
    expect(actor.getSnapshot().context.progress.baseline.status).toBe('open');
  });

  it('grades the submitted baseline item by item, tells the LMS layer once, and never counts it towards passing', () => {
    const actor = start();
    const heard: CourseEmitted[] = [];
    actor.on('*', (e) => heard.push(e));
    begin(actor, [false, true]);
    expect(actor.getSnapshot().value).toBe('menu');
    const { progress } = actor.getSnapshot().context;
    expect(progress.baseline.status).toBe('done');
    expect(progress.modules.map((m) => [m.attempts, m.best, m.passed])).toEqual([
      [0, null, false],
      [0, null, false],
    ]);
    expect(
      heard.filter((e) => e.type === 'baselineAnswered').map((e) => e.type === 'baselineAnswered' && e.question),
    ).toEqual([0, 1]);
    const submitted = heard.filter((e) => e.type === 'baselineSubmitted');
    expect(submitted).toHaveLength(1);
    expect(
      submitted[0]!.type === 'baselineSubmitted' && submitted[0]!.results.map((r) => [r.question.id, r.correct]),
    ).toEqual([
      ['pre-m1-1', false],
      ['pre-m2-1', true],
    ]);
    // Done once: the course never shows it again.
    actor.send({ type: 'BACK' });
    actor.send({ type: 'START' });
    expect(actor.getSnapshot().value).toBe('menu');
    actor.send({ type: 'START_BASELINE' });
    expect(actor.getSnapshot().value).toBe('menu');
    actor.send({ type: 'OPEN_MODULE', module: 0 });
    expect(actor.getSnapshot().value).toBe('page');
  });

  it('resumes a baseline check left half-way at the same item with its answers', () => {
    const actor = start();
    actor.send({ type: 'START' });
    actor.send({ type: 'START_BASELINE' });
    actor.send({ type: 'ANSWER', selected: correctOptions(course.baseline!.questions[0]!) });
    actor.send({ type: 'NEXT' });
    const saved = decodeProgress(course, encodeProgress(course, savedProgress(actor.getSnapshot()))).progress;
    const again = start({ saved });
    expect(again.getSnapshot().value).toBe('resumePrompt');
    again.send({ type: 'RESUME' });
    expect(again.getSnapshot().value).toBe('baselineQuestion');
    expect(again.getSnapshot().context.progress.at.question).toBe(1);
    expect(again.getSnapshot().context.progress.baseline.answers).toEqual([
      correctOptions(course.baseline!.questions[0]!),
      null,
    ]);
    // From the introduction, the check continues at the first item not answered.
    again.send({ type: 'BACK' });
    again.send({ type: 'BACK' });
    expect(again.getSnapshot().value).toBe('baselineIntro');
    again.send({ type: 'START_BASELINE' });
    expect(again.getSnapshot().context.progress.at.question).toBe(1);
  });

  it('lets the learner skip the baseline check only where course.yaml allows it, and keeps it skipped', () => {
    const skippable = { ...course, settings: { ...course.settings, baselineSkippable: true } };
    const actor = start({ course: skippable });
    actor.send({ type: 'START' });
    actor.send({ type: 'START_BASELINE' });
    actor.send({ type: 'ANSWER', selected: correctOptions(course.baseline!.questions[0]!) });
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().can({ type: 'SKIP_BASELINE' })).toBe(true);
    actor.send({ type: 'SKIP_BASELINE' });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context.progress.baseline).toEqual({ status: 'skipped', answers: [null, null] });
    const saved = decodeProgress(skippable, encodeProgress(skippable, savedProgress(actor.getSnapshot()))).progress;
    const again = start({ course: skippable, saved });
    again.send({ type: 'START_OVER' });
    again.send({ type: 'START' });
    expect(again.getSnapshot().value).toBe('menu');
    expect(again.getSnapshot().context.progress.baseline.status).toBe('skipped');
  });

  it('lets a learner whose results are not recorded (review, browse, no-credit) skip the baseline check', () => {
    const actor = start({ rules: { ...rules, navigation: 'free', baselineOptional: true } });
    actor.send({ type: 'START' });
    actor.send({ type: 'SKIP_BASELINE' });
    expect(actor.getSnapshot().value).toBe('menu');
    actor.send({ type: 'OPEN_MODULE', module: 1 });
    expect(actor.getSnapshot().value).toBe('page');
  });

  it('goes straight to the menu in a course without a baseline bank', () => {
    const actor = start({ course: tinyCourse(2, { baseline: false }) });
    actor.send({ type: 'START' });
    expect(actor.getSnapshot().value).toBe('menu');
  });

  it('exits once: the machine stops, says so once and refuses everything after', () => {
    const actor = start();
    let exits = 0;
    actor.on('exited', () => exits++);
    begin(actor);
    actor.send({ type: 'OPEN_MODULE', module: 0 });
    actor.send({ type: 'EXIT' });
    expect(actor.getSnapshot().value).toBe('exited');
    expect(actor.getSnapshot().status).toBe('done');
    const progress = actor.getSnapshot().context.progress;
    actor.send({ type: 'EXIT' });
    actor.send({ type: 'NEXT' });
    expect(exits).toBe(1);
    expect(actor.getSnapshot().context.progress).toBe(progress);
  });
});
