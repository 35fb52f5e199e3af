/**
 * Where in the course the learner is, grouped the way a learner thinks of it: the screens of one quiz are one
 * place, the baseline check's screens another. The LMS bookmark (src/lms/record.ts `locationOf`) and the resume
 * button ("Resume: Module 2, page 4", Welcome.svelte) both name this place, so they cannot disagree.
 */
import type { Progress } from './progress.ts';
import type { CourseData, CourseModule } from './types.ts';

export type Place =
  | { kind: 'intro' | 'menu' | 'baseline' | 'complete' | 'evaluation' | 'certificate' }
  | { kind: 'page'; module: CourseModule; page: number }
  | { kind: 'quiz' | 'result'; module: CourseModule };

export function placeOf(course: CourseData, progress: Progress): Place {
  const module = course.modules[progress.at.module];
  if (!module) return { kind: 'menu' };
  switch (progress.view) {
    case 'baselineIntro':
    case 'baselineQuestion':
    case 'baselineSummary':
      return { kind: 'baseline' };
    case 'page':
      return { kind: 'page', module, page: progress.at.page };
    case 'quizIntro':
    case 'question':
    case 'quizSummary':
      return { kind: 'quiz', module };
    case 'result':
      return { kind: 'result', module };
    case 'intro':
    case 'menu':
    case 'complete':
    case 'evaluation':
    case 'certificate':
      return { kind: progress.view };
  }
}
