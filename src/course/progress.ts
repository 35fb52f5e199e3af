/**
 * The learner's progress and the course rules that read it, as pure functions. The machine stores a
 * `Progress`; screens, the LMS mapping and the saved-state codec read it through these functions only.
 */
import type { CourseData, CourseModule } from './types.ts';
import { attemptDraw, isPassing, type DrawnQuestion } from './quiz.ts';
import { emptyEvaluation, type EvaluationProgress } from './evaluation.ts';
import { emptyBaseline, type BaselineProgress } from './baseline.ts';

/** The screens of the course that a learner can be on (and resume to). Append only: saved progress stores the index. */
export const VIEWS = [
  'intro',
  'menu',
  'page',
  'quizIntro',
  'question',
  'quizSummary',
  'result',
  'complete',
  'evaluation',
  'certificate',
  'baselineIntro',
  'baselineQuestion',
  'baselineSummary',
] as const;
export type View = (typeof VIEWS)[number];

export interface AttemptState {
  /** 1-based attempt number; with the learner seed it fixes which questions are drawn. */
  number: number;
  /** Selected option ids per drawn question (null = not answered yet). */
  answers: (string[] | null)[];
  submitted: boolean;
  /** Percentage once submitted. */
  score: number | null;
}

export interface ModuleProgress {
  /** One flag per page of the module. */
  visited: boolean[];
  /** Submitted attempts. */
  attempts: number;
  /** Best submitted percentage. */
  best: number | null;
  passed: boolean;
  /** The attempt in progress, or the last submitted one (shown on the result screen). */
  attempt: AttemptState | null;
}

/** Where the learner is: module index, page index, question index (each meaningful for some views only). */
interface Place {
  module: number;
  page: number;
  question: number;
}

export interface Progress {
  /** Random per learner, fixed at first launch: seeds every quiz draw. */
  learnerSeed: number;
  modules: ModuleProgress[];
  view: View;
  at: Place;
  /** The course evaluation after the last module: draft answers, then the submission date. */
  evaluation: EvaluationProgress;
  /** The baseline check before Module 1 (src/course/baseline.ts). */
  baseline: BaselineProgress;
}

export interface Rules {
  /** Effective pass mark in percent (LMS value when given, else the course setting). */
  passMark: number;
  /** Attempts per quiz, 0 = unlimited. */
  attemptLimit: number;
  navigation: 'sequential' | 'free';
  /** The activity is past its expiry date: it can still be read and its record is still sent to the LMS, but it
   *  awards no contact hours and issues no certificate. */
  creditExpired?: boolean;
  /** Results are not recorded (review, browse, no-credit): the baseline check may be skipped whatever course.yaml says. */
  baselineOptional?: boolean;
}

export function emptyModuleProgress(module: CourseModule): ModuleProgress {
  return { visited: module.pages.map(() => false), attempts: 0, best: null, passed: false, attempt: null };
}

export function freshProgress(course: CourseData, learnerSeed: number): Progress {
  return {
    learnerSeed,
    modules: course.modules.map(emptyModuleProgress),
    view: 'intro',
    at: { module: 0, page: 0, question: 0 },
    evaluation: emptyEvaluation(course),
    baseline: emptyBaseline(course),
  };
}

export function isModuleUnlocked(progress: Progress, rules: Rules, moduleIndex: number): boolean {
  if (moduleIndex < 0 || moduleIndex >= progress.modules.length) return false;
  if (rules.navigation === 'free' || moduleIndex === 0) return true;
  return progress.modules[moduleIndex - 1]?.passed === true;
}

export function allQuizzesPassed(progress: Progress): boolean {
  return progress.modules.length > 0 && progress.modules.every((m) => m.passed);
}

/** The evaluation is submitted (it can only be once every quiz is passed). */
export function isEvaluated(progress: Progress): boolean {
  return progress.evaluation.submittedOn !== null;
}

/** The certificate needs every quiz passed and the evaluation submitted. */
export function certificateReady(progress: Progress): boolean {
  return allQuizzesPassed(progress) && isEvaluated(progress);
}

/** Saved progress as these rules let the learner resume it: after expiry no certificate is issued, so a learner
 *  saved on the certificate comes back to the completion summary (which says why). */
export function resumableUnder(progress: Progress, rules: Rules): Progress {
  return progress.view === 'certificate' && rules.creditExpired ? { ...progress, view: 'complete' } : progress;
}

export function attemptsLeft(module: ModuleProgress, rules: Rules): number {
  return rules.attemptLimit === 0 ? Infinity : Math.max(0, rules.attemptLimit - module.attempts);
}

/** A module is failed when its attempts are used up without a pass. */
export function isModuleFailed(module: ModuleProgress, rules: Rules): boolean {
  return !module.passed && attemptsLeft(module, rules) === 0 && !hasOpenAttempt(module);
}

