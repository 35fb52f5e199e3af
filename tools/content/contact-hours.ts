/**
 * Contact hours from the content, the way CE providers estimate an enduring (self-paced) activity:
 * time to read the text at a stated reading speed, plus time for each interactive element and diagram,
 * plus one attempt at each module quiz, plus the evaluation. One contact hour is 60 minutes, and the result is
 * rounded DOWN to the nearest quarter hour (providers may not round up). course.yaml's contactHours overrides it.
 */
import type { CourseModule } from '../../src/course/types.ts';

export interface Timing {
  wordsPerMinute: number;
  minutesPerQuestion: number;
  minutesPerActivity: number;
  evaluationMinutes: number;
}

export interface ModuleTime {
  words: number;
  activities: number;
  questions: number;
  minutes: number;
}

export interface ContactHours {
  /** Exact estimate in hours. */
  computed: number;
  /** As awarded: the override, or the estimate rounded down to 0.25 h. */
  awarded: number;
  /** The estimate in whole minutes, rounded up to 5 (what learners are told to plan for). */
  estimatedMinutes: number;
  /** `estimatedMinutes` shared out, in whole minutes: each module's time (as the course menu shows it), then the
   *  rest (the CE introduction and closing, the baseline check, the evaluation). They add up to `estimatedMinutes`. */
  moduleMinutes: number[];
  otherMinutes: number;
  basis: string;
}

/** Shares `total` whole units out in proportion to `parts` (largest remainder): the results add up to `total`. */
export function apportion(total: number, parts: number[]): number[] {
  const sum = parts.reduce((a, b) => a + b, 0);
  const exact = parts.map((p) => (sum > 0 ? (p * total) / sum : 0));
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - shares[i]!, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    shares[i]!++;
    left--;
  }
  return shares;
}

/** Interactive elements and diagrams in a page's compiled HTML. */
export function activitiesIn(html: string): { interactive: number; diagrams: number } {
  return {
    interactive: html.match(/\bdata-interactive="/g)?.length ?? 0,
    diagrams: html.match(/\bdata-diagram="/g)?.length ?? 0,
  };
}

export function moduleTime(module: CourseModule, timing: Timing): ModuleTime {
  const words = module.pages.reduce((sum, page) => sum + page.words, 0);
  const activities = module.pages.reduce((sum, page) => {
    const { interactive, diagrams } = activitiesIn(page.html);
    return sum + interactive + diagrams;
  }, 0);
  const questions = module.quiz.draw;
  const minutes =
    words / timing.wordsPerMinute + activities * timing.minutesPerActivity + questions * timing.minutesPerQuestion;
  return { words, activities, questions, minutes };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const hoursText = (n: number) => n.toFixed(2).replace(/0$/, '').replace(/\.0$/, '');
const contactHoursText = (n: number) => `${hoursText(n)} contact hour${n === 1 ? '' : 's'}`;

/**
 * `baselineQuestions`: the items of the baseline check before Module 1, answered once at `minutesPerQuestion`
 * (the same rate as the quiz questions; it is part of the activity even though it does not count towards passing).
 */
export function contactHours(
  modules: CourseModule[],
  ceWords: number,
  timing: Timing,
  override: number | null,
  baselineQuestions = 0,
): ContactHours {
  const times = modules.map((m) => moduleTime(m, timing));
  const words = times.reduce((s, t) => s + t.words, 0) + ceWords;
  const activities = times.reduce((s, t) => s + t.activities, 0);
  const quizQuestions = times.reduce((s, t) => s + t.questions, 0);
  const questions = quizQuestions + baselineQuestions;
  const reading = words / timing.wordsPerMinute;
  const activityMinutes = activities * timing.minutesPerActivity;
  const quizMinutes = questions * timing.minutesPerQuestion;
  const total = reading + activityMinutes + quizMinutes + timing.evaluationMinutes;
  const computed = total / 60;
  const rounded = Math.floor(computed * 4 + 1e-9) / 4;
  const estimate =
    `${words.toLocaleString('en-US')} words of course text read at ${timing.wordsPerMinute} words per minute (${round1(reading)} min), ` +
    `${plural(activities, 'interactive element or diagram', 'interactive elements and diagrams')} at ${timing.minutesPerActivity} min each (${round1(activityMinutes)} min), ` +
    (baselineQuestions
      ? `the baseline check and one attempt at each module quiz, ${plural(baselineQuestions, 'baseline question')} and ${plural(quizQuestions, 'quiz question')} at ${timing.minutesPerQuestion} min each (${round1(quizMinutes)} min), `
      : `one attempt at each module quiz, ${plural(questions, 'question')} at ${timing.minutesPerQuestion} min each (${round1(quizMinutes)} min), `) +
    `and the evaluation (${timing.evaluationMinutes} min): ${round1(total)} minutes, or ${computed.toFixed(2)} hours at 60 minutes per contact hour`;
  const basis =
    override === null
      ? `Computed from the content: ${estimate}, rounded down to the nearest quarter hour: ${contactHoursText(rounded)}.`
      : `Awarded by the provider (course settings): ${contactHoursText(override)}. The content-based estimate is ${estimate}, which rounds down to ${contactHoursText(rounded)}.`;
  const estimatedMinutes = Math.ceil(total / 5) * 5;
  const moduleExact = times.map((t) => t.minutes);
  const shares = apportion(estimatedMinutes, [...moduleExact, total - moduleExact.reduce((a, b) => a + b, 0)]);
  return {
    computed,
    awarded: override ?? rounded,
    estimatedMinutes,
    moduleMinutes: shares.slice(0, -1),
    otherMinutes: shares.at(-1)!,
    basis,
  };
}
