/**
 * `npm run check`: compiles the course content and prints a one-line summary per module, or every problem.
 * Usage: tsx tools/content/check.ts [root]   (root defaults to the project root)
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CourseModule } from '../../src/course/types.ts';
import { compileCourse, ContentError } from './compile.ts';

// The project root is two levels up from this file, so the check works from any working directory.
const root = resolve(process.argv[2] ?? fileURLToPath(new URL('../..', import.meta.url)));

function summary(module: CourseModule): string {
  const words = module.pages.reduce((sum, page) => sum + page.words, 0);
  const perObjective = module.objectives
    .map(({ id }) => `${id} ${module.quiz.questions.filter((q) => q.objective === id).length}`)
    .join(', ');
  return [
    module.id,
    `${module.pages.length} pages`,
    `${words} words`,
    `${module.quiz.questions.length} questions (draw ${module.quiz.draw})`,
    `per objective: ${perObjective}`,
  ].join('  ');
}

try {
  for (const module of compileCourse(root).modules) console.log(summary(module));
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  for (const problem of error.problems) console.error(problem);
  console.error(`${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in the course content (${root})`);
  process.exitCode = 1;
}
