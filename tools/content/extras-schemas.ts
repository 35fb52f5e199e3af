/**
 * Shape checks for the CE frame files in content/: references.yaml, glossary.yaml, evaluation.yaml and the front
 * matter of ce.md. Messages follow schemas.ts: they read after `field "x" `.
 */
import { z } from 'zod';
import { fields, isoDate, text } from './schemas.ts';

function list<T extends z.ZodType>(item: T, min: number, what: string) {
  return z.array(item, { error: 'must be a list' }).min(min, `must list at least ${min} ${what}`);
}

export const referenceSchema = z.strictObject(
  {
    id: z
      .string({ error: 'must be text' })
      .regex(/^[A-Z][0-9]+$/, 'must be a capital letter and a number, e.g. R4 or S3 (the marker used in the text)'),
    // Left out for works without personal authors (an organisation's web page, a court opinion).
    authors: text.optional(),
    title: text,
    /** The journal, or the organisation that published it. */
    source: text,
    // Left out only when the work carries no date (some web pages).
    year: z
      .number({ error: 'must be a year such as 2021' })
      .int('must be a year such as 2021')
      .min(1900, 'must be a year such as 2021')
      .max(2100, 'must be a year such as 2021')
      .optional(),
    /** After the year: volume, issue and pages, e.g. "160(1):19-27" (shown as 2019;160(1):19-27). */
    volume: text.optional(),
    /** For web pages and documents: the publication date as written, e.g. "3 June 2021". */
    published: text.optional(),
    doi: z
      .string({ error: 'must be text' })
      .regex(/^10\.\d{4,9}\/\S+$/, 'must be a DOI such as 10.1097/j.pain.0000000000001384 (without https://doi.org/)')
      .optional(),
    url: z
      .string({ error: 'must be text' })
      .regex(/^https?:\/\/\S+$/, 'must be a web address starting with https://')
      .optional(),
    /** Inline Markdown after the entry: what else was consulted, corrections. */
    note: text.optional(),
  },
  fields,
);

export const referencesSchema = z.strictObject({ references: list(z.unknown(), 1, 'references') }, fields);

export const glossaryTermSchema = z.strictObject(
  {
    term: text,
    /** The slug used in markers and data-term; defaults to the slug of the term. */
    id: z
      .string({ error: 'must be text' })
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and "-", e.g. nociplastic-pain')
      .optional(),
    /** Other wordings that [[...]] markers may use (plural, abbreviation). */
    aliases: z.array(text, { error: 'must be a list' }).optional(),
    /** Inline Markdown; cite [R..] when it quotes or relies on a source. */
    definition: text,
  },
  fields,
);

export const glossarySchema = z.strictObject({ terms: list(z.unknown(), 1, 'terms') }, fields);

export const evaluationItemSchema = z.strictObject(
  {
    id: z
      .string({ error: 'must be text' })
      .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and "-", e.g. eval-objectives')
      .max(64, 'must be at most 64 characters'),
    type: z.enum(['likert', 'comment', 'outcomes', 'choices', 'yesno'], {
      error: 'must be likert, comment, outcomes, choices or yesno',
    }),
    prompt: text,
    /** choices: the list to choose from (ids a, b, c, ...: SCORM 1.2 choice responses are single characters). */
    choices: list(
      z.strictObject(
        { id: z.string({ error: 'must be text' }).regex(/^[a-z]$/, 'must be one lowercase letter, e.g. a'), text },
        fields,
      ),
      2,
      'choices',
    )
      .max(12, 'must list at most 12 choices')
      .optional(),
    /** choices: the label of the free-text answer ("Other changes"). */
    other: text.optional(),
    /** yesno: the label of the optional comment. */
    comment: text.optional(),
  },
  fields,
);

export const evaluationSchema = z.strictObject({ items: list(z.unknown(), 2, 'items') }, fields);

const minutes = (what: string) =>
  z.number({ error: `must be a number of ${what}` }).positive(`must be a number of ${what} above 0`);

export const ceFrontSchema = z.strictObject(
  {
    // The review date is not written here: it is computed from content/update-log.yaml (update-log.ts).
    // Moved to course.yaml (expiryDate); still read here only to say so.
    expires: isoDate.optional(),
    /** How contact hours are computed from the content (docs/authoring.md). */
    timing: z.strictObject(
      {
        wordsPerMinute: minutes('words per minute'),
        minutesPerQuestion: minutes('minutes'),
        minutesPerActivity: minutes('minutes'),
        evaluationMinutes: minutes('minutes'),
      },
      fields,
    ),
  },
  fields,
);

export type CeFront = z.infer<typeof ceFrontSchema>;
