/**
 * The accreditation data of the CE activity (issue 12), from content/:
 *   disclosures.yaml     planners, authors and content reviewers with their relevant financial relationships and
 *                        mitigation, commercial support, joint providership, the nurse planner
 *   practice-gap.yaml    the professional practice gap, its cited evidence, and the one measurable outcome
 *   pre-assessment.yaml  the baseline check before Module 1 (quiz-bank format, one item per module objective)
 * and the activity dates of course.yaml (release, expiry) with the last-review date. Text in [square brackets] is
 * a placeholder: a WARNING until the provider replaces it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type {
  BaselineBank,
  CourseModule,
  CourseSettings,
  Disclosures,
  PracticeGap,
  Question,
} from '../../src/course/types.ts';
import { longDate } from '../../src/course/certificate.ts';
import { readText } from './files.ts';
import { compileInline, escapeHtml, type MarkdownContext } from './markdown.ts';
import { htmlToText } from '../../src/text/html-text.ts';
import { quote, type Report } from './problems.ts';
import { compileQuestion, questionRules } from './quiz.ts';
import { fields, questionSchema, text } from './schemas.ts';
import { YamlSource, type Path } from './yaml-source.ts';

export const CE_ACTIVITY_FILES = [
  'content/disclosures.yaml',
  'content/practice-gap.yaml',
  'content/pre-assessment.yaml',
];

type Warn = (message: string) => void;

const ROLES = ['nurse planner', 'planner', 'author', 'content reviewer'] as const;

const disclosuresSchema = z.strictObject(
  {
    people: z
      .array(
        z.strictObject(
          {
            name: text,
            credentials: text,
            roles: z
              .array(z.enum(ROLES, { error: `must be one of: ${ROLES.join(', ')}` }), { error: 'must be a list' })
              .min(1, 'must list at least one role'),
            relationships: text,
            mitigation: text,
          },
          fields,
        ),
        { error: 'must be a list' },
      )
      .min(1, 'must list at least one person'),
    commercialSupport: text,
    jointProvidership: text,
    mitigationStatement: text,
  },
  fields,
);

const practiceGapSchema = z.strictObject(
  {
    gap: text,
    evidence: z.array(text, { error: 'must be a list' }).min(1, 'must list at least one piece of evidence'),
    outcome: text,
  },
  fields,
);

const preAssessmentSchema = z.strictObject(
  { questions: z.array(z.unknown(), { error: 'must be a list' }).min(1, 'must list at least one question') },
  fields,
);

/** A value still in [square brackets] (or holding one) is a placeholder the provider must replace. */
const PLACEHOLDER = /\[(?!\[)(?![A-Z]\d+[\],])[^\]\n]{3,}\]/;

/** The files are optional: a course (or a test fixture) can build without its CE activity data. */
function parse(root: string, file: string, report: Report, _warn: Warn, _what: string): YamlSource | undefined {
  if (!existsSync(join(root, file))) return undefined;
  return YamlSource.parse(file, readText(join(root, file)), report);
}

function warnPlaceholder(src: YamlSource, path: Path, value: string, warn: Warn): void {
  const m = PLACEHOLDER.exec(value);
  if (m)
    warn(
      `${src.file}:${src.lineOf(path)}: WARNING: placeholder ${quote(m[0])} must be replaced before the course is released`,
    );
}

function inline(
  src: YamlSource,
  report: Report,
  path: Path,
  value: string,
  ctx: MarkdownContext,
  sentences: boolean,
): string {
  const { html, problems } = compileInline(value, ctx, { terms: false, sentences });
  for (const p of problems) src.problem(report, path, p.message, '', src.lineOfText(path, p.text));
  return html;
}

// ---- disclosures ------------------------------------------------------------------------------------------

