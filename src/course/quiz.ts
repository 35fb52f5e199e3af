/**
 * Quiz rules as pure functions: which questions an attempt draws, in which order its options appear, and how it
 * is scored. No DOM, no SCORM.
 */
import type { Question, QuizBank } from './types.ts';
import { matchesKey } from './answer-key.ts';
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

/** The objectives a bank measures, in the order they first appear in it. */
function bankObjectives(bank: QuizBank): string[] {
  return [...new Set(bank.questions.map((q) => q.objective))];
}

/**
 * Draws `bank.draw` questions and shuffles options (unless fixed): the same result for the same seed and `avoid`.
 * Every objective of the bank gets at least one question (the build makes `draw` at least the number of
 * objectives); the rest are drawn from the whole bank. Questions in `avoid` (the previous attempt's) are taken only
 * when no other question of the objective, or of the bank, is left.
 */
export function drawAttempt(bank: QuizBank, seed: number, avoid: ReadonlySet<string> = new Set()): DrawnQuestion[] {
  const random = seededRandom(seed);
  const mixed = shuffled(bank.questions, random);
  // Fresh questions first; each group keeps the shuffled order, so the choice within it stays random.
  const candidates = [...mixed.filter((q) => !avoid.has(q.id)), ...mixed.filter((q) => avoid.has(q.id))];
  const picked = new Set<Question>();
  for (const objective of bankObjectives(bank)) {
    if (picked.size >= bank.draw) break;
    const first = candidates.find((q) => q.objective === objective);
    if (first) picked.add(first);
  }
  for (const q of candidates) {
    if (picked.size >= bank.draw) break;
    picked.add(q);
  }
  return shuffled([...picked], random).map((question) => {
    const ids = question.options.map((o) => o.id);
    // True/false keeps True before False: shuffling it only confuses.
    const keep = question.fixedOrder || question.type === 'truefalse';
    return { question, optionOrder: keep ? ids : shuffled(ids, random) };
  });
}

const chains = new WeakMap<QuizBank, Map<string, DrawnQuestion[]>>();

/** A retry avoids the attempt before it; the chain restarts every this many attempts, so each draw costs at most this many. */
const DRAW_CHAIN = 16;

/**
 * The questions of attempt `attemptNumber` (1-based) of a module for a learner: attempt 1 is a fresh draw, and each
 * later attempt avoids the questions of the one before (attempts 17, 33, ... start a fresh chain: see DRAW_CHAIN).
 * Derived from the seed alone, so a resumed attempt shows the same questions in the same order without storing them.
 */
export function attemptDraw(
  bank: QuizBank,
  learnerSeed: number,
  moduleIndex: number,
  attemptNumber: number,
): DrawnQuestion[] {
  let cache = chains.get(bank);
  // A browser holds one learner; tests run thousands. Forget everything now and then rather than grow forever.
  if (!cache || cache.size > 5000) chains.set(bank, (cache = new Map()));
  const key = (n: number) => `${learnerSeed}:${moduleIndex}:${n}`;
  const target = Math.max(1, Math.floor(attemptNumber));
  const hit = cache.get(key(target));
  if (hit) return hit;
  const start = target - ((target - 1) % DRAW_CHAIN);
  let drawn: DrawnQuestion[] = [];
  for (let n = start; n <= target; n++) {
    const known = cache.get(key(n));
    drawn =
      known ??
      drawAttempt(
        bank,
        attemptSeed(learnerSeed, moduleIndex, n),
        new Set(n === start ? [] : drawn.map((d) => d.question.id)),
      );
    cache.set(key(n), drawn);
  }
  return drawn;
}

/** All-or-nothing: the selection must equal the set of correct options exactly (checked against the key's hash). */
export function isCorrect(question: Question, selected: readonly string[] | null | undefined): boolean {
  if (!selected || !selected.length || new Set(selected).size !== selected.length) return false;
  return matchesKey(question, selected);
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
