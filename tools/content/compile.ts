/**
 * The content compiler: course.yaml, modules/*.md, quizzes/*.yaml and the CE frame in content/ in, typed
 * CourseData out. Each file is checked on its own first (module.ts, quiz.ts, extras.ts); the checks that need
 * several files live here. Any problem anywhere makes compileCourse throw one ContentError listing all of them.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CourseData, CourseModule, CourseSettings } from '../../src/course/types.ts';
import { activitiesIn, moduleTime, type Timing } from './contact-hours.ts';
import {
  CE_ACTIVITY_FILES,
  checkActivityDates,
  loadBaseline,
  loadDisclosures,
  loadPracticeGap,
} from './ce-activity.ts';
import {
  checkReferencesCited,
  CONTENT_FILES,
  diagramFiles,
  diagramLoader,
  formatHours,
  indexGlossary,
  loadCe,
  loadEvaluation,
  loadReferences,
} from './extras.ts';
import { checkIds, listContentFiles, readText } from './files.ts';
import type { MarkdownContext } from './markdown.ts';
import { loadModule, type LoadedModule } from './module.ts';
import { ContentError, quote, Report } from './problems.ts';
import { loadBank, type LoadedBank } from './quiz.ts';
import {
  bankProblems,
  bankStats,
  itemProblems,
  nearDuplicates,
  type BankStats,
  type QuizStandards,
} from './quiz-standards.ts';
import { settingsSchema } from './schemas.ts';
import { isoToday, loadUpdateLog } from './update-log.ts';
import { YamlSource } from './yaml-source.ts';

export { ContentError } from './problems.ts';

/** The files compileCourse reads under `root` (for watch lists). */
export function contentFiles(root: string): string[] {
  const report = new Report(); // naming problems are reported by compileCourse itself
  const files = [
    ...listContentFiles(root, 'modules', '.md', report),
    ...listContentFiles(root, 'quizzes', '.yaml', report),
  ];
  return [
    join(root, 'course.yaml'),
    ...files.map((f) => f.file),
    ...CONTENT_FILES,
    ...CE_ACTIVITY_FILES,
    ...diagramFiles(root),
  ].map((f) => (f.startsWith(root) ? f : join(root, f)));
}

export interface CompileOptions {
  /** Receives warnings: things to fix before release that do not stop a build (e.g. CE placeholders). */
  warn?: (message: string) => void;
  /** The build date as YYYY-MM-DD (default: today, UTC): no review may be dated later; the regulatory check is aged
   *  from it; the activity's expiry warning counts from it. */
  today?: string;
  /**
   * Item-writing standards to hold the quiz banks to (tools/content/quiz-standards.ts): any shortfall is a
   * problem. `npm run check` and the build pass COURSE_QUIZ_STANDARDS; left out, only the shape rules apply
   * (small test fixtures).
   */
  quizStandards?: QuizStandards;
  /** Receives each module's quiz measures (items, per objective, application, key-longest and true/false shares). */
  onQuizStats?: (stats: BankStats[]) => void;
}

