/**
 * Tests generated from the statechart: every reachable state of a small course (2 modules, 2 attempts per quiz)
 * is visited by shortest paths from xstate/graph, and invariants are checked in each.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { courseMachine, type CourseEvent, type CourseInput } from './course.machine.ts';
import {
  allQuizzesPassed,
  certificateReady,
  drawnQuestions,
  hasProgress,
  isEvaluated,
  isModuleUnlocked,
  type Rules,
} from './progress.ts';
import { COMMENT_MAX } from './evaluation.ts';
import { decodeProgress, encodeProgress } from './saved-state.ts';
import { tinyCourse } from './tiny-course.fixture.ts';

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
  if (snapshot.matches('question')) {
    const drawn = drawnQuestions(course, progress, progress.at.module)[progress.at.question]!;
    const wrong = drawn.question.options.map((o) => o.id).find((id) => !drawn.question.correct.includes(id))!;
    events.push({ type: 'ANSWER', selected: drawn.question.correct }, { type: 'ANSWER', selected: [wrong] });
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
  const saved = decodeProgress(course, encodeProgress(course, snapshot.context.progress)).progress;
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
    ]) {
      expect(values, v).toContain(v);
    }
    expect(states.length).toBeGreaterThan(500);
  });

  it('never completes the course without every quiz passed', () => {
    for (const s of states.filter((s) => s.matches('complete')))
      expect(allQuizzesPassed(s.context.progress)).toBe(true);
  });

  it('asks for the evaluation only after every quiz is passed, and only until it is submitted', () => {
    for (const s of states.filter((s) => s.matches('evaluation'))) {
      expect(allQuizzesPassed(s.context.progress)).toBe(true);
      expect(isEvaluated(s.context.progress)).toBe(false);
    }
  });

  it('shows the completion screen and the certificate only with every quiz passed and the evaluation submitted', () => {
    for (const s of states.filter((s) => s.matches('complete') || s.matches('certificate'))) {
      expect(certificateReady(s.context.progress)).toBe(true);
    }
  });

  it('accepts only valid evaluation answers and never changes a submitted evaluation', () => {
    for (const s of states) {
      const { ratings, submittedOn, comment } = s.context.progress.evaluation;
      expect(ratings).toHaveLength(2);
      for (const r of ratings) expect(r === null || (r >= 1 && r <= 5)).toBe(true);
      expect(submittedOn === null || submittedOn === '2026-11-14').toBe(true);
      expect(comment.length).toBeLessThanOrEqual(COMMENT_MAX);
    }
    for (const path of paths) {
      let before = path.steps[0]?.state.context.progress.evaluation;
      for (const step of path.steps) {
        const now = step.state.context.progress.evaluation;
        if (before?.submittedOn) expect(now).toEqual(before);
        before = now;
      }
    }
  });

  it('never shows a module that is still locked', () => {
    for (const s of states) {
      if (['page', 'quizIntro', 'question', 'quizSummary', 'result'].some((v) => s.matches(v as never))) {
        expect(isModuleUnlocked(s.context.progress, rules, s.context.progress.at.module)).toBe(true);
      }
    }
  });

  it('never loses a passed quiz or lowers a best score along any path', () => {
    for (const path of paths) {
      let before = path.steps[0]?.state.context.progress.modules;
      for (const step of path.steps) {
        const now = step.state.context.progress.modules;
        now.forEach((m, i) => {
          if (before?.[i]?.passed) expect(m.passed).toBe(true);
          expect(m.best ?? -1).toBeGreaterThanOrEqual(before?.[i]?.best ?? -1);
        });
        before = now;
      }
    }
  });

  it('never allows more submitted attempts than the limit', () => {
    for (const s of states) for (const m of s.context.progress.modules) expect(m.attempts).toBeLessThanOrEqual(2);
  });

  it('puts the learner back in the same place with the same progress after save and resume', () => {
    for (const s of states.filter((s) => hasProgress(s.context.progress))) {
      const resumed = resumeFrom(s);
      const { progress } = s.context;
      expect(resumed.value).toBe(s.value);
      expect(resumed.context.progress.modules).toEqual(progress.modules);
      expect(resumed.context.progress.evaluation).toEqual(progress.evaluation);
      expect(resumed.context.progress.learnerSeed).toBe(progress.learnerSeed);
      if (!s.matches('intro') && !s.matches('menu')) expect(resumed.context.progress.at).toEqual(progress.at);
    }
  });

  it('starts a learner without progress at the introduction, without a resume prompt', () => {
    for (const s of states.filter((s) => !hasProgress(s.context.progress))) expect(resumeFrom(s).value).toBe('intro');
  });

  it('keeps every saved state far inside the 4096 characters SCORM 1.2 allows', () => {
    const longest = Math.max(...states.map((s) => encodeProgress(course, s.context.progress).length));
    expect(longest).toBeLessThan(200);
  });
});

describe('course statechart, rules on a walk', () => {
  function start(overrides: Partial<CourseInput> = {}) {
    return createActor(courseMachine, { input: { ...input, ...overrides } }).start();
  }
  function answerAll(actor: ReturnType<typeof start>, correct: boolean) {
    const { progress } = actor.getSnapshot().context;
    const drawn = drawnQuestions(course, progress, progress.at.module);
    drawn.forEach((d, i) => {
      const wrong = d.question.options.map((o) => o.id).find((id) => !d.question.correct.includes(id))!;
      actor.send({ type: 'ANSWER', selected: correct ? d.question.correct : [wrong] });
      if (i < drawn.length - 1) actor.send({ type: 'NEXT' });
    });
    actor.send({ type: 'NEXT' });
  }

  it('opens module 2 only after module 1 quiz is passed, and lets the learner retry a failed quiz', () => {
    const actor = start();
    actor.send({ type: 'START' });
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
    actor.send({ type: 'START' });
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
    actor.send({ type: 'START' });
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
    actor.send({ type: 'START' });
    actor.send({ type: 'OPEN_MODULE', module: 1 });
    expect(actor.getSnapshot().context.progress.at.module).toBe(1);
  });

  function passAll(actor: ReturnType<typeof start>) {
    actor.send({ type: 'START' });
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

    const again = start({ saved: actor.getSnapshot().context.progress });
    again.send({ type: 'RESUME' });
    expect(again.getSnapshot().value).toBe('certificate');
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
    actor.send({ type: 'START' });
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
});
