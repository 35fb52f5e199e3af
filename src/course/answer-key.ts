/**
 * The answer key as the package carries it: per question, a hash of the question id and its correct option ids,
 * never the ids themselves. A submitted answer is scored by hashing the selection the same way, so nothing that
 * loads before submission lists the correct options (not the course data JSON, not the page). After submission the
 * key is recovered by trying the question's few possible answers (at most 63), for the result screen and the LMS
 * record's correct-response pattern. This stops reading the key off the data or the screen; it does not stop
 * someone who runs code in the browser, which can try the same few answers (DEPLOYING.md says so plainly).
 */
import type { Question } from './types.ts';

/** cyrb53: a fast 53-bit string hash (public domain), as base 36. Not cryptographic, and it need not be. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The key hash of a question whose correct options are `ids` (in any order). Salted with the question id. */
export function answerKeyHash(questionId: string, ids: readonly string[]): string {
  return hash53(`${questionId}|${[...ids].sort().join(',')}`);
}

/** True when `selected` is exactly the set of correct options. */
export function matchesKey(question: Question, selected: readonly string[]): boolean {
  return answerKeyHash(question.id, selected) === question.key;
}

/** Every answer a learner can give: one option for single and true/false, any non-empty set for multiple. */
export function possibleAnswers(question: Question): string[][] {
  const ids = question.options.map((o) => o.id);
  if (question.type !== 'multiple') return ids.map((id) => [id]);
  const sets: string[][] = [];
  for (let mask = 1; mask < 1 << ids.length; mask++) sets.push(ids.filter((_, i) => mask & (1 << i)));
  return sets;
}

const recovered = new WeakMap<Question, string[]>();

/**
 * The correct option ids (in option order), for showing the key after an attempt that passed or used the last
 * try, and for the LMS record after submission. Empty when no possible answer matches (a damaged key).
 */
export function correctOptions(question: Question): string[] {
  let ids = recovered.get(question);
  if (!ids) {
    ids = possibleAnswers(question).find((answer) => matchesKey(question, answer)) ?? [];
    recovered.set(question, ids);
  }
  return ids;
}