export function loadDisclosures(
  root: string,
  report: Report,
  ctx: MarkdownContext,
  warn: Warn,
): Disclosures | undefined {
  const src = parse(root, 'content/disclosures.yaml', report, warn, 'disclosures of planners, authors and reviewers');
  if (!src) return undefined;
  const result = disclosuresSchema.safeParse(src.data);
  if (!result.success) {
    src.zodIssues(report, result.error.issues);
    return undefined;
  }
  const d = result.data;
  const has = (role: (typeof ROLES)[number]) => d.people.some((p) => p.roles.includes(role));
  const planners = d.people.filter((p) => p.roles.includes('nurse planner'));
  if (planners.length === 0)
    src.problem(report, ['people'], 'name the nurse planner: give one person the role "nurse planner"');
  if (!has('author')) src.problem(report, ['people'], 'list at least one person with the role "author"');
  if (!has('content reviewer'))
    src.problem(report, ['people'], 'list at least one person with the role "content reviewer"');
  // Plain text, no citations: these are statements about people, not claims about evidence.
  const noCite = { ...ctx, references: new Set<string>() };
  const people = d.people.map((p, i) => {
    for (const field of ['name', 'credentials', 'relationships', 'mitigation'] as const) {
      warnPlaceholder(src, ['people', i, field], p[field], warn);
    }
    return {
      name: p.name,
      credentials: p.credentials,
      roles: p.roles,
      relationships: inline(src, report, ['people', i, 'relationships'], p.relationships, noCite, false),
      mitigation: inline(src, report, ['people', i, 'mitigation'], p.mitigation, noCite, false),
    };
  });
  for (const field of ['commercialSupport', 'jointProvidership', 'mitigationStatement'] as const) {
    warnPlaceholder(src, [field], d[field], warn);
  }
  const planner = planners[0];
  return {
    people,
    nursePlanner: planner ? `${planner.name}, ${planner.credentials}` : '',
    commercialSupport: inline(src, report, ['commercialSupport'], d.commercialSupport, noCite, false),
    jointProvidership: inline(src, report, ['jointProvidership'], d.jointProvidership, noCite, false),
    mitigationStatement: inline(src, report, ['mitigationStatement'], d.mitigationStatement, noCite, false),
  };
}

// ---- practice gap -----------------------------------------------------------------------------------------

