/**
 * What the page-level live region says after a screen change, beyond the heading that receives focus:
 * quiz results in plain words. Empty for screens whose heading says it all.
 */
import { courseScore } from '../course/progress.ts';
import type { CourseSnapshot } from './types.ts';

export function announcementFor(snapshot: CourseSnapshot): string {
  const { progress, rules } = snapshot.context;
  const view = String(snapshot.value);
  if (view === 'result') {
    const module = progress.modules[progress.at.module];
    const score = module?.attempt?.score;
    if (!module || score === null || score === undefined) return '';
    const verdict =
      score >= rules.passMark
        ? 'You passed.'
        : module.passed
          ? 'Your earlier pass stays recorded.'
          : 'Not passed this time.';
    return `Quiz result: ${score}%, pass mark ${rules.passMark}%. ${verdict}`;
  }
  if (view === 'complete') return `Course complete. Your course score is ${courseScore(progress)}%.`;
  return '';
}
