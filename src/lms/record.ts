/**
 * What the LMS should know about the learner, derived from course progress. One pure function, so the rules
 * for status and score live in one place for both SCORM versions.
 */
import type { CourseData } from '../course/types.ts';
import {
  allQuizzesPassed,
  courseScore,
  isCourseFailed,
  isModuleFailed,
  progressMeasure,
  type Progress,
  type Rules,
} from '../course/progress.ts';
import { encodeProgress } from '../course/saved-state.ts';
import { placeOf } from '../course/place.ts';
import { BASELINE_OBJECTIVE, baselineScore } from '../course/baseline.ts';

interface ObjectiveRecord {
  id: string;
  passed: boolean;
  failed: boolean;
  attempted: boolean;
  /** Best percentage, or null before the first submitted attempt. */
  score: number | null;
  completed: boolean;
}

export interface CourseRecord {
  location: string;
  suspendData: string;
  allPassed: boolean;
  failed: boolean;
  anySubmitted: boolean;
  /**
   * Mean of the modules' best percentages, but only once the course result is final (every quiz passed, or an
   * attempt limit used up); null before. An LMS that applies a mastery score (Moodle's default "Mastery score
   * overrides status", a strict 2004 LMS with scaled_passing_score) would otherwise compare a half-finished course's
   * running mean (25 after one module of four) with the pass mark and record the learner as failed.
   */
  score: number | null;
  progressMeasure: number;
  objectives: ObjectiveRecord[];
  /**
   * The baseline check before Module 1, once submitted: its score (percent) under the objective "baseline"; null
   * before, when skipped, or when the course has none. It never enters the status, the course score or the
   * progress measure: it is a measure of starting knowledge, not of passing.
   */
  baseline?: { id: string; score: number } | null;
}

/** A readable bookmark: "m2/p4", "m2/quiz", "menu". The exact place is in suspend_data. */
export function locationOf(course: CourseData, progress: Progress): string {
  const place = placeOf(course, progress);
  switch (place.kind) {
    case 'page':
      return `${place.module.id}/${place.module.pages[place.page]?.id ?? 'start'}`;
    case 'quiz':
    case 'result':
      return `${place.module.id}/quiz`;
    default:
      return place.kind;
  }
}

export function courseRecord(course: CourseData, progress: Progress, rules: Rules): CourseRecord {
  const anySubmitted = progress.modules.some((m) => m.attempts > 0);
  const allPassed = allQuizzesPassed(progress);
  const failed = isCourseFailed(progress, rules);
  const baseline = baselineScore(course, progress.baseline);
  return {
    location: locationOf(course, progress),
    suspendData: encodeProgress(course, progress),
    allPassed,
    failed,
    anySubmitted,
    score: allPassed || failed ? courseScore(progress) : null,
    progressMeasure: progressMeasure(progress),
    objectives: course.modules.map((module, i) => {
      const m = progress.modules[i]!;
      return {
        id: module.id,
        passed: m.passed,
        failed: isModuleFailed(m, rules),
        attempted: m.attempts > 0 || m.visited.some(Boolean),
        score: m.best,
        completed: m.visited.every(Boolean) && m.passed,
      };
    }),
    baseline: baseline === null ? null : { id: BASELINE_OBJECTIVE, score: baseline },
  };
}
