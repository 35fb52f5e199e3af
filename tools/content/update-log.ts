/**
 * The update log, content/update-log.yaml: every content review, with each currency check it carried out
 * (what was checked, against which source, what the source said, what changed in the course) and the short
 * "What changed" list learners see. The review date the learner sees is computed from it, never typed by hand:
 *   lastReviewed         the date of the newest review (each review needs at least one check that was done);
 *   lastRegulatoryCheck  the date of the newest review with a regulatory check that was done.
 * The build warns when the last regulatory check is more than 12 months old, and fails on a date in the future.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readText } from './files.ts';
import { compileInline, type MarkdownContext } from './markdown.ts';
import type { Report } from './problems.ts';
import { fields, isoDate, text } from './schemas.ts';
import { YamlSource, type Path } from './yaml-source.ts';

export const UPDATE_LOG_FILE = 'content/update-log.yaml';

/** What a check looked at. `regulatory` (FDA, EMA, state law) drives the 12-month regulatory-check warning. */
const CHECK_AREAS = [
  'regulatory',
  'evidence',
  'guideline',
  'trial',
  'epidemiology',
  'references',
  'readability',
  'other',
] as const;

/** How old the last regulatory check may be before the build warns. */
const REGULATORY_CHECK_MONTHS = 12;

const checkSchema = z.strictObject(
  {
    area: z.enum(CHECK_AREAS, { error: `must be one of ${CHECK_AREAS.join(', ')}` }),
    /** What was checked, e.g. "FDA list of approved cellular and gene therapy products". */
    topic: text,
    source: z.strictObject(
      {
        title: text,
        url: z
          .string({ error: 'must be text' })
          .regex(/^https?:\/\/\S+$/, 'must be a web address starting with https://')
          .optional(),
      },
      fields,
    ),
    /** done: the source was read; not-done: the check could not be carried out (say why in `found`). */
    status: z.enum(['done', 'not-done'], { error: 'must be done or not-done' }),
    /** What the source said; for a check not done, the reason. */
    found: text,
    /** What changed in the course because of it ("No change" when nothing did). */
    changed: text,
  },
  fields,
);

const reviewSchema = z.strictObject(
  {
    date: isoDate,
    /** Who or what carried out the review (a role is enough). */
    by: text,
    /** Shown to learners as "What changed since the last review": short inline Markdown; cite sources. */
    changes: z
      .array(text, { error: 'must be a list' })
      .min(1, 'must list at least one change (or "No change to the teaching content.")'),
    checks: z.array(z.unknown(), { error: 'must be a list' }).min(1, 'must list at least one check'),
  },
  fields,
);

const logSchema = z.strictObject(
  { reviews: z.array(z.unknown(), { error: 'must be a list' }).min(1, 'must list at least one review') },
  fields,
);

type UpdateCheck = z.infer<typeof checkSchema>;

interface UpdateReview {
  date: string;
  by: string;
  /** Learner-facing change notes as inline HTML. */
  changes: string[];
  checks: UpdateCheck[];
}

export interface UpdateLog {
  /** Newest first. */
  reviews: UpdateReview[];
  /** ISO date of the newest review. */
  lastReviewed: string;
  /** ISO date of the newest review with a regulatory check that was done; undefined when none was. */
  lastRegulatoryCheck?: string;
  /** The line of the newest review's date, for messages. */
  lastReviewedLine: number;
}

/** The ISO date `months` calendar months before `iso` (day clamped to the month's end). */
function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function isoToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Reads and checks the update log. `today` (ISO) is the build date: no review may be dated after it, and the
 * last regulatory check is compared with it. Learner-facing change notes are compiled with the citation rule.
 */
export function loadUpdateLog(
  root: string,
  report: Report,
  ctx: MarkdownContext,
  today: string,
  warn: (message: string) => void,
): UpdateLog | undefined {
  const file = UPDATE_LOG_FILE;
  if (!existsSync(join(root, file))) {
    report.add(
      file,
      1,
      'file not found: the update log records each content review and feeds the review date learners see',
    );
    return undefined;
  }
  const src = YamlSource.parse(file, readText(join(root, file)), report);
  if (!src) return undefined;
  const top = logSchema.safeParse(src.data);
  if (!top.success) {
    src.zodIssues(report, top.error.issues);
    return undefined;
  }
  const reviews: (UpdateReview & { line: number })[] = [];
  top.data.reviews.forEach((value, index) => {
    const at = (...rest: (string | number)[]): Path => ['reviews', index, ...rest];
    const parsed = reviewSchema.safeParse(value);
    if (!parsed.success) {
      src.zodIssues(report, parsed.error.issues, '', at());
      return;
    }
    const review = parsed.data;
    const checks: UpdateCheck[] = [];
    review.checks.forEach((check, i) => {
      const c = checkSchema.safeParse(check);
      if (c.success) checks.push(c.data);
      else src.zodIssues(report, c.error.issues, '', at('checks', i));
    });
    if (checks.length === review.checks.length && !checks.some((c) => c.status === 'done')) {
      src.problem(report, at('checks'), 'a review needs at least one check that was done (status: done)');
    }
    if (review.date > today)
      src.problem(report, at('date'), `${review.date} is after today (${today}): log a check once it has been done`);
    const changes = review.changes.map((note, i) => {
      const { html, problems } = compileInline(note, ctx, { terms: false, sentences: true });
      for (const p of problems)
        src.problem(report, at('changes', i), `changes: ${p.message}`, '', src.lineOfText(at('changes', i), p.text));
      return html;
    });
    reviews.push({ date: review.date, by: review.by, changes, checks, line: src.lineOf(at('date')) });
  });
  if (reviews.length !== top.data.reviews.length) return undefined;
  // Newest first, so the file reads like a log and the learner's "what changed" is the first entry.
  for (let i = 1; i < reviews.length; i++) {
    if (reviews[i]!.date >= reviews[i - 1]!.date) {
      report.add(
        file,
        reviews[i]!.line,
        `review of ${reviews[i]!.date} is out of order: list reviews newest first, one per date`,
      );
      return undefined;
    }
  }
  const newest = reviews[0]!;
  const regulatory = reviews.find((r) => r.checks.some((c) => c.area === 'regulatory' && c.status === 'done'));
  if (!regulatory) {
    warn(
      `${file}:${newest.line}: WARNING: no regulatory check (FDA, EMA, state law) is recorded: check the regulatory status at least every ${REGULATORY_CHECK_MONTHS} months`,
    );
  } else if (regulatory.date < monthsBefore(today, REGULATORY_CHECK_MONTHS)) {
    warn(
      `${file}:${regulatory.line}: WARNING: the last regulatory check (${regulatory.date}) is more than ${REGULATORY_CHECK_MONTHS} months old: recheck FDA, EMA and state-law status and log it`,
    );
  }
  return {
    reviews: reviews.map(({ line: _line, ...r }) => r),
    lastReviewed: newest.date,
    lastRegulatoryCheck: regulatory?.date,
    lastReviewedLine: newest.line,
  };
}

/** The learner-facing list for the ```changes block in content/ce.md. */
export function changesHtml(log: UpdateLog): string {
  const newest = log.reviews[0]!;
  const items = newest.changes.map((html) => `<li>${html}</li>`).join('\n');
  return `<div class="changes" data-changes="${newest.date}">\n<ul>\n${items}\n</ul>\n</div>`;
}
