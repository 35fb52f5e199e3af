/**
 * The continuing-education frame around the modules, from content/:
 *   references.yaml   the reference list that citation markers point to
 *   glossary.yaml     the glossary that [[term]] markers open
 *   evaluation.yaml   the course evaluation (Likert items and one comment)
 *   ce.md             the CE introduction shown before module 1 (front matter: review dates and timing)
 *   closing.md        the closing safety-and-scope statement
 *   diagrams/*.svg    diagrams inlined by ```diagram blocks
 */
import { longDate } from '../../src/course/certificate.ts';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type {
  CeFrame,
  CourseModule,
  CourseSettings,
  Disclosures,
  EvaluationItem,
  GlossaryTerm,
  PracticeGap,
  Reference,
} from '../../src/course/types.ts';
import { disclosuresHtml, practiceGapHtml } from './ce-activity.ts';
import { contactHours, type ContactHours, type Timing } from './contact-hours.ts';
import {
  ceFrontSchema,
  evaluationItemSchema,
  evaluationSchema,
  glossarySchema,
  glossaryTermSchema,
  referenceSchema,
  referencesSchema,
  type CeFront,
} from './extras-schemas.ts';
import { readText } from './files.ts';
import {
  compileFragment,
  compileInline,
  compilePages,
  countWords,
  escapeHtml,
  slugify,
  termKey,
  type MarkdownContext,
} from './markdown.ts';
import { splitFrontMatter } from './module.ts';
import { quote, type Report } from './problems.ts';
import { sanitizeSvg } from './svg.ts';
import { changesHtml, UPDATE_LOG_FILE, type UpdateLog } from './update-log.ts';
import { YamlSource, type Path } from './yaml-source.ts';

export const CONTENT_FILES = [
  'content/references.yaml',
  'content/glossary.yaml',
  'content/evaluation.yaml',
  'content/ce.md',
  'content/closing.md',
  UPDATE_LOG_FILE,
];

/** The CE introduction must keep these sections (by page id), so that an edit cannot drop a CE requirement. */
const CE_SECTIONS: Record<string, string> = {
  safety: 'the safety-and-scope statement',
  about: 'title, audience, practice gap and purpose',
  outcomes: 'the learning outcomes',
  time: 'estimated time and contact hours',
  completion: 'what successful completion requires',
  disclosures: 'disclosures and accreditation',
  review: 'the content review date and expiry',
};

function read(root: string, file: string, report: Report): string | undefined {
  if (existsSync(join(root, file))) return readText(join(root, file));
  report.add(file, 1, 'file not found');
  return undefined;
}

/** A YAML file holding one list under `key`, each element checked on its own so one bad entry hides nothing. */
function loadList<T>(
  root: string,
  file: string,
  key: string,
  container: z.ZodType,
  item: z.ZodType<T>,
  report: Report,
): { src?: YamlSource; items: { index: number; input: T }[] } {
  const text = read(root, file, report);
  const src = text === undefined ? undefined : YamlSource.parse(file, text, report);
  if (!src) return { items: [] };
  const result = container.safeParse(src.data);
  if (!result.success) src.zodIssues(report, result.error.issues);
  const list = src.valueAt([key]);
  const items = (Array.isArray(list) ? list : []).flatMap((value: unknown, index) => {
    const parsed = item.safeParse(value);
    if (!parsed.success) {
      src.zodIssues(report, parsed.error.issues, '', [key, index]);
      return [];
    }
    return [{ index, input: parsed.data }];
  });
  return { src, items };
}

/** Compiles inline Markdown held in a YAML value, reporting problems on the line where their text is written. */
function inlineAt(
  src: YamlSource,
  report: Report,
  path: Path,
  field: string,
  value: string,
  ctx: MarkdownContext,
  rules: { terms: boolean; sentences: boolean },
): string {
  const { html, problems } = compileInline(value, ctx, rules);
  for (const p of problems) src.problem(report, path, `${field}: ${p.message}`, '', src.lineOfText(path, p.text));
  return html;
}

