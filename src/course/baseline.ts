/**
 * The baseline check before Module 1 (issue 12, "Measured change"): about one item per module objective from the
 * separate pre-assessment bank (content/pre-assessment.yaml), answered once before any teaching and never counted
 * towards passing. Its result per module is compared with that module's posttest on the completion screen, and the
 * LMS receives its answers as interactions and its score as the objective "baseline" (src/lms). Pure functions; the
 * machine keeps a BaselineProgress in Progress.
 */
import type { CourseData, Question } from './types.ts';
import type { Progress } from './progress.ts';
import { attemptDraw, isCorrect, type DrawnQuestion } from './quiz.ts';
import { mixSeed, seededRandom, shuffled } from './random.ts';

/**
 * open: not taken yet (the learner is asked before Module 1). done: submitted. skipped: the learner skipped it
 * (only where course.yaml's `baselineSkippable` allows). missed: never offered, because the learner had started the
 * modules before the course had a baseline check (a save from an earlier version, see saved-state.ts).
 */
export type BaselineStatus = 'open' | 'done' | 'skipped' | 'missed';

export interface BaselineProgress {
  status: BaselineStatus;
  /** Selected option ids per item, in the bank's order (null = not answered). */
  answers: (string[] | null)[];
}

/** The objective id the LMS receives the baseline score under (never a module objective). */
export const BASELINE_OBJECTIVE = 'baseline';

export function emptyBaseline(course: CourseData): BaselineProgress {
  return { status: 'open', answers: (course.baseline?.questions ?? []).map(() => null) };
}

/** The course has a baseline check to offer. */
function hasBaseline(course: CourseData): boolean {
  return (course.baseline?.questions.length ?? 0) > 0;
}

/** The learner still has to take (or skip) the baseline check before Module 1. */
export function baselinePending(course: CourseData, baseline: BaselineProgress): boolean {
  return hasBaseline(course) && baseline.status === 'open';
}

/** The items in the bank's order (module by module), options shuffled per learner unless fixed (like the quiz). */
export function baselineQuestions(course: CourseData, learnerSeed: number): DrawnQuestion[] {
  // 0x ba5e: a seed apart from every module's attempt seeds (module index, attempt number).
  const random = seededRandom(mixSeed(learnerSeed, 0xba5e));
  return (course.baseline?.questions ?? []).map((question) => {
    const ids = question.options.map((o) => o.id);
    const keep = question.fixedOrder || question.type === 'truefalse';
    return { question, optionOrder: keep ? ids : shuffled(ids, random) };
  });
}

export function baselineAnswered(baseline: BaselineProgress): boolean {
  return baseline.answers.length > 0 && baseline.answers.every((a) => a !== null && a.length > 0);
}

export interface Tally {
  correct: number;
  total: number;
}

export const tallyPercent = (t: Tally) => (t.total === 0 ? 0 : Math.round((t.correct / t.total) * 100));

/** The items (questions with their answers) that were answered correctly, counted. */
function tally(items: { question: Question; answer: string[] | null | undefined }[]): Tally {
  return { correct: items.filter((i) => isCorrect(i.question, i.answer)).length, total: items.length };
}

/** The baseline items, each with the learner's answer, when the check was done; else none. */
function answered(course: CourseData, baseline: BaselineProgress) {
  return baseline.status === 'done'
    ? (course.baseline?.questions ?? []).map((question, i) => ({ question, answer: baseline.answers[i] }))
    : [];
}

/** The baseline score in percent (whole number), or null unless it was done. */
export function baselineScore(course: CourseData, baseline: BaselineProgress): number | null {
  return baseline.status === 'done' ? tallyPercent(tally(answered(course, baseline))) : null;
}

/** One module's measured change: the baseline items of that module, then its posttest. */
export interface ModuleChange {
  module: number;
  /** The module's baseline items answered correctly (null: none, or the check was not done). */
  before: Tally | null;
  /** The posttest attempt behind the best score, counted; null when only the percentage is on record. */
  after: Tally | null;
  /** The best posttest percentage (null before any). */
  best: number | null;
}

/** Per module, the baseline result next to the posttest result (the completion screen's "before and after"). */
export function measuredChange(
  course: CourseData,
  progress: Pick<Progress, 'learnerSeed' | 'baseline' | 'modules'>,
): ModuleChange[] {
  const items = answered(course, progress.baseline);
  return course.modules.map((module, m) => {
    const mine = items.filter((i) => module.objectives.some((o) => o.id === i.question.objective));
    const best = progress.modules[m]?.best ?? null;
    const attempt = progress.modules[m]?.attempt;
    // The last submitted attempt is the best one once passed (no attempt follows a pass).
    const after =
      attempt?.submitted && attempt.score === best
        ? tally(
            attemptDraw(module.quiz, progress.learnerSeed, m, attempt.number).map((d, i) => ({
              question: d.question,
              answer: attempt.answers[i],
            })),
          )
        : null;
    return { module: m, before: mine.length ? tally(mine) : null, after, best };
  });
}
