/**
 * The content compiler: course.yaml, modules/*.md and quizzes/*.yaml in, typed CourseData out.
 * Each file is checked on its own first (module.ts, quiz.ts); the checks that need several files live here.
 * Any problem anywhere makes compileCourse throw one ContentError listing all of them.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CourseData, CourseModule, CourseSettings } from '../../src/course/types.ts';
import { checkIds, listContentFiles, readText } from './files.ts';
import { loadModule, type LoadedModule } from './module.ts';
import { ContentError, quote, Report } from './problems.ts';
import { loadBank, type LoadedBank } from './quiz.ts';
import { settingsSchema } from './schemas.ts';
import { YamlSource } from './yaml-source.ts';

export { ContentError } from './problems.ts';

/** The files compileCourse reads under `root` (for watch lists). */
export function contentFiles(root: string): string[] {
  const report = new Report(); // naming problems are reported by compileCourse itself
  const files = [...listContentFiles(root, 'modules', '.md', report), ...listContentFiles(root, 'quizzes', '.yaml', report)];
  return [join(root, 'course.yaml'), ...files.map((f) => join(root, f.file))];
}

export function compileCourse(root: string): CourseData {
  const report = new Report();
  const settings = loadSettings(root, report);
  const modules = listContentFiles(root, 'modules', '.md', report).map((file) => loadModule(file, report));
  const banks = listContentFiles(root, 'quizzes', '.yaml', report).map((file) => loadBank(file, report));

  checkNumbering(modules, report);
  const pairs = pairModulesWithBanks(modules, banks, report);
  checkQuestionIds(banks, report);
  for (const [module, bank] of pairs) checkObjectiveReferences(module, bank, report);

  if (report.problems.length || !settings) throw new ContentError(report.problems);
  return { settings, modules: pairs.map(([module, bank]) => buildModule(module, bank)) };
}

function loadSettings(root: string, report: Report): CourseSettings | undefined {
  const file = 'course.yaml';
  if (!existsSync(join(root, file))) {
    report.add(file, 1, 'file not found');
    return undefined;
  }
  const src = YamlSource.parse(file, readText(join(root, file)), report);
  const result = src && settingsSchema.safeParse(src.data);
  if (result && !result.success) src.zodIssues(report, result.error.issues);
  return result?.data;
}

/** Modules are numbered 01, 02, ... with no gaps or repeats: the number is the module's place and id. */
function checkNumbering(modules: LoadedModule[], report: Report): void {
  if (!modules.length) report.add('modules/', 1, 'no module files: add modules/01-<slug>.md');
  const fileOf = new Map<number, string>();
  for (const { source } of modules) {
    const other = fileOf.get(source.number);
    if (other) report.add(source.file, 1, `module number ${source.digits} is already used by ${other}`);
    else fileOf.set(source.number, source.file);
  }
  // Files come sorted, so the numbers do too. Only the first break is reported: later ones follow from it.
  const numbers = [...fileOf.keys()];
  const gap = numbers.findIndex((n, i) => n !== i + 1);
  if (gap >= 0) {
    const expected = String(gap + 1).padStart(2, '0');
    report.add(fileOf.get(numbers[gap]!)!, 1, `modules must be numbered 01, 02, ... without gaps: expected ${expected} here`);
  }
}

/** Each module needs the quiz bank with its NN-slug, and each bank needs its module. */
function pairModulesWithBanks(modules: LoadedModule[], banks: LoadedBank[], report: Report): [LoadedModule, LoadedBank][] {
  const byName = new Map(banks.map((bank) => [bank.source.name, bank]));
  const moduleNames = new Set(modules.map((module) => module.source.name));
  for (const bank of banks) {
    if (!moduleNames.has(bank.source.name)) {
      report.add(bank.source.file, 1, `no module file modules/${bank.source.name}.md for this quiz bank`);
    }
  }
  return modules.flatMap((module): [LoadedModule, LoadedBank][] => {
    const bank = byName.get(module.source.name);
    if (!bank) report.add(module.source.file, 1, `no quiz bank: expected quizzes/${module.source.name}.yaml`);
    return bank ? [[module, bank]] : [];
  });
}

/** Question ids become SCORM interaction ids and keys in saved progress, so they are unique in the course. */
function checkQuestionIds(banks: LoadedBank[], report: Report): void {
  const seen = new Map<string, string>();
  for (const { source, src, questions } of banks) {
    if (!src) continue;
    const items = questions.map(({ input, index }) => ({ id: input.id, path: ['questions', index, 'id'] }));
    checkIds(src, report, items, { moduleId: `m${source.number}`, letter: 'q' }, seen);
  }
}

function checkObjectiveReferences(module: LoadedModule, bank: LoadedBank, report: Report): void {
  if (!module.front || !bank.src) return;
  const objectives = new Set(module.front.objectives.map((objective) => objective.id));
  for (const { input, index } of bank.questions) {
    if (!objectives.has(input.objective)) {
      bank.src.problem(report, ['questions', index, 'objective'], `objective ${quote(input.objective)} is not an objective of module ${module.id} (${module.source.file})`);
    }
  }
}

/** Called only when every check passed, so front matter and draw are present. */
function buildModule(module: LoadedModule, bank: LoadedBank): CourseModule {
  const front = module.front!;
  const pages = module.pages.map(({ page }) => page);
  const questions = bank.questions.map(({ output }) => output);
  return {
    id: module.id,
    number: module.source.number,
    title: front.title,
    minutes: front.minutes,
    objectives: front.objectives.map(({ id, text }) => ({ id, text })),
    pages,
    quiz: { draw: bank.draw!, questions },
    contentHash: contentHash(
      pages.map((page) => page.id),
      questions.map((question) => question.id),
    ),
  };
}

/** Changes exactly when a page or question is added, removed, renamed or reordered; wording edits keep it. */
export function contentHash(pageIds: string[], questionIds: string[]): string {
  return createHash('sha1').update(JSON.stringify([pageIds, questionIds])).digest('hex').slice(0, 8);
}