const stop = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`);

// ---- references -------------------------------------------------------------------------------------------

export interface LoadedReferences {
  list: Reference[];
  ids: Set<string>;
  /** For reporting an unused reference on its line. */
  lineOf: Map<string, number>;
  file: string;
}

export function loadReferences(root: string, report: Report, ctx: MarkdownContext): LoadedReferences {
  const file = 'content/references.yaml';
  const { src, items } = loadList(root, file, 'references', referencesSchema, referenceSchema, report);
  const list: Reference[] = [];
  const lineOf = new Map<string, number>();
  for (const { index, input: r } of items) {
    const at = (...rest: string[]): Path => ['references', index, ...rest];
    if (lineOf.has(r.id)) {
      src!.problem(report, at('id'), `id is already used at ${file}:${lineOf.get(r.id)}`);
      continue;
    }
    lineOf.set(r.id, src!.lineOf(at('id')));
    if (!r.doi && !r.url) src!.problem(report, at(), 'give a doi or a url, so that readers can find the source');
    if (r.published && r.year && !r.published.includes(String(r.year)))
      src!.problem(report, at('published'), `must include the year ${r.year}`);
    const parts = [
      r.authors && escapeHtml(stop(r.authors)),
      escapeHtml(stop(r.title)),
      `<cite>${escapeHtml(r.source)}</cite>.`,
      r.published
        ? escapeHtml(stop(r.published))
        : r.year
          ? `${r.year}${r.volume ? `;${escapeHtml(r.volume)}` : ''}.`
          : 'Undated web page.',
      r.doi && `<span class="ref-doi">doi:${escapeHtml(r.doi)}</span>`,
      r.url && `<span class="ref-url">${escapeHtml(r.url)}</span>`,
      // Notes may not cite: the reference list does not point into itself.
      r.note &&
        inlineAt(
          src!,
          report,
          at('note'),
          'note',
          r.note,
          { ...ctx, references: new Set() },
          { terms: false, sentences: false },
        ),
    ];
    list.push({ id: r.id, html: parts.filter(Boolean).join(' ') });
  }
  // Numbered lists read R1, R2, ..., then S1, S2, ...: keep the file in that order, so the list matches the markers.
  const sorted = [...list].sort(
    (a, b) => a.id[0]!.localeCompare(b.id[0]!) || Number(a.id.slice(1)) - Number(b.id.slice(1)),
  );
  const outOfOrder = list.findIndex((r, i) => r !== sorted[i]);
  if (outOfOrder >= 0)
    report.add(
      file,
      lineOf.get(list[outOfOrder]!.id) ?? 1,
      `reference ${quote(list[outOfOrder]!.id)} is out of order: list R1, R2, ... then S1, S2, ...`,
    );
  return { list: sorted, ids: new Set(lineOf.keys()), lineOf, file };
}

/** Every reference is cited somewhere: the list is the course's cited sources, no more. */
export function checkReferencesCited(refs: LoadedReferences, cited: Set<string>, report: Report): void {
  for (const [id, line] of refs.lineOf) {
    if (!cited.has(id))
      report.add(refs.file, line, `reference ${quote(id)} is not cited anywhere: cite it as [${id}] or remove it`);
  }
}

// ---- glossary ---------------------------------------------------------------------------------------------

/** Reads the glossary and fills ctx.terms (name, aliases and id → term id), before any page is compiled. */
export function indexGlossary(
  root: string,
  report: Report,
  ctx: MarkdownContext & { terms: Map<string, string> },
): () => GlossaryTerm[] {
  const file = 'content/glossary.yaml';
  const { src, items } = loadList(root, file, 'terms', glossarySchema, glossaryTermSchema, report);
  const owner = new Map<string, string>();
  const ids = new Map<string, number>();
  const entries: { index: number; id: string; term: string; definition: string }[] = [];
  for (const { index, input } of items) {
    const id = input.id ?? slugify(input.term);
    const at = (...rest: (string | number)[]): Path => ['terms', index, ...rest];
    if (ids.has(id)) {
      src!.problem(report, at(input.id ? 'id' : 'term'), `id ${quote(id)} is already used at ${file}:${ids.get(id)}`);
      continue;
    }
    ids.set(id, src!.lineOf(at()));
    const keys: [string, Path][] = [
      [input.term, at('term')],
      [id, at('id')],
      ...(input.aliases ?? []).map((a, i): [string, Path] => [a, at('aliases', i)]),
    ];
    for (const [key, path] of keys) {
      const k = termKey(key);
      const other = owner.get(k);
      if (other && other !== id) src!.problem(report, path, `${quote(key)} already names the term ${quote(other)}`);
      else {
        owner.set(k, id);
        ctx.terms.set(k, id);
      }
    }
    entries.push({ index, id, term: input.term, definition: input.definition });
  }
  // In the order the glossary shows them, so the course does not sort at launch (a first localeCompare is slow).
  entries.sort((a, b) => a.term.localeCompare(b.term, 'en'));
  // Definitions are compiled later, once the reference list is known; they are shown in a popover, so no terms inside.
  return () =>
    entries
      .map(({ index, id, term, definition }) => {
        const path: Path = ['terms', index, 'definition'];
        const html = inlineAt(src!, report, path, 'definition', definition, ctx, { terms: false, sentences: true });
        // A quotation of an official definition needs its attribution.
        if (/["“][^"”]*(?:\s+\S+){3,}[^"”]*["”]/.test(definition) && !/\[[A-Z]\d+/.test(definition)) {
          src!.problem(report, path, 'definition: a quotation needs its source: add a citation such as [R3]');
        }
        return { id, term, html };
      })
      .sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
}

// ---- diagrams ---------------------------------------------------------------------------------------------

/** Loads content/diagrams/<name>.svg once per build; its problems are reported against the svg file. */
export function diagramLoader(root: string, report: Report): (name: string) => { svg: string } | { error: string } {
  const cache = new Map<string, { svg: string } | { error: string }>();
  return (name) => {
    const cached = cache.get(name);
    if (cached) return cached;
    const file = `content/diagrams/${name}.svg`;
    let result: { svg: string } | { error: string };
    if (!existsSync(join(root, file))) result = { error: `${file} not found` };
    else {
      const { svg, problems } = sanitizeSvg(readText(join(root, file)), name);
      for (const p of problems) report.add(file, p.line, p.message);
      result = svg ? { svg } : { error: `${file} has problems (listed under its name)` };
    }
    cache.set(name, result);
    return result;
  };
}

export function diagramFiles(root: string): string[] {
  const dir = join(root, 'content/diagrams');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.svg'))
        .map((f) => `content/diagrams/${f}`)
    : [];
}

// ---- evaluation -------------------------------------------------------------------------------------------

const EVALUATION_PLACEHOLDERS = ['contactHours', 'estimatedMinutes'] as const;

/**
 * Reads the evaluation; prompts and labels may use {{contactHours}} and {{estimatedMinutes}}, filled in by `finish`,
 * which also takes the learning outcomes of an `outcomes` item from the modules' objectives (never retyped here).
 */
export function loadEvaluation(
  root: string,
  report: Report,
): (values: Record<(typeof EVALUATION_PLACEHOLDERS)[number], string>, modules: CourseModule[]) => EvaluationItem[] {
  const file = 'content/evaluation.yaml';
  const { src, items } = loadList(root, file, 'items', evaluationSchema, evaluationItemSchema, report);
  const seen = new Map<string, number>();
  const valid = items.filter(({ index, input }) => {
    const at = (...rest: string[]): Path => ['items', index, ...rest];
    let ok = true;
    if (seen.has(input.id)) {
      src!.problem(report, at('id'), `id is already used at ${file}:${seen.get(input.id)}`);
      ok = false;
    } else seen.set(input.id, src!.lineOf(at('id')));
    // Fields that belong to one type only.
    const own = { choices: 'choices', other: 'choices', comment: 'yesno' } as const;
    for (const [field, type] of Object.entries(own)) {
      if (input[field as keyof typeof own] !== undefined && input.type !== type) {
        src!.problem(report, at(field), `field "${field}" belongs to ${type} items only`);
        ok = false;
      }
    }
    if (input.type === 'choices') {
      if (!input.choices) {
        src!.problem(report, at('type'), 'a choices item needs a "choices" list (ids a, b, c, ...)');
        ok = false;
      } else {
        const ids = input.choices.map((c) => c.id);
        const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
        if (repeated) {
          src!.problem(report, at('choices'), `choice id ${quote(repeated)} is used twice`);
          ok = false;
        }
      }
      if (!input.other) {
        src!.problem(report, at('type'), 'a choices item needs "other": the label of its free-text answer');
        ok = false;
      }
    }
    if (input.type === 'yesno' && !input.comment) {
      src!.problem(report, at('type'), 'a yesno item needs "comment": the label of its optional comment');
      ok = false;
    }
    // Prompts and labels are plain text: the LMS receives them as interaction descriptions.
    const texts: [string, string][] = [
      ['prompt', input.prompt],
      ['other', input.other ?? ''],
      ['comment', input.comment ?? ''],
      ...(input.choices ?? []).map((c, i) => [`choices.${i}`, c.text] as [string, string]),
    ];
    for (const [field, value] of texts) {
      const path = field.startsWith('choices.') ? at('choices', field.split('.')[1]!, 'text') : at(field);
      if (/[<>*_`]|\[[A-Z]\d|\[\[/.test(value))
        src!.problem(
          report,
          path,
          `${field.replace(/\.\d+$/, '')} is plain text: no Markdown, HTML, citations or glossary markers`,
        );
      for (const m of value.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
        if (!(EVALUATION_PLACEHOLDERS as readonly string[]).includes(m[1]!)) {
          src!.problem(
            report,
            path,
            `unknown placeholder ${quote(m[0])}: use {{contactHours}} or {{estimatedMinutes}}`,
          );
        }
      }
    }
    return ok;
  });
  if (src && items.length) {
    for (const type of ['comment', 'outcomes'] as const) {
      const of = valid.filter(({ input }) => input.type === type);
      if (of.length > 1)
        src.problem(
          report,
          ['items', of[1]!.index, 'type'],
          type === 'comment'
            ? 'only one comment item is allowed (the course records one comment)'
            : 'only one outcomes item is allowed (it rates every learning outcome)',
        );
    }
    if (!valid.some(({ input }) => input.type === 'likert'))
      src.problem(report, ['items'], 'needs at least one likert item');
  }
  return (values, modules) =>
    valid.map(({ input }): EvaluationItem => {
      const fill = (text: string) =>
        text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => values[name as keyof typeof values] ?? m);
      const base = { id: input.id, prompt: fill(input.prompt) };
      switch (input.type) {
        case 'outcomes':
          return {
            ...base,
            type: 'outcomes',
            outcomes: modules.flatMap((m) => m.objectives.map((o) => ({ id: o.id, text: o.text }))),
          };
        case 'choices':
          return {
            ...base,
            type: 'choices',
            choices: (input.choices ?? []).map((c) => ({ id: c.id, text: fill(c.text) })),
            other: fill(input.other ?? ''),
          };
        case 'yesno':
          return { ...base, type: 'yesno', comment: fill(input.comment ?? '') };
        default:
          return { ...base, type: input.type };
      }
    });
}

