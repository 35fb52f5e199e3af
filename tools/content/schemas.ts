/**
 * Shape checks for the three authored file types. Messages read after `field "x" ` in the final output, e.g.
 * `field "minutes" must be a whole number from 1 to 60`. Rules that need other values or other files (id
 * formats tied to the file number, answers among options, ...) live in code, where their messages can say more.
 */
import { z } from 'zod';

// The field rules every content file shares (course.yaml, modules, quizzes, the CE files, the update log).
// A YAML value like `12` or `[R4]` is a number or a list, not text: say how to fix it.
export const text = z
  .string({ error: 'must be text (put it in "quotes" if it is a number or starts with [ or {)' })
  .trim()
  .min(1, 'must not be empty');

function wholeNumber(min: number, max?: number) {
  const message =
    max === undefined ? `must be a whole number, ${min} or more` : `must be a whole number from ${min} to ${max}`;
  const base = z.number({ error: message }).int(message).min(min, message);
  return max === undefined ? base : base.max(max, message);
}

function list<T extends z.ZodType>(item: T, min: number, max: number, what: string) {
  return z
    .array(item, { error: 'must be a list' })
    .min(min, `must list at least ${min} ${what}`)
    .max(max, `must list at most ${max} ${what}`);
}

export const fields = { error: 'must be a set of "name: value" fields' };

/** Values a real course must replace; a setting written as "[...]" counts as a placeholder too. */
export const SETTING_PLACEHOLDERS = {
  providerName: '[Provider name — set in course.yaml]',
  providerAddress: '[Provider postal address and web address — set in course.yaml]',
  accreditationStatement: '[Accreditation statement — set in course.yaml]',
  activityId: '[Activity or approval number — set in course.yaml]',
} as const;

/**
 * A calendar date written YYYY-MM-DD (YAML reads an unquoted 2026-12-01 as text with the core schema): one
 * message for the form, another for a date that does not exist (2026-02-30), never both.
 */
const YMD = /^\d{4}-\d{2}-\d{2}$/;
export const isoDate = z
  .string({ error: 'must be a date written as YYYY-MM-DD' })
  .regex(YMD, 'must be a date written as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !YMD.test(value) || (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value));
  }, 'is not a real date');
const CONTACT_HOURS = 'must be a number of hours, 0 or more, in steps of 0.25 (e.g. 1.25), or null to compute it';

export const settingsSchema = z.strictObject(
  {
    // The one rule for the course id: the content check and packaging both read course.yaml with this schema.
    id: z
      .string({ error: 'must be text' })
      .regex(
        /^[a-z][a-z0-9-]*$/,
        'must start with a lowercase letter and use only lowercase letters, digits and "-" (it names the zip files)',
      ),
    // `version: 1.0` is the number 1 in YAML, hence the hint.
    // SCORM 1.2 limits <manifest version> to 20 characters, SCORM 2004 <title> to 200.
    version: z
      .string({ error: 'must be text such as 1.0.0 (write "1.0" in quotes)' })
      .trim()
      .min(1, 'must not be empty')
      .max(20, 'must be at most 20 characters (SCORM 1.2 allows no more)'),
    title: text.max(200, 'must be at most 200 characters (SCORM 2004 allows no more)'),
    passMark: z
      .number({ error: 'must be a number from 0 to 100' })
      .min(0, 'must be a number from 0 to 100')
      .max(100, 'must be a number from 0 to 100'),
    attemptLimit: wholeNumber(0),
    navigation: z.enum(['sequential', 'free'], { error: 'must be "sequential" or "free"' }),
    // The authoring guide calls passed-incomplete the default, so the field may be left out.
    scorm12Status: z
      .enum(['passed-incomplete', 'completed-incomplete', 'passed-failed'], {
        error: 'must be "passed-incomplete", "completed-incomplete" or "passed-failed"',
      })
      .default('passed-incomplete'),
    // After an attempt that did not pass: "concepts" shows which questions were wrong and why, and the correct
    // options only once the quiz is passed or the attempts run out; "full" shows them after every attempt.
    quizFeedback: z.enum(['concepts', 'full'], { error: 'must be "concepts" or "full"' }).default('concepts'),
    // CE fields. Left out, they get a placeholder in [brackets]: the course still builds (for trials), and the
    // package build warns until a real value is written (tools/package/settings.ts, settingsPlaceholders).
    providerName: text.default(SETTING_PLACEHOLDERS.providerName),
    providerAddress: text.default(SETTING_PLACEHOLDERS.providerAddress),
    accreditationStatement: text.default(SETTING_PLACEHOLDERS.accreditationStatement),
    // The accreditor's activity (approval) number, printed on the certificate.
    activityId: text.default(SETTING_PLACEHOLDERS.activityId),
    // The activity's dates: contact hours are awarded from releaseDate through expiryDate (inclusive).
    releaseDate: isoDate,
    expiryDate: isoDate,
    // May a learner skip the baseline check before module 1? (It never counts towards passing.)
    baselineSkippable: z.boolean({ error: 'must be true or false' }).default(false),
    // null (or left out): computed from the content. A number overrides it, as the accreditor awarded it.
    contactHours: z
      .number({ error: CONTACT_HOURS })
      .min(0, CONTACT_HOURS)
      .multipleOf(0.25, CONTACT_HOURS)
      .nullable()
      .default(null),
  },
  fields,
);

export const frontMatterSchema = z.strictObject(
  {
    id: text,
    title: text,
    // Optional and not shown: the build computes each module's minutes from its content (compile.ts).
    minutes: wholeNumber(1, 60).optional(),
    objectives: list(z.strictObject({ id: text, text }, fields), 1, 6, 'objectives'),
  },
  fields,
);

/** The bank's own fields; questions are checked one by one so that one broken question does not hide the rest. */
export const bankSchema = z.strictObject(
  {
    module: text,
    draw: wholeNumber(1),
    questions: z.array(z.unknown(), { error: 'must be a list' }).min(1, 'must list at least one question'),
  },
  fields,
);

export const questionSchema = z.strictObject(
  {
    id: text,
    type: z.enum(['single', 'multiple', 'truefalse'], { error: 'must be single, multiple or truefalse' }),
    // recall: a fact or definition; application: a short patient, family, colleague or clinic situation that asks
    // what the nurse should do, say, check or report. Counted by the build's quiz standards (docs/authoring.md).
    level: z.enum(['recall', 'application'], { error: 'must be recall or application' }).optional(),
    objective: text,
    prompt: text,
    options: z
      .array(
        z.strictObject(
          {
            id: z
              .string({ error: 'must be a single lowercase letter a-f' })
              .regex(/^[a-f]$/, 'must be a single lowercase letter a-f'),
            text,
          },
          fields,
        ),
        { error: 'must be a list' },
      )
      .optional(),
    answer: z.union([z.string(), z.array(z.string()), z.boolean()], {
      error: 'must be an option id, a list of option ids, or true/false',
    }),
    rationale: text,
    fixedOrder: z.boolean({ error: 'must be true or false' }).optional(),
  },
  fields,
);

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type QuestionInput = z.infer<typeof questionSchema>;
