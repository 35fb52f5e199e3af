/**
 * Item-writing standards for the posttest banks: cue checks per item (a key that gives itself away by length,
 * "all/none of the above", absolute words in true/false items, multiple-select items that key most options),
 * near-duplicate stems across the course, and bank-level measures (items, items per objective, application
 * share, key-is-longest share, true/false share). The thresholds and why they are set where they are:
 * docs/authoring.md, "Quiz standards". Pure functions: compile.ts places the problems on file lines.
 */
import type { QuestionInput } from './schemas.ts';

export interface QuizStandards {
  /** Fewest questions in a module's bank. */
  minItems: number;
  /** Fewest questions per objective of the module. */
  minPerObjective: number;
  /** Least share of questions at application level (0-1). */
  minApplicationShare: number;
  /** Largest share of single-choice questions whose key is strictly the longest option (0-1). */
  maxKeyLongestShare: number;
  /** Largest share of true/false questions in a bank (0-1). */
  maxTrueFalseShare: number;
  /** A single-choice key is "much longer" when it is this many times the longest other option ... */
  keyLengthRatio: number;
  /** ... and at least this many characters longer (so "3 months" vs "6 weeks" never trips it). */
  keyLengthMargin: number;
  /** Largest share of a multiple-select question's options that may be keyed (0-1). */
  maxKeyedShare: number;
  /** Fewest options a multiple-select question leaves unkeyed. */
  minUnkeyed: number;
  /** Two stems at least this similar (Jaccard over content words, 0-1) are near-duplicates. */
  maxStemSimilarity: number;
}

/** The standards `npm run check` and the build hold the course's banks to (justified in docs/authoring.md). */
export const COURSE_QUIZ_STANDARDS: QuizStandards = {
  minItems: 20,
  minPerObjective: 5,
  minApplicationShare: 0.5,
  maxKeyLongestShare: 0.35,
  maxTrueFalseShare: 0.25,
  keyLengthRatio: 1.5,
  keyLengthMargin: 15,
  maxKeyedShare: 0.6,
  minUnkeyed: 2,
  maxStemSimilarity: 0.6,
};

/** Words that make a true/false statement guessable: real clinical statements rarely hold without exception. */
const ABSOLUTE_WORDS =
  /\b(always|never|all|none|every|only|completely|entirely|totally|absolutely|guaranteed?|certainly|definitely|impossible|nothing|nobody|no one|need not|cannot)\b/i;
const OF_THE_ABOVE = /\b(all|none|both|neither) of (?:the )?(above|options|answers|these)\b/i;

/** Option or prompt text as a learner reads it: Markdown marks and citation markers removed, spaces collapsed. */
function plainLength(text: string): number {
  return text
    .replace(/\[[A-Z]\d+(?:,\s*[A-Z]\d+)*\]/g, '')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim().length;
}

function keyIds(q: QuestionInput): string[] {
  return typeof q.answer === 'string' ? [q.answer] : Array.isArray(q.answer) ? q.answer : [];
}

/** True when a single-choice question's key is strictly longer than every other option. */
export function keyIsLongest(q: QuestionInput): boolean {
  if (q.type !== 'single' || !q.options || typeof q.answer !== 'string') return false;
  const key = q.options.find((o) => o.id === q.answer);
  if (!key) return false;
  const others = q.options.filter((o) => o !== key).map((o) => plainLength(o.text));
  return others.length > 0 && plainLength(key.text) > Math.max(...others);
}

export interface ItemProblem {
  /** Path inside the question (e.g. ['options', 2, 'text']), for the line number. */
  path: (string | number)[];
  message: string;
}

/** The cue checks of one question. */
export function itemProblems(q: QuestionInput, s: QuizStandards): ItemProblem[] {
  const problems: ItemProblem[] = [];
  if (q.type === 'truefalse') {
    const word = ABSOLUTE_WORDS.exec(q.prompt)?.[0];
    if (word) {
      problems.push({
        path: ['prompt'],
        message: `true/false statement uses the absolute word "${word}", which gives the answer away: state the claim with its real limits, or ask a single-choice question`,
      });
    }
    return problems;
  }
  const options = q.options ?? [];
  options.forEach((option, i) => {
    const match = OF_THE_ABOVE.exec(option.text);
    if (match) {
      problems.push({
        path: ['options', i, 'text'],
        message: `says "${match[0]}": write each option as a claim of its own (use a multiple-select question instead)`,
      });
    }
  });
  const keys = keyIds(q);
  if (q.type === 'single' && typeof q.answer === 'string') {
    const key = options.find((o) => o.id === q.answer);
    const others = options.filter((o) => o !== key).map((o) => plainLength(o.text));
    if (key && others.length) {
      const length = plainLength(key.text);
      const longest = Math.max(...others);
      if (length >= s.keyLengthRatio * longest && length - longest >= s.keyLengthMargin) {
        problems.push({
          path: ['options', options.indexOf(key), 'text'],
          message: `the key, ${length} characters, is ${(length / longest).toFixed(1)} times the longest other option (${longest}): shorten it or give the distractors the same detail (limit ${s.keyLengthRatio} times)`,
        });
      }
    }
  }
  if (q.type === 'multiple' && options.length) {
    const keyed = keys.filter((id) => options.some((o) => o.id === id)).length;
    const unkeyed = options.length - keyed;
    if (keyed / options.length > s.maxKeyedShare || unkeyed < s.minUnkeyed) {
      problems.push({
        path: ['answer'],
        message: `keys ${keyed} of ${options.length} options: "select all that apply" then works as "all but the odd one out"; key at most ${Math.round(s.maxKeyedShare * 100)}% and leave at least ${s.minUnkeyed} plausible options unkeyed`,
      });
    }
  }
  return problems;
}