export function loadPracticeGap(
  root: string,
  report: Report,
  ctx: MarkdownContext,
  warn: Warn,
): PracticeGap | undefined {
  const src = parse(root, 'content/practice-gap.yaml', report, warn, 'practice gap and measurable outcome');
  if (!src) return undefined;
  const result = practiceGapSchema.safeParse(src.data);
  if (!result.success) {
    src.zodIssues(report, result.error.issues);
    return undefined;
  }
  const g = result.data;
  warnPlaceholder(src, ['gap'], g.gap, warn);
  warnPlaceholder(src, ['outcome'], g.outcome, warn);
  if (/[<>*_`[\]]/.test(g.outcome))
    src.problem(
      report,
      ['outcome'],
      'outcome is plain text (it is printed on the certificate): no Markdown, HTML or citations',
    );
  return {
    gap: inline(src, report, ['gap'], g.gap, ctx, true),
    evidence: g.evidence.map((e, i) => {
      warnPlaceholder(src, ['evidence', i], e, warn);
      return inline(src, report, ['evidence', i], e, ctx, true);
    }),
    outcome: g.outcome,
  };
}

// ---- baseline (pre-assessment) ----------------------------------------------------------------------------

const normalise = (html: string) =>
  htmlToText(html)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The baseline bank: quiz-bank items (same shape and rules), ids pre-m<N>-<n>, each measuring an objective of
 * its module; no prompt may repeat a posttest prompt; an objective without a baseline item is a warning.
 */
export function loadBaseline(
  root: string,
  report: Report,
  ctx: MarkdownContext,
  modules: CourseModule[],
  warn: Warn,
): BaselineBank | undefined {
  const file = 'content/pre-assessment.yaml';
  const src = parse(root, file, report, warn, 'baseline check');
  if (!src) return undefined;
  const result = preAssessmentSchema.safeParse(src.data);
  if (!result.success) src.zodIssues(report, result.error.issues);
  const list = src.valueAt(['questions']);
  const objectives = new Map(modules.flatMap((m) => m.objectives.map((o) => [o.id, m] as const)));
  const posttest = new Map(modules.flatMap((m) => m.quiz.questions.map((q) => [normalise(q.prompt), q.id] as const)));
  const seen = new Set<string>();
  const questions: Question[] = (Array.isArray(list) ? list : []).flatMap((value: unknown, index) => {
    const at = (...rest: (string | number)[]): Path => ['questions', index, ...rest];
    const parsed = questionSchema.safeParse(value);
    if (!parsed.success) {
      src.zodIssues(report, parsed.error.issues, '', ['questions', index]);
      return [];
    }
    const q = parsed.data;
    for (const rule of questionRules(q)) src.problem(report, [...at(), ...rule.path], rule.message);
    const module = objectives.get(q.objective);
    if (!/^pre-m\d+-\d+$/.test(q.id)) src.problem(report, at('id'), 'must be pre-<module id>-<number>, e.g. pre-m1-1');
    else if (seen.has(q.id)) src.problem(report, at('id'), 'is already used by an earlier item');
    seen.add(q.id);
    if (!module)
      src.problem(report, at('objective'), `objective ${quote(q.objective)} is not an objective of any module`);
    else if (!q.id.startsWith(`pre-${module.id}-`))
      src.problem(
        report,
        at('id'),
        `must start with pre-${module.id}- (its objective ${q.objective} belongs to module ${module.id})`,
      );
    const compiled = compileQuestion(src, report, q, index, ctx);
    const twin = posttest.get(normalise(compiled.prompt));
    if (twin)
      src.problem(
        report,
        at('prompt'),
        `repeats the prompt of posttest item ${quote(twin)}: a baseline item must not give away a posttest item`,
      );
    return [compiled];
  });
  if (modules.length && questions.length) {
    for (const id of objectives.keys()) {
      if (!questions.some((q) => q.objective === id))
        warn(`${file}:1: WARNING: objective ${quote(id)} has no baseline item, so its change cannot be measured`);
    }
  }
  const hash = createHash('sha1')
    .update(JSON.stringify(questions.map((q) => q.id)))
    .digest('hex')
    .slice(0, 8);
  return { questions, hash };
}

// ---- activity dates ---------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** The build warns this many days before the expiry date. */
const EXPIRY_WARNING_DAYS = 60;

/** Release after expiry fails the build; an expiry within 60 days (or past) warns. `today` is YYYY-MM-DD. */
export function checkActivityDates(
  settings: CourseSettings,
  reviewed: string | undefined,
  today: string,
  report: Report,
  warn: Warn,
): void {
  const { releaseDate, expiryDate } = settings;
  if (releaseDate > expiryDate)
    report.add(
      'course.yaml',
      1,
      `releaseDate ${releaseDate} is after expiryDate ${expiryDate}: the activity could never award contact hours`,
    );
  if (reviewed && reviewed > expiryDate)
    report.add('course.yaml', 1, `expiryDate ${expiryDate} is before the last content review ${reviewed}`);
  const days = Math.round((Date.parse(`${expiryDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  if (days < 0)
    warn(
      `course.yaml:1: WARNING: the activity expired on ${expiryDate}: learners can read it, but it awards no contact hours and issues no certificate`,
    );
  else if (days <= EXPIRY_WARNING_DAYS)
    warn(
      `course.yaml:1: WARNING: the activity expires on ${expiryDate}, in ${days} day${days === 1 ? '' : 's'}: review the content and set a new expiryDate`,
    );
}

// ---- HTML for the CE introduction -------------------------------------------------------------------------

export interface ActivityFacts {
  settings: CourseSettings;
  reviewed: string;
  reviewedFrom: string;
}

/** The ```disclosures block: activity facts and dates, then every person, commercial support, joint providership. */
export function disclosuresHtml(d: Disclosures, facts: ActivityFacts): string {
  const s = facts.settings;
  const dates = [
    ['Provider', `${escapeHtml(s.providerName)}<br>${escapeHtml(s.providerAddress)}`],
    ['Activity number', escapeHtml(s.activityId)],
    ['Released', `<span class="ce-value" data-ce="released">${longDate(s.releaseDate)}</span>`],
    ['Content last reviewed', `<span class="ce-value" data-ce="lastReviewed">${longDate(facts.reviewed)}</span>`],
    ['Contact hours awarded until', `<span class="ce-value" data-ce="expires">${longDate(s.expiryDate)}</span>`],
  ];
  const people = d.people
    .map(
      (p) =>
        `<tr><th scope="row">${escapeHtml(p.name)}, ${escapeHtml(p.credentials)}</th><td>${escapeHtml(p.roles.join(', '))}</td><td>${p.relationships}</td><td>${p.mitigation}</td></tr>`,
    )
    .join('\n');
  return [
    '<div class="ce-activity" data-ce-activity="">',
    `<dl class="ce-facts">${dates.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`,
    `<p><strong>Nurse planner:</strong> ${escapeHtml(d.nursePlanner)}</p>`,
    '<div class="table-wrap"><table class="ce-disclosures" tabindex="0">',
    '<caption>Planners, authors and content reviewers: relevant financial relationships with ineligible companies</caption>',
    '<thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Relevant financial relationships</th><th scope="col">Mitigation</th></tr></thead>',
    `<tbody>\n${people}\n</tbody></table></div>`,
    `<p>${d.mitigationStatement}</p>`,
    `<p><strong>Commercial support:</strong> ${d.commercialSupport}</p>`,
    `<p><strong>Joint providership:</strong> ${d.jointProvidership}</p>`,
    '</div>',
  ].join('\n');
}

/** The ```practice-gap block. */
export function practiceGapHtml(g: PracticeGap): string {
  return [
    '<div class="practice-gap" data-practice-gap="">',
    `<p><strong>The practice gap.</strong> ${g.gap}</p>`,
    `<p><strong>Evidence for the gap:</strong></p>\n<ul>\n${g.evidence.map((e) => `<li>${e}</li>`).join('\n')}\n</ul>`,
    `<p class="ce-outcome"><strong>Learning outcome.</strong> ${escapeHtml(g.outcome)}</p>`,
    '</div>',
  ].join('\n');
}