export function compileCourse(root: string, options: CompileOptions = {}): CourseData {
  const report = new Report();
  const warn = options.warn ?? (() => {});
  const settings = loadSettings(root, report);

  // The reference list and glossary first: every piece of Markdown is checked against them.
  const terms = new Map<string, string>();
  const ctx: MarkdownContext & { terms: Map<string, string> } = {
    references: new Set(),
    terms,
    directives: { diagram: diagramLoader(root, report) },
    cited: new Set(),
  };
  const references = loadReferences(root, report, ctx);
  ctx.references = references.ids;
  const glossary = indexGlossary(root, report, ctx)();
  const log = loadUpdateLog(root, report, ctx, options.today ?? isoToday(), warn);

  const modules = listContentFiles(root, 'modules', '.md', report).map((file) => loadModule(file, report, ctx));
  const banks = listContentFiles(root, 'quizzes', '.yaml', report).map((file) => loadBank(file, report, ctx));

  checkNumbering(modules, report);
  const pairs = pairModulesWithBanks(modules, banks, report);
  checkQuestionIds(banks, report);
  for (const [module, bank] of pairs) {
    if (checkObjectiveReferences(module, bank, report) && checkObjectiveCoverage(module, bank, report)) {
      checkDrawCoversObjectives(module, bank, report);
    }
  }
  if (options.quizStandards) checkQuizStandards(pairs, options.quizStandards, report);
  options.onQuizStats?.(pairs.flatMap(([module, bank]) => (module.front ? [statsOf(module, bank)] : [])));

  // The CE frame needs the built modules (outcomes, contact hours); build them only when they are sound.
  const sound = !report.problems.length;
  const built = sound ? pairs.map(([module, bank]) => buildModule(module, bank)) : [];
  const evaluation = loadEvaluation(root, report);
  const disclosures = loadDisclosures(root, report, ctx, warn);
  const practiceGap = loadPracticeGap(root, report, ctx, warn);
  // Its items name module objectives: checked only against sound modules, so one broken file does not cascade.
  const baseline = sound ? loadBaseline(root, report, ctx, built, warn) : undefined;
  // Learners take the baseline check before Module 1: its items count in the contact hours and the one duration.
  const ceInput =
    settings && sound
      ? { settings, modules: built, disclosures, practiceGap, baselineQuestions: baseline?.questions.length ?? 0 }
      : undefined;
  const { ce, hours, timing } = loadCe(root, report, ctx, ceInput, warn, log);
  if (settings) checkActivityDates(settings, log?.lastReviewed, options.today ?? isoToday(), report, warn);
  if (timing) {
    for (const [i, module] of built.entries()) {
      checkModuleMinutes(module, pairs[i]![0], timing, warn);
      checkModuleActivities(module, pairs[i]![0], warn);
    }
  }
  // Skipped while a module or quiz file could not be read at all (front matter not closed, a YAML syntax error):
  // its citations are unknown, and its sources would be reported as unused, far from the real mistake.
  const unread = modules.some((m) => !m.frontSrc && m.pages.length === 0) || banks.some((b) => !b.src);
  if (!unread) checkReferencesCited(references, ctx.cited, report);

  if (report.problems.length || !settings || !ce || !hours) throw new ContentError(report.problems);
  return {
    settings,
    // One duration, computed once: each module's share of the estimate the CE text and the evaluation state.
    modules: built.map((module, i) => ({ ...module, minutes: hours.moduleMinutes[i]! })),
    ce,
    glossary,
    references: references.list,
    evaluation: evaluation(
      { contactHours: formatHours(ce.contactHours), estimatedMinutes: String(hours.estimatedMinutes) },
      built,
    ),
    ...(baseline && baseline.questions.length ? { baseline } : {}),
  };
}

/** Each module should teach with at least two interactive elements and one diagram (a warning, not an error). */
function checkModuleActivities(module: CourseModule, loaded: LoadedModule, warn: (message: string) => void): void {
  const found = module.pages
    .map((page) => activitiesIn(page.html))
    .reduce((a, b) => ({ interactive: a.interactive + b.interactive, diagrams: a.diagrams + b.diagrams }), {
      interactive: 0,
      diagrams: 0,
    });
  if (found.interactive < 2 || found.diagrams < 1) {
    warn(
      `${loaded.source.file}:1: WARNING: ${found.interactive} interactive element${found.interactive === 1 ? '' : 's'} and ${found.diagrams} diagram${found.diagrams === 1 ? '' : 's'}: each module should have at least 2 and 1`,
    );
  }
}

/** The course shows each module's time computed from its content; an old `minutes` in the front matter is not used,
 *  and one far from the estimate says so (the author may have expected it to be shown). */
function checkModuleMinutes(
  module: CourseModule,
  loaded: LoadedModule,
  timing: Timing,
  warn: (message: string) => void,
): void {
  const typed = loaded.front?.minutes;
  const estimate = Math.round(moduleTime(module, timing).minutes);
  if (typed !== undefined && Math.abs(estimate - typed) > 2) {
    const line = loaded.frontSrc?.lineOf(['minutes']) ?? 1;
    warn(
      `${loaded.source.file}:${line}: WARNING: minutes ${typed} differs from the content's estimate of ${estimate} (reading, activities and one quiz attempt), which the course shows: remove the field`,
    );
  }
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
    report.add(
      fileOf.get(numbers[gap]!)!,
      1,
      `modules must be numbered 01, 02, ... without gaps: expected ${expected} here`,
    );
  }
}

