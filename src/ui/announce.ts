/**
 * What the page-level live region says after a screen change, beyond the heading that receives focus:
 * quiz results in plain words. Empty for screens whose heading says it all.
 */
import { courseScore, quizResult } from '../course/progress.ts';
import type { CourseSnapshot } from './types.ts';

export function announcementFor(snapshot: CourseSnapshot): string {
  const { progress, rules } = snapshot.context;
  if (snapshot.matches('result')) {
    const result = quizResult(progress, rules, progress.at.module);
    if (!result.hasAttempt) return '';
    const verdict = result.passedNow
      ? 'You passed.'
      : result.passed
        ? 'Your earlier pass stays recorded.'
        : 'Not passed this time.';
    return `Quiz result: ${result.score}%, pass mark ${rules.passMark}%. ${verdict}`;
  }
  if (snapshot.matches('complete')) return `Course complete. Your course score is ${courseScore(progress)}%.`;
  return '';
}
