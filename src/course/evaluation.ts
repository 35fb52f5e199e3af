/**
 * The course evaluation that follows the last module quiz (a CE requirement): Likert items and one free-text
 * comment, from CourseData.evaluation. Pure functions; the machine keeps an EvaluationProgress in Progress.
 */
import type { CourseData, EvaluationItem } from './types.ts';
import { truncateText } from '../text/truncate.ts';

/** The longest comment kept (UTF-16 code units): keeps suspend_data inside SCORM 1.2's 4096 characters. */
export const COMMENT_MAX = 500;

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
}

export function likertItems(course: CourseData): EvaluationItem[] {
  return (course.evaluation ?? []).filter((item) => item.type === 'likert');
}

/** The free-text item. The engine keeps one comment; a second comment item would not be recorded. */
export function commentItem(course: CourseData): EvaluationItem | undefined {
  return (course.evaluation ?? []).find((item) => item.type === 'comment');
}

export function emptyEvaluation(course: CourseData): EvaluationProgress {
  return { ratings: likertItems(course).map(() => null), comment: '', submittedOn: null };
}

export function isRating(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= LIKERT_SCALE.length;
}

export function capComment(text: string): string {
  return truncateText(text, COMMENT_MAX);
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
