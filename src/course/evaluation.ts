/**
 * The course evaluation that follows the last module quiz (a CE requirement, per ANCC practice): Likert statements,
 * how well each learning outcome was met, a commitment to change and its barriers (choices plus free text), whether
 * the content was free of commercial bias (yes/no plus a comment), and one free-text comment, from
 * CourseData.evaluation. The Likert statements must be rated to submit; the rest is optional. Pure functions; the
 * machine keeps an EvaluationProgress in Progress.
 */
import type { CourseData, EvaluationItem } from './types.ts';
import { truncateText } from '../text/truncate.ts';
import { emptyLicence, type Licence } from './certificate.ts';

/** The longest comment kept (UTF-16 code units): with the other texts, keeps suspend_data inside SCORM 1.2's 4096
 *  characters (each unit costs up to 5 characters there; tests/unit/scorm12-limits.test.ts). */
export const COMMENT_MAX = 300;
/** The longest "other" answer of a choices item, and the longest comment of a yes/no item. */
export const TEXT_MAX = 120;

/** How well a learning outcome was met; the stored and reported value is the number. */
export const OUTCOME_SCALE = [
  { value: 1, label: 'Not met' },
  { value: 2, label: 'Partly met' },
  { value: 3, label: 'Fully met' },
] as const;

/** A five-point agreement scale; the stored and reported value is the number. */
export const LIKERT_SCALE = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Neutral' },
  { value: 4, label: 'Agree' },
  { value: 5, label: 'Strongly agree' },
] as const;

export interface EvaluationProgress {
  /** One rating (1-5) per Likert item in course order; null = not answered yet. */
  ratings: (number | null)[];
  /** The answer to the comment item (at most COMMENT_MAX code units). */
  comment: string;
  /** Local date of submission as YYYY-MM-DD (the certificate's completion date); null until submitted. */
  submittedOn: string | null;
  /** One rating (OUTCOME_SCALE) per learning outcome, over the outcomes items in order; null = not answered. */
  outcomes: (number | null)[];
  /** Per choices item: the ids chosen, in the item's order. */
  chosen: string[][];
  /** Per choices item, then per yes/no item: its free text (at most TEXT_MAX code units). */
  texts: string[];
  /** Per yes/no item: the answer; null = not answered. */
  answers: (boolean | null)[];
  /** The learner's nursing licence for the certificate (optional; certificate.ts validates it). */
  licence: Licence;
}

type Item<T extends EvaluationItem['type']> = Extract<EvaluationItem, { type: T }>;
const itemsOf = <T extends EvaluationItem['type']>(course: CourseData, ...types: T[]) =>
  (course.evaluation ?? []).filter((item): item is Item<T> => (types as string[]).includes(item.type));

export const likertItems = (course: CourseData) => itemsOf(course, 'likert');
export const choiceItems = (course: CourseData) => itemsOf(course, 'choices');
export const yesNoItems = (course: CourseData) => itemsOf(course, 'yesno');
/** The items with free text besides the comment, in the order of EvaluationProgress.texts. */
export const textItems = (course: CourseData) => [...choiceItems(course), ...yesNoItems(course)];

/** Every learning outcome rated, over the outcomes items, in the order of EvaluationProgress.outcomes. */
export function outcomeList(course: CourseData): { item: EvaluationItem; id: string; text: string }[] {
  return itemsOf(course, 'outcomes').flatMap((item) => item.outcomes.map((o) => ({ item, ...o })));
}

/** The free-text item. The engine keeps one comment; a second comment item would not be recorded. */
export function commentItem(course: CourseData): EvaluationItem | undefined {
  return (course.evaluation ?? []).find((item) => item.type === 'comment');
}

export function emptyEvaluation(course: CourseData): EvaluationProgress {
  return {
    ratings: likertItems(course).map(() => null),
    comment: '',
    submittedOn: null,
    outcomes: outcomeList(course).map(() => null),
    chosen: choiceItems(course).map(() => []),
    texts: textItems(course).map(() => ''),
    answers: yesNoItems(course).map(() => null),
    licence: emptyLicence(),
  };
}

export function isRating(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= LIKERT_SCALE.length;
}

export function capComment(text: string, max: number = COMMENT_MAX): string {
  return truncateText(text, max);
}

export function isOutcomeRating(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= OUTCOME_SCALE.length;
}

/** Every Likert item answered (the comment is optional). */
export function evaluationAnswered(evaluation: EvaluationProgress): boolean {
  return evaluation.ratings.every(isRating);
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The learner's local calendar date, YYYY-MM-DD (the UI passes it with the submission; the machine has no clock). */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