// ---- CE introduction and closing ----------------------------------------------------------------------------

function outcomesHtml(modules: CourseModule[], level: number): string {
  const h = `h${level}`;
  const blocks = modules.map(
    (m) =>
      `<${h}>Module ${m.number}: ${escapeHtml(m.title)}</${h}>\n<ul>\n${m.objectives.map((o) => `<li data-objective="${o.id}">${escapeHtml(o.text)}</li>`).join('\n')}\n</ul>`,
  );
  return `<div class="outcomes" data-outcomes="">\n${blocks.join('\n')}\n</div>`;
}

export interface CeInput {
  settings: CourseSettings;
  modules: CourseModule[];
  evaluationMinutes?: number;
  /** The CE activity data (content/disclosures.yaml, content/practice-gap.yaml). */
  disclosures?: Disclosures;
  practiceGap?: PracticeGap;
  /** Items in the baseline check (their time counts towards the contact hours). */
  baselineQuestions?: number;
}

export interface LoadedCe {
  ce?: CeFrame;
  hours?: ContactHours;
  timing?: Timing;
}

/**
 * Compiles ce.md and closing.md. Their reading time counts towards the contact hours, which the CE text itself
 * shows: so the text is compiled once with empty placeholders to count its words, then again with the values.
 */
export function loadCe(
  root: string,
  report: Report,
  ctx: MarkdownContext,
  input: CeInput | undefined,
  warn: (message: string) => void,
  log?: UpdateLog,
): LoadedCe {
  const file = 'content/ce.md';
  const closingFile = 'content/closing.md';
  const text = read(root, file, report);
  const closingText = read(root, closingFile, report);
  if (text === undefined || closingText === undefined) return {};

  const split = splitFrontMatter(text);
  if (!split) {
    report.add(
      file,
      1,
      'front matter: missing or not closed: the file must start with a --- line, the fields expires and timing, and another --- line',
    );
    return {};
  }
  const src = YamlSource.parse(file, split.yaml, report, 'front matter: ', 1);
  // The review date comes from the update log, never typed by hand.
  const typed = src && typeof src.data === 'object' && src.data !== null && 'reviewed' in src.data;
  if (typed)
    src!.problem(
      report,
      ['reviewed'],
      `field "reviewed": remove it: the review date is computed from ${UPDATE_LOG_FILE}`,
      'front matter: ',
    );
  const data = typed
    ? Object.fromEntries(Object.entries(src!.data as object).filter(([k]) => k !== 'reviewed'))
    : src?.data;
  const parsed = src && ceFrontSchema.safeParse(data);
  if (parsed && !parsed.success) src!.zodIssues(report, parsed.error.issues, 'front matter: ');
  const front: CeFront | undefined = parsed?.success ? parsed.data : undefined;
  if (front?.expires)
    src!.problem(
      report,
      ['expires'],
      'expires has moved to course.yaml (expiryDate): remove it here',
      'front matter: ',
    );

  // Bracketed notes in the CE text are placeholders an administrator must replace (e.g. the disclosure names).
  split.body.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/\[(?!\[)(?![A-Z]\d+[\],])[^\]\n]{6,}\](?!\()/g)) {
      warn(
        `${file}:${split.bodyLine + i}: WARNING: placeholder ${quote(m[0])} must be replaced before the course is released`,
      );
    }
  });

  // Pass 1, for the word count: placeholders empty.
  const values = new Map<string, string>([
    ['courseTitle', ''],
    ['providerName', ''],
    ['accreditationStatement', ''],
    ['contactHours', ''],
    ['contactHoursBasis', ''],
    ['estimatedMinutes', ''],
    ['passMark', ''],
    ['moduleCount', ''],
    ['reviewed', ''],
    ['released', ''],
    ['expires', ''],
    ['lastRegulatoryCheck', ''],
    ['quizFeedback', ''],
    ['baselineCheck', ''],
  ]);
  const reviewedFrom = `the newest review in ${UPDATE_LOG_FILE}`;
  // The disclosures and the practice gap are read, so they count as reading time in both passes.
  const blocks =
    input?.disclosures && input.practiceGap && log
      ? {
          disclosures: disclosuresHtml(input.disclosures, {
            settings: input.settings,
            reviewed: log.lastReviewed,
            reviewedFrom,
          }),
          practiceGap: practiceGapHtml(input.practiceGap),
        }
      : { disclosures: '', practiceGap: '' };
  const silent = {
    ...ctx,
    placeholders: values,
    cited: new Set<string>(),
    directives: { ...ctx.directives, outcomes: '', changes: '', ...blocks },
  };
  const draft = compilePages(split.body, split.bodyLine, silent);
  const draftClosing = compileFragment(closingText, 1, silent);
  if (!input || !front || !log) {
    // Still report the text's own problems.
    for (const p of draft.problems) report.add(file, p.line, p.message);
    for (const p of draftClosing.problems) report.add(closingFile, p.line, p.message);
    return {};
  }

  const { settings, modules } = input;
  const ceWords = draft.pages.reduce((sum, { page }) => sum + page.words, 0) + countWords(draftClosing.html);
  const hours = contactHours(modules, ceWords, front.timing, settings.contactHours, input.baselineQuestions ?? 0);
  const fill = (name: string, value: string) => values.set(name, escapeHtml(value));
  fill('courseTitle', settings.title);
  fill('providerName', settings.providerName);
  fill('accreditationStatement', settings.accreditationStatement);
  fill('contactHours', formatHours(hours.awarded));
  fill('contactHoursBasis', hours.basis);
  fill('estimatedMinutes', String(hours.estimatedMinutes));
  fill('passMark', String(settings.passMark));
  fill('moduleCount', String(modules.length));
  // The baseline check before Module 1 (content/pre-assessment.yaml), as course.yaml's baselineSkippable has it.
  const baselineItems = input.baselineQuestions ?? 0;
  fill(
    'baselineCheck',
    baselineItems
      ? `Before Module 1 you answer a short baseline check of ${baselineItems} questions. It is not graded and never counts towards passing: it shows your starting point, and the completion screen compares it with your quiz results.${settings.baselineSkippable ? ' You may skip it.' : ''}`
      : '',
  );
  // One sentence on the quiz feedback the course.yaml setting chooses (src/course/feedback.ts).
  fill(
    'quizFeedback',
    settings.quizFeedback === 'full'
      ? 'After each attempt you see your answers, the correct options and the reason for each.'
      : 'After an attempt that does not pass, you see which questions you missed and why, and the correct options are shown once you pass or have no attempts left.',
  );
  fill('reviewed', longDate(log.lastReviewed));
  fill('released', longDate(settings.releaseDate));
  fill('expires', longDate(settings.expiryDate));
  fill('lastRegulatoryCheck', log.lastRegulatoryCheck ? longDate(log.lastRegulatoryCheck) : 'not recorded');

  const full = {
    ...ctx,
    placeholders: values,
    directives: { ...ctx.directives, outcomes: outcomesHtml(modules, 3), changes: changesHtml(log), ...blocks },
  };
  const { pages, problems } = compilePages(split.body, split.bodyLine, full);
  for (const p of problems) report.add(file, p.line, p.message);
  const closing = compileFragment(closingText, 1, full);
  for (const p of closing.problems) report.add(closingFile, p.line, p.message);

  const ids = new Set(pages.map(({ page }) => page.id));
  const missing = Object.entries(CE_SECTIONS).filter(([id]) => !ids.has(id));
  for (const [id, what] of missing)
    report.add(file, split.bodyLine, `missing the section {#${id}} (${what}): CE providers require it`);

  return {
    hours,
    timing: front.timing,
    ce: {
      intro: pages.map(({ page }) => ({ id: page.id, title: page.title, html: page.html })),
      closing: closing.html,
      providerName: settings.providerName,
      accreditationStatement: settings.accreditationStatement,
      contactHours: hours.awarded,
      contactHoursBasis: hours.basis,
      reviewed: log.lastReviewed,
      lastRegulatoryCheck: log.lastRegulatoryCheck ?? null,
      changes: log.reviews[0]!.changes,
      reviewedFrom,
      released: settings.releaseDate,
      expires: settings.expiryDate,
      estimatedMinutes: hours.estimatedMinutes,
      otherMinutes: hours.otherMinutes,
      providerAddress: settings.providerAddress,
      activityId: settings.activityId,
      disclosures: input.disclosures ?? {
        people: [],
        nursePlanner: '',
        commercialSupport: '',
        jointProvidership: '',
        mitigationStatement: '',
      },
      practiceGap: input.practiceGap ?? { gap: '', evidence: [], outcome: '' },
    },
  };
}

export function formatHours(hours: number): string {
  return hours.toFixed(2).replace(/0$/, '').replace(/\.0$/, '');
}