/** Each module needs the quiz bank with its NN-slug, and each bank needs its module. */
function pairModulesWithBanks(
  modules: LoadedModule[],
  banks: LoadedBank[],
  report: Report,
): [LoadedModule, LoadedBank][] {
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

/** True when every question names an objective of its module. */
function checkObjectiveReferences(module: LoadedModule, bank: LoadedBank, report: Report): boolean {
  if (!module.front || !bank.src) return false;
  // A malformed objective id is reported once, on the objective: questions naming it would only echo it.
  if (module.objectivesBroken) return false;
  const objectives = new Set(module.front.objectives.map((objective) => objective.id));
  let ok = true;
  for (const { input, index } of bank.questions) {
    if (!objectives.has(input.objective)) {
      ok = false;
      bank.src.problem(
        report,
        ['questions', index, 'objective'],
        `objective ${quote(input.objective)} is not an objective of module ${module.id} (${module.source.file})`,
      );
    }
  }
  return ok;
}

/** The fewest questions that may measure one objective: one question is not a measurement, and a draw may miss it. */
const MIN_QUESTIONS_PER_OBJECTIVE = 2;

/**
 * Every objective is measured by at least two questions in its bank (reported on the objective's line). Skipped
 * while a question is broken: its objective cannot be counted, and the count would only echo that problem.
 */
function checkObjectiveCoverage(module: LoadedModule, bank: LoadedBank, report: Report): boolean {
  if (!module.front || !module.frontSrc) return false;
  const written = bank.src?.valueAt(['questions']);
  if (!Array.isArray(written) || written.length !== bank.questions.length) return false;
  let ok = true;
  module.front.objectives.forEach((objective, i) => {
    const count = bank.questions.filter(({ input }) => input.objective === objective.id).length;
    if (count < MIN_QUESTIONS_PER_OBJECTIVE) {
      ok = false;
      module.frontSrc!.problem(
        report,
        ['objectives', i, 'id'],
        `is measured by ${count} question${count === 1 ? '' : 's'} in ${bank.source.file}: each objective needs at least ${MIN_QUESTIONS_PER_OBJECTIVE}`,
        'front matter: ',
      );
    }
  });
  return ok;
}

/** Every attempt draws one question per objective (src/course/quiz.ts), so a draw needs room for all of them. */
function checkDrawCoversObjectives(module: LoadedModule, bank: LoadedBank, report: Report): void {
  const objectives = module.front?.objectives.length ?? 0;
  if (bank.src && bank.draw !== undefined && bank.draw < objectives) {
    bank.src.problem(
      report,
      ['draw'],
      `draw ${bank.draw} is fewer than the ${objectives} objectives of module ${module.id}: every attempt asks at least one question per objective`,
    );
  }
}

function statsOf(module: LoadedModule, bank: LoadedBank): BankStats {
  const objectives = module.front?.objectives.map((o) => o.id) ?? [];
  return bankStats(
    module.id,
    objectives,
    bank.questions.map((q) => q.input),
  );
}

/** The item-writing standards: cue checks per question, near-duplicate stems across the course, bank measures. */
function checkQuizStandards(pairs: [LoadedModule, LoadedBank][], standards: QuizStandards, report: Report): void {
  const stems: { id: string; prompt: string; bank: LoadedBank; index: number }[] = [];
  for (const [module, bank] of pairs) {
    const src = bank.src;
    if (!src) continue;
    for (const { input, index } of bank.questions) {
      for (const p of itemProblems(input, standards)) src.problem(report, ['questions', index, ...p.path], p.message);
      stems.push({ id: input.id, prompt: input.prompt, bank, index });
    }
    for (const p of bankProblems(statsOf(module, bank), standards)) {
      if (p.at === 'bank') {
        report.add(bank.source.file, src.lineOf(['questions']), p.message);
      } else {
        const objective = p.at.objective;
        const i = module.front?.objectives.findIndex((o) => o.id === objective) ?? -1;
        if (module.frontSrc && i >= 0)
          module.frontSrc.problem(
            report,
            ['objectives', i, 'id'],
            `${p.message} (${bank.source.file})`,
            'front matter: ',
          );
      }
    }
  }
  for (const { item, earlier, similarity } of nearDuplicates(stems, standards)) {
    item.bank.src!.problem(
      report,
      ['questions', item.index, 'prompt'],
      `prompt repeats question ${quote(earlier.id)} (${earlier.bank.source.file}:${earlier.bank.src!.lineOf(['questions', earlier.index, 'prompt'])}, ${Math.round(similarity * 100)}% the same words): a learner may meet both in one attempt; ask something different`,
    );
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
    minutes: 0, // set from the contact-hours estimate once the CE frame is compiled (compileCourse)
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
  return createHash('sha1')
    .update(JSON.stringify([pageIds, questionIds]))
    .digest('hex')
    .slice(0, 8);
}
