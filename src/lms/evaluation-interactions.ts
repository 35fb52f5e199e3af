/** The submitted course evaluation as LMS interactions: one per rated Likert item, one for a non-empty comment. */
import { commentItem, likertItems, type EvaluationProgress } from '../course/evaluation.ts';
import type { CourseData } from '../course/types.ts';
import type { SurveyInteraction } from './cmi.ts';

export function evaluationInteractions(
  course: CourseData,
  evaluation: EvaluationProgress,
  at: Date,
): SurveyInteraction[] {
  const records: SurveyInteraction[] = likertItems(course).flatMap((item, i) => {
    const rating = evaluation.ratings[i];
    return rating == null
      ? []
      : [{ id: item.id, type: 'likert' as const, response: String(rating), at, description: item.prompt }];
  });
  const comment = commentItem(course);
  if (comment && evaluation.comment.trim() !== '') {
    records.push({ id: comment.id, type: 'comment', response: evaluation.comment, at, description: comment.prompt });
  }
  return records;
}