const STOP_WORDS = new Set(
  'the a an and or of to in on for with by at from as is are was were be been it its this that these those which what who whom whose how why when where does do did has have had can could should would will may might your you their they them he she his her him our we not no than then so such any into about after before over under most best more less select apply'.split(
    ' ',
  ),
);

/** The content words of a stem, for near-duplicate detection. */
function stemWords(prompt: string): Set<string> {
  const words = prompt
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 2 && !STOP_WORDS.has(w));
  return new Set(words);
}

/** Jaccard similarity of two stems' content words (1 = the same words). */
function stemSimilarity(a: string, b: string): number {
  const x = stemWords(a);
  const y = stemWords(b);
  if (!x.size && !y.size) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

export interface Stem {
  id: string;
  prompt: string;
}

/** Each later stem that repeats an earlier one (similarity at or above the limit), with the earlier stem. */
export function nearDuplicates<T extends Stem>(
  stems: readonly T[],
  s: QuizStandards,
): { item: T; earlier: T; similarity: number }[] {
  const found: { item: T; earlier: T; similarity: number }[] = [];
  stems.forEach((item, i) => {
    for (const earlier of stems.slice(0, i)) {
      const similarity = stemSimilarity(item.prompt, earlier.prompt);
      if (similarity >= s.maxStemSimilarity) {
        found.push({ item, earlier, similarity });
        break;
      }
    }
  });
  return found;
}

export interface BankStats {
  module: string;
  items: number;
  /** Questions per objective id, in the module's objective order. */
  perObjective: [string, number][];
  application: number;
  /** Questions that state a level. */
  levelled: number;
  single: number;
  keyLongest: number;
  trueFalse: number;
  multiple: number;
}

export function bankStats(
  module: string,
  objectives: readonly string[],
  questions: readonly QuestionInput[],
): BankStats {
  return {
    module,
    items: questions.length,
    perObjective: objectives.map((id) => [id, questions.filter((q) => q.objective === id).length]),
    application: questions.filter((q) => q.level === 'application').length,
    levelled: questions.filter((q) => q.level !== undefined).length,
    single: questions.filter((q) => q.type === 'single').length,
    keyLongest: questions.filter(keyIsLongest).length,
    trueFalse: questions.filter((q) => q.type === 'truefalse').length,
    multiple: questions.filter((q) => q.type === 'multiple').length,
  };
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const percent = (part: number, whole: number) => `${Math.round(share(part, whole) * 100)}%`;

/** One line per module for the build report. */
export function formatStats(b: BankStats): string {
  return [
    `${b.module} quiz`,
    `${b.items} items`,
    `per objective: ${b.perObjective.map(([id, n]) => `${id} ${n}`).join(', ')}`,
    `application ${b.application}/${b.items} (${percent(b.application, b.items)})`,
    `key longest ${b.keyLongest}/${b.single} single-choice (${percent(b.keyLongest, b.single)})`,
    `true/false ${b.trueFalse}/${b.items} (${percent(b.trueFalse, b.items)})`,
  ].join('  ');
}

export interface BankProblem {
  /** 'bank': the bank file's first line; an objective id: that objective's line in the module's front matter. */
  at: 'bank' | { objective: string };
  message: string;
}

/** Where a bank falls short of the standards. */
export function bankProblems(b: BankStats, s: QuizStandards): BankProblem[] {
  const problems: BankProblem[] = [];
  const bank = (message: string) => problems.push({ at: 'bank', message });
  if (b.items < s.minItems) bank(`quiz standards: ${b.items} questions; a bank needs at least ${s.minItems}`);
  for (const [objective, n] of b.perObjective) {
    if (n < s.minPerObjective) {
      problems.push({
        at: { objective },
        message: `quiz standards: measured by ${n} question${n === 1 ? '' : 's'}; each objective needs at least ${s.minPerObjective}`,
      });
    }
  }
  if (b.levelled < b.items)
    bank(
      `quiz standards: ${b.items - b.levelled} question(s) do not say their level (add level: recall or level: application)`,
    );
  if (share(b.application, b.items) < s.minApplicationShare) {
    bank(
      `quiz standards: ${b.application} of ${b.items} questions (${percent(b.application, b.items)}) are at application level; at least ${Math.round(s.minApplicationShare * 100)}% must be`,
    );
  }
  if (share(b.keyLongest, b.single) > s.maxKeyLongestShare) {
    bank(
      `quiz standards: in ${b.keyLongest} of ${b.single} single-choice questions (${percent(b.keyLongest, b.single)}) the key is the longest option; at most ${Math.round(s.maxKeyLongestShare * 100)}% (a fair share with 4 options is 25%)`,
    );
  }
  if (share(b.trueFalse, b.items) > s.maxTrueFalseShare) {
    bank(
      `quiz standards: ${b.trueFalse} of ${b.items} questions (${percent(b.trueFalse, b.items)}) are true/false; at most ${Math.round(s.maxTrueFalseShare * 100)}%`,
    );
  }
  return problems;
}
