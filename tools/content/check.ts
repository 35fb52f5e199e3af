/**
 * `npm run check`: compiles the course content and prints a one-line summary per module and one for the CE
 * frame, or every problem. Warnings (things to fix before release that do not stop a build) go to stderr.
 * Usage: tsx tools/content/check.ts [root] [--quiz-standards]   (root defaults to the project root)
 * The course's own banks are held to the item-writing standards (tools/content/quiz-standards.ts, justified in
 * docs/authoring.md); another content root (a test fixture) only with --quiz-standards.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CourseData, CourseModule } from '../../src/course/types.ts';
import { compileCourse, ContentError } from './compile.ts';
import { activitiesIn } from './contact-hours.ts';
import { COURSE_QUIZ_STANDARDS, formatStats, type BankStats } from './quiz-standards.ts';
import { MAX_READING_GRADE, readability } from './readability.ts';

// The project root is two levels up from this file, so the check works from any working directory.
const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const args = process.argv.slice(2);
const root = resolve(args.find((a) => !a.startsWith('--')) ?? projectRoot);
const standards = root === projectRoot || args.includes('--quiz-standards') ? COURSE_QUIZ_STANDARDS : undefined;

function summary(module: CourseModule): string {
  const words = module.pages.reduce((sum, page) => sum + page.words, 0);
  const { interactive, diagrams } = module.pages
    .map((page) => activitiesIn(page.html))
    .reduce((a, b) => ({ interactive: a.interactive + b.interactive, diagrams: a.diagrams + b.diagrams }), {
      interactive: 0,
      diagrams: 0,
    });
  const perObjective = module.objectives
    .map(({ id }) => `${id} ${module.quiz.questions.filter((q) => q.objective === id).length}`)
    .join(', ');
  return [
    module.id,
    `${module.pages.length} pages`,
    `${words} words`,
    `${interactive} interactive`,
    `${diagrams} diagram${diagrams === 1 ? '' : 's'}`,
    `${module.quiz.questions.length} questions (draw ${module.quiz.draw})`,
    `per objective: ${perObjective}`,
  ].join('  ');
}

function ceSummary(course: CourseData): string {
  const ce = course.ce!;
  return [
    'ce',
    `${ce.intro.length} intro sections`,
    `${course.glossary?.length ?? 0} glossary terms`,
    `${course.references?.length ?? 0} references`,
    `${course.evaluation?.length ?? 0} evaluation items`,
    `${ce.contactHours} contact hours: ${ce.contactHoursBasis}`,
  ].join('  ');
}

/** One line per page: its reading grade (Flesch-Kincaid), words counted for it, and its title; a warning above the limit. */
function gradeLines(prefix: string, pages: { id: string; title: string; html: string }[]): string[] {
  return pages.map(({ id, title, html }) => {
    const r = readability(html);
    const grade = Number.isNaN(r.grade) ? '  -- ' : r.grade.toFixed(1).padStart(5);
    if (r.grade > MAX_READING_GRADE) {
      console.error(
        `WARNING: page ${prefix}/${id} ${JSON.stringify(title)}: reading grade ${r.grade.toFixed(1)} is above ${MAX_READING_GRADE}: use shorter sentences and plainer words`,
      );
    }
    return `  grade ${grade}  ${`${prefix}/${id}`.padEnd(30)} ${String(r.words).padStart(4)} words  ${title}`;
  });
}

let quiz: BankStats[] = [];
try {
  const course = compileCourse(root, {
    warn: (message) => console.error(message),
    quizStandards: standards,
    onQuizStats: (stats) => (quiz = stats),
  });
  for (const module of course.modules) {
    console.log(summary(module));
    for (const line of gradeLines(module.id, module.pages)) console.log(line);
  }
  if (standards) for (const stats of quiz) console.log(formatStats(stats));
  if (course.ce) console.log(ceSummary(course));
  if (course.ce) {
    for (const line of gradeLines('ce', [
      ...course.ce.intro,
      { id: 'closing', title: 'Closing statement', html: course.ce.closing },
    ]))
      console.log(line);
  }
  if (course.ce) {
    const { reviewed, lastRegulatoryCheck, changes } = course.ce;
    console.log(
      `review  last reviewed ${reviewed}  last regulatory check ${lastRegulatoryCheck ?? 'none logged'}  ${changes.length} change note${changes.length === 1 ? '' : 's'} for learners (content/update-log.yaml)`,
    );
  }
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  if (standards) for (const stats of quiz) console.error(formatStats(stats));
  for (const problem of error.problems) console.error(problem);
  console.error(
    `${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in the course content (${root})`,
  );
  process.exitCode = 1;
}