/** How a module stands, as the course menu shows it (the LMS objective status is derived in lms/record.ts). */
export type ModuleStatus =
  | { key: 'passed'; best: number }
  | { key: 'failed' }
  | { key: 'locked' }
  | { key: 'progress'; seen: number; pages: number }
  | { key: 'ready' };

export function moduleStatus(progress: Progress, rules: Rules, moduleIndex: number): ModuleStatus {
  const m = progress.modules[moduleIndex];
  if (!m) return { key: 'locked' };
  const seen = m.visited.filter(Boolean).length;
  if (m.passed) return { key: 'passed', best: m.best ?? 0 };
  if (isModuleFailed(m, rules)) return { key: 'failed' };
  if (!isModuleUnlocked(progress, rules, moduleIndex)) return { key: 'locked' };
  if (seen > 0 || hasOpenAttempt(m)) return { key: 'progress', seen, pages: m.visited.length };
  return { key: 'ready' };
}

/** The verdict on a module's last submitted attempt, as the result screen and its announcement state it. */
export interface QuizResult {
  /** The attempt's score, or the best score when no attempt is on record (a pass kept from the LMS). */
  score: number;
  /** This attempt reached the pass mark. */
  passedNow: boolean;
  /** The module's quiz is passed (now or earlier). */
  passed: boolean;
  /** The attempt is on record (false for a pass carried over without its attempt). */
  hasAttempt: boolean;
  attemptsLeft: number;
}

export function quizResult(progress: Progress, rules: Rules, moduleIndex: number): QuizResult {
  const m = progress.modules[moduleIndex];
  const attempt = m?.attempt?.submitted ? m.attempt : null;
  const score = attempt?.score ?? m?.best ?? 0;
  return {
    score,
    passedNow: attempt !== null && isPassing(score, rules.passMark),
    passed: m?.passed === true,
    hasAttempt: attempt !== null,
    attemptsLeft: m ? attemptsLeft(m, rules) : 0,
  };
}

export function isCourseFailed(progress: Progress, rules: Rules): boolean {
  return progress.modules.some((m) => isModuleFailed(m, rules));
}

export function hasOpenAttempt(module: ModuleProgress): boolean {
  return module.attempt !== null && !module.attempt.submitted;
}

/**
 * The questions of the module's current (or last) attempt, in the order shown: one or more per objective, and
 * none of the previous attempt's where the bank allows (src/course/quiz.ts, attemptDraw).
 */
export function drawnQuestions(course: CourseData, progress: Progress, moduleIndex: number): DrawnQuestion[] {
  const module = course.modules[moduleIndex];
  const attempt = progress.modules[moduleIndex]?.attempt;
  if (!module || !attempt) return [];
  return attemptDraw(module.quiz, progress.learnerSeed, moduleIndex, attempt.number);
}

/** Course score: the mean of each module's best quiz percentage (0 for a module not yet attempted). */
export function courseScore(progress: Progress): number {
  if (progress.modules.length === 0) return 0;
  const total = progress.modules.reduce((sum, m) => sum + (m.best ?? 0), 0);
  return Math.round((total / progress.modules.length) * 100) / 100;
}

/** Share of the course done, 0..1: every page seen and every quiz passed count as one step each. */
export function progressMeasure(progress: Progress): number {
  let done = 0;
  let steps = 0;
  for (const m of progress.modules) {
    steps += m.visited.length + 1;
    done += m.visited.filter(Boolean).length + (m.passed ? 1 : 0);
  }
  return steps === 0 ? 0 : Math.round((done / steps) * 100) / 100;
}

/** The page to open a module at: the first page not seen yet, or the first page when all were seen. */
export function entryPage(module: ModuleProgress): number {
  const firstUnseen = module.visited.indexOf(false);
  return firstUnseen === -1 ? 0 : firstUnseen;
}

/** The learner has opened a module: a page seen, a quiz attempted or passed (the LMS's record counts too). */
export function modulesStarted(modules: readonly ModuleProgress[]): boolean {
  return modules.some((m) => m.visited.some(Boolean) || m.attempt !== null || m.attempts > 0 || m.passed);
}

/**
 * A baseline check still open for a learner who is already in the modules (progress from before the course had
 * one, or rebuilt from the LMS's record) is "missed": they are not sent back to it (see saved-state.ts).
 */
export function settleBaseline<P extends Pick<Progress, 'modules' | 'baseline'>>(progress: P): P {
  return progress.baseline.status === 'open' && modulesStarted(progress.modules)
    ? { ...progress, baseline: { status: 'missed', answers: progress.baseline.answers.map(() => null) } }
    : progress;
}

/** True when the learner has anything worth resuming (any page seen, quiz touched, or baseline answer given). */
export function hasProgress(progress: Progress): boolean {
  return (
    progress.modules.some((m) => m.visited.some(Boolean) || m.attempt !== null || m.passed) ||
    progress.baseline.status !== 'open' ||
    progress.baseline.answers.some((a) => a !== null)
  );
}
