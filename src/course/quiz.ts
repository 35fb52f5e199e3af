/**
 * Quiz rules as pure functions: which questions an attempt draws, in which order its options appear, and how it
 * is scored. No DOM, no SCORM.
 */
import type { Question, QuizBank } from './types.ts';
import { mixSeed, seededRandom, shuffled } from './random.ts';

export interface DrawnQuestion {
  question: Question;
  /** Option ids in the order this attempt shows them. */
  optionOrder: string[];
}

/** The seed of attempt `attemptNumber` (1-based) of module `moduleIndex` for a learner. */
export function attemptSeed(learnerSeed: number, moduleIndex: number, attemptNumber: number): number {
  return mixSeed(learnerSeed, moduleIndex, attemptNumber);
}

/** Draws `bank.draw` questions and shuffles options (unless fixed) - the same result for the same seed. */
export function drawAttempt(bank: QuizBank, seed: number): DrawnQuestion[] {
  const random = seededRandom(seed);
  const picked = shuffled(bank.questions, random).slice(0, bank.draw);
  return picked.map((question) => {
    const ids = question.options.map((o) => o.id);
    // True/false keeps True before False: shuffling it only confuses.
    const keep = question.fixedOrder || question.type === 'truefalse';
    return { question, optionOrder: keep ? ids : shuffled(ids, random) };
  });
}

/** All-or-nothing: the selection must equal the set of correct options exactly. */
export function isCorrect(question: Question, selected: readonly string[] | null | undefined): boolean {
  if (!selected || selected.length !== question.correct.length) return false;
  const chosen = new Set(selected);
  return chosen.size === selected.length && question.correct.every((id) => chosen.has(id));
}

/** Whole-number percentage of correct answers, rounded to the nearest integer. */
export function scorePercent(drawn: readonly DrawnQuestion[], answers: readonly (readonly string[] | null)[]): number {
  if (drawn.length === 0) return 0;
  const correct = drawn.filter((d, i) => isCorrect(d.question, answers[i])).length;
  return Math.round((correct / drawn.length) * 100);
}

export function isPassing(percent: number, passMark: number): boolean {
  return percent >= passMark;
}
