/** Test data shared by the LMS tests: what a launch reads, and progress with some modules passed. */
import { freshProgress, type Progress } from '../course/progress.ts';
import type { CourseData } from '../course/types.ts';
import type { LaunchData } from './launch.ts';

/** A first launch in normal mode with credit, nothing recorded yet. */
export function launchData(overrides: Partial<LaunchData> = {}): LaunchData {
  return {
    entry: 'ab-initio',
    suspendData: '',
    location: '',
    masteryPercent: null,
    learnerName: '',
    learnerId: '',
    mode: 'normal',
    credit: 'credit',
    recorded: { lessonStatus12: 'not attempted', completion2004: 'unknown', success2004: 'unknown' },
    interactionCount: 0,
    objectiveIds: [],
    ...overrides,
  };
}

/** Progress with the first `passed` modules passed at `score`, the learner reading the next one. */
export function progressWithPassed(course: CourseData, passed: number, score = 100): Progress {
  const fresh = freshProgress(course, 7);
  const last = course.modules.length - 1;
  return {
    ...fresh,
    view: passed <= last ? 'page' : 'menu',
    at: { module: Math.min(passed, last), page: 0, question: 0 },
    modules: fresh.modules.map((m, i) =>
      i < passed ? { ...m, visited: m.visited.map(() => true), attempts: 1, best: score, passed: true } : m,
    ),
  };
}
