/**
 * The feedback rule of the quiz result screen: after an attempt that did not pass, the learner sees which questions
 * were wrong and the rationale of each concept, but not which option is correct; the correct options appear once
 * the quiz is passed or no attempt is left. The course setting `quizFeedback: full` restores the key after every
 * attempt. Pure, so the rule is tested apart from the screen.
 */
import type { QuizFeedback } from './types.ts';
import { attemptsLeft, type ModuleProgress, type Rules } from './progress.ts';

/** True when the result screen may show the correct options of the module's last submitted attempt. */
export function showsAnswerKey(module: ModuleProgress, rules: Rules, feedback: QuizFeedback): boolean {
  if (!module.attempt?.submitted) return false;
  return feedback === 'full' || module.passed || attemptsLeft(module, rules) === 0;
}
