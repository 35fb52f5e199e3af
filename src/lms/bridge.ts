/**
 * Connects the course actor to an LMS session: every snapshot becomes a CourseRecord sent to the LMS, and every
 * submitted quiz attempt becomes one interaction per question. Timing (for latency) is observed here, so the
 * statechart stays free of clocks.
 */
import type { Actor } from 'xstate';
import type { courseMachine } from '../course/course.machine.ts';
import { drawnQuestions } from '../course/progress.ts';
import { evaluationInteractions } from './evaluation-interactions.ts';
import { isCorrect } from '../course/quiz.ts';
import type { InteractionRecord } from './cmi.ts';
import { courseRecord } from './record.ts';
import type { LmsSession } from './session.ts';

type CourseActor = Actor<typeof courseMachine>;

const plainText = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function bridgeCourseToLms(actor: CourseActor, session: LmsSession, now: () => number = Date.now): () => void {
  const shownAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  let previous = actor.getSnapshot().context.progress;

  const onSnapshot = (snapshot: ReturnType<CourseActor['getSnapshot']>) => {
    const { course, rules, progress } = snapshot.context;
    // Before the learner chooses to resume or start over, the LMS record stays exactly as it was.
    if (snapshot.matches('launch') || snapshot.matches('resumePrompt')) return;

    const { module, question } = progress.at;
    const attempt = progress.modules[module]?.attempt;
    if (snapshot.matches('question') && attempt) {
      const key = `${module}:${attempt.number}:${question}`;
      if (!shownAt.has(key)) shownAt.set(key, now());
      if (attempt.answers[question] !== previous.modules[module]?.attempt?.answers[question])
        answeredAt.set(key, now());
    }

    progress.modules.forEach((m, index) => {
      if (m.attempts <= (previous.modules[index]?.attempts ?? 0) || !m.attempt?.submitted) return;
      const submitted = m.attempt;
      const records: InteractionRecord[] = drawnQuestions(course, progress, index).map((d, q) => {
        const key = `${index}:${submitted.number}:${q}`;
        const response = submitted.answers[q] ?? [];
        return {
          id: `${d.question.id}-a${submitted.number}`,
          type: d.question.type === 'truefalse' ? 'true-false' : 'choice',
          response,
          correct: d.question.correct,
          isCorrect: isCorrect(d.question, response),
          objectiveId: d.question.objective,
          latencyMs: Math.max(0, (answeredAt.get(key) ?? now()) - (shownAt.get(key) ?? now())),
          at: new Date(answeredAt.get(key) ?? now()),
          description: plainText(d.question.prompt),
        };
      });
      session.recordInteractions(records);
    });

    // The evaluation is sent once, when it is submitted.
    if (progress.evaluation.submittedOn !== null && previous.evaluation.submittedOn === null) {
      session.recordInteractions(evaluationInteractions(course, progress.evaluation, new Date(now())));
    }

    session.update(courseRecord(course, progress, rules));
    previous = progress;
  };
  onSnapshot(actor.getSnapshot());
  const subscription = actor.subscribe(onSnapshot);
  return () => subscription.unsubscribe();
}
