/**
 * The submitted course evaluation as LMS interactions: one per rated Likert statement, one per rated learning
 * outcome (`<item>-<objective>`), one per choices item with a choice (`choice`) and one for its text
 * (`<item>-other`), one per answered yes/no item (`true-false`) and one for its comment (`<item>-comment`), one for a
 * non-empty comment. Nothing for what was left unanswered. The licence is not sent (it stays in suspend_data).
 */
import {
  choiceItems,
  commentItem,
  likertItems,
  outcomeList,
  textItems,
  yesNoItems,
  type EvaluationProgress,
} from '../course/evaluation.ts';
import type { CourseData } from '../course/types.ts';
import type { SurveyInteraction } from './cmi.ts';

export function evaluationInteractions(
  course: CourseData,
  evaluation: EvaluationProgress,
  at: Date,
): SurveyInteraction[] {
  const records: SurveyInteraction[] = [];
  const add = (id: string, type: SurveyInteraction['type'], response: string | null, description: string) => {
    if (response !== null && response.trim() !== '') records.push({ id, type, response, at, description });
  };
  const rating = (r: number | null | undefined) => (r == null ? null : String(r));
  outcomeList(course).forEach((o, i) => add(`${o.item.id}-${o.id}`, 'likert', rating(evaluation.outcomes[i]), o.text));
  likertItems(course).forEach((item, i) => add(item.id, 'likert', rating(evaluation.ratings[i]), item.prompt));
  choiceItems(course).forEach((item, i) =>
    add(item.id, 'choices', (evaluation.chosen[i] ?? []).join(','), item.prompt),
  );
  yesNoItems(course).forEach((item, i) => {
    const answer = evaluation.answers[i];
    add(item.id, 'yesno', answer == null ? null : answer ? 't' : 'f', item.prompt);
  });
  textItems(course).forEach((item, i) =>
    add(
      `${item.id}-${item.type === 'yesno' ? 'comment' : 'other'}`,
      'comment',
      evaluation.texts[i] ?? '',
      item.type === 'yesno' ? item.comment : item.other,
    ),
  );
  const comment = commentItem(course);
  if (comment) add(comment.id, 'comment', evaluation.comment, comment.prompt);
  return records;
}
