/**
 * Connects the course actor to an LMS session: every snapshot becomes a CourseRecord sent to the LMS; the events
 * the machine emits become interactions (one per question of a submitted attempt, one per evaluation item) and
 * the end of the session (Exit). Timing (for latency) is observed here, so the statechart stays free of clocks.
 */
import type { Actor } from 'xstate';
import { savedProgress, type courseMachine } from '../course/course.machine.ts';
import { htmlToText } from '../text/html-text.ts';
import { evaluationInteractions } from './evaluation-interactions.ts';
import { correctOptions } from '../course/answer-key.ts';
import type { InteractionRecord } from './cmi.ts';
import type { Question } from '../course/types.ts';
import { courseRecord } from './record.ts';
import type { LmsSession } from './session.ts';

type CourseActor = Actor<typeof courseMachine>;

export interface Bridge {
  /** Stops listening (the LMS session is left as it is). */
  stop(): void;
  /** After the learner exits: whether the LMS took everything (false: the device copy keeps the rest); else null. */
  exitSaved(): boolean | null;
}

export function bridgeCourseToLms(actor: CourseActor, session: LmsSession, now: () => number = Date.now): Bridge {
  const shownAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  let exitSaved: boolean | null = null;
  const { course } = actor.getSnapshot().context;

  const onSnapshot = (snapshot: ReturnType<CourseActor['getSnapshot']>) => {
    // Before the learner chooses to resume or start over, the LMS record stays exactly as it was; after Exit the
    // session is over.
    if (snapshot.matches('launch') || snapshot.matches('resumePrompt') || snapshot.matches('exited')) return;
    const { rules, progress } = snapshot.context;
    if (snapshot.matches('question')) {
      const { module, question } = progress.at;
      const attempt = progress.modules[module]?.attempt;
      const key = `${module}:${attempt?.number}:${question}`;
      if (attempt && !shownAt.has(key)) shownAt.set(key, now());
    }
    if (snapshot.matches('baselineQuestion') && !shownAt.has(`b:${progress.at.question}`))
      shownAt.set(`b:${progress.at.question}`, now());
    session.update(courseRecord(course, savedProgress(snapshot), rules));
  };

  /** The graded answers as interactions; `key` finds when each question was shown and answered. */
  const record = (
    results: { question: Question; response: string[]; correct: boolean }[],
    key: (q: number) => string,
    id: (question: Question) => string,
    weighting?: number,
  ) =>
    session.recordInteractions(
      results.map(({ question, response, correct }, q): InteractionRecord => {
        const answered = answeredAt.get(key(q)) ?? now();
        return {
          id: id(question),
          type: question.type === 'truefalse' ? 'true-false' : 'choice',
          response,
          // Recovered from the key's hash now that the answers are submitted (src/course/answer-key.ts).
          correct: correctOptions(question),
          isCorrect: correct,
          objectiveId: question.objective,
          latencyMs: Math.max(0, answered - (shownAt.get(key(q)) ?? now())),
          at: new Date(answered),
          description: htmlToText(question.prompt),
          weighting,
        };
      }),
    );

  const subscriptions = [
    actor.on('answered', ({ module, attempt, question }) => answeredAt.set(`${module}:${attempt}:${question}`, now())),
    actor.on('attemptSubmitted', ({ module, attempt, results }) =>
      record(
        results,
        (q) => `${module}:${attempt.number}:${q}`,
        (question) => `${question.id}-a${attempt.number}`,
      ),
    ),
    actor.on('baselineAnswered', ({ question }) => answeredAt.set(`b:${question}`, now())),
    // The baseline check is sent once, when it is submitted: one interaction per item, weighted 0 (not counted).
    actor.on('baselineSubmitted', ({ results }) =>
      record(
        results,
        (q) => `b:${q}`,
        (question) => `baseline-${question.id}`,
        0,
      ),
    ),
    // The evaluation is sent once, when it is submitted.
    actor.on('evaluationSubmitted', ({ evaluation }) =>
      session.recordInteractions(evaluationInteractions(course, evaluation, new Date(now()))),
    ),
    actor.on('exited', () => {
      exitSaved = session.terminate();
    }),
    actor.subscribe(onSnapshot),
  ];
  onSnapshot(actor.getSnapshot());
  return {
    stop: () => subscriptions.forEach((s) => s.unsubscribe()),
    exitSaved: () => exitSaved,
  };
}
