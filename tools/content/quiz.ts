/** One quiz bank: shape, per-type question rules, and compilation of its inline Markdown. */
import { answerKeyHash, correctOptions } from '../../src/course/answer-key.ts';
import type { Question, QuestionOption } from '../../src/course/types.ts';
import type { ContentFile } from './files.ts';
import { compileInline, hasCitation, type InlineRules, type MarkdownContext } from './markdown.ts';
import { quote, type Report } from './problems.ts';
import { bankSchema, questionSchema, type QuestionInput } from './schemas.ts';
import { YamlSource, type Path } from './yaml-source.ts';

interface LoadedQuestion {
  /** Position in the bank's list, for locating it in the file. */
  index: number;
  input: QuestionInput;
  output: Question;
}

export interface LoadedBank {
  source: ContentFile;
  /** Absent when the file is not valid YAML. */
  src?: YamlSource;
  /** Present when the bank's own fields passed their checks. */
  draw?: number;
  /** The questions that passed their shape checks (broken ones are reported and left out). */
  questions: LoadedQuestion[];
}

export function loadBank(source: ContentFile, report: Report, ctx: MarkdownContext): LoadedBank {
  const src = YamlSource.parse(source.file, source.text, report);
  if (!src) return { source, questions: [] };
  const moduleId = `m${source.number}`;

  const result = bankSchema.safeParse(src.data);
  if (!result.success) src.zodIssues(report, result.error.issues);
  else if (result.data.module !== moduleId) {
    src.problem(
      report,
      ['module'],
      `module ${quote(result.data.module)} does not match the file number ${source.digits}: expected ${quote(moduleId)}`,
    );
  }

  // Questions are checked one by one even when the bank's own fields are broken, to report everything at once.
  const list = src.valueAt(['questions']);
  const questions = (Array.isArray(list) ? list : []).flatMap((value: unknown, index) => {
    const parsed = questionSchema.safeParse(value);
    if (!parsed.success) {
      src.zodIssues(report, parsed.error.issues, '', ['questions', index]);
      return [];
    }
    for (const rule of questionRules(parsed.data))
      src.problem(report, ['questions', index, ...rule.path], rule.message);
    return [{ index, input: parsed.data, output: compileQuestion(src, report, parsed.data, index, ctx) }];
  });

  const draw = result.success ? result.data.draw : undefined;
  if (draw !== undefined && Array.isArray(list) && draw > list.length) {
    src.problem(
      report,
      ['draw'],
      `draw ${draw} is more than the ${list.length} question${list.length === 1 ? '' : 's'} in the bank`,
    );
  }
  return { source, src, draw, questions };
}

/** The per-type rules from the authoring guide. Paths are relative to the question. */
export function questionRules(q: QuestionInput): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  const add = (path: Path, message: string) => problems.push({ path, message });

  if (q.type === 'truefalse') {
    if (q.options) add(['options'], 'a truefalse question has no options: its answer is true or false');
    if (typeof q.answer !== 'boolean') add(['answer'], 'answer must be true or false for a truefalse question');
    return problems;
  }

  if (!q.options) {
    add([], `missing field "options": a ${q.type} question needs 3 to 6 options`);
    return problems;
  }
  if (q.options.length < 3 || q.options.length > 6) {
    add(['options'], `a ${q.type} question needs 3 to 6 options, not ${q.options.length}`);
  }
  const ids = new Set<string>();
  q.options.forEach((option, i) => {
    if (ids.has(option.id)) add(['options', i, 'id'], 'id is already used by an earlier option');
    ids.add(option.id);
  });

  if (q.type === 'single') {
    if (typeof q.answer !== 'string')
      add(['answer'], 'answer must be one option id for a single question, e.g. answer: b');
    else if (!ids.has(q.answer)) add(['answer'], `answer ${quote(q.answer)} is not one of its options`);
  } else if (!Array.isArray(q.answer)) {
    add(['answer'], 'answer must be a list of option ids for a multiple question, e.g. answer: [a, c]');
  } else if (!q.answer.length) {
    add(['answer'], 'answer must list at least one option id');
  } else {
    q.answer.forEach((id, i, answer) => {
      if (answer.indexOf(id) < i) add(['answer', i], `answer lists ${quote(id)} twice`);
      else if (!ids.has(id)) add(['answer', i], `answer ${quote(id)} is not one of its options`);
    });
  }
  return problems;
}

/** True/false questions always present the same two options, in this order. */
const TRUE_FALSE: readonly QuestionOption[] = [
  { id: 't', html: 'True' },
  { id: 'f', html: 'False' },
];

/** Prompts and options are exempt from the citation rule (the rationale carries the source) and hold no glossary buttons. */
const QUESTION_TEXT: InlineRules = { terms: false, sentences: false };
const RATIONALE: InlineRules = { terms: false, sentences: true };

export function compileQuestion(
  src: YamlSource,
  report: Report,
  q: QuestionInput,
  index: number,
  ctx: MarkdownContext,
): Question {
  const at = (...rest: (string | number)[]): Path => ['questions', index, ...rest];
  // Each text is compiled on its own; a problem is placed on the line where its offending text is written.
  const inline = (path: Path, field: string, text: string, rules: InlineRules): string => {
    const { html, problems } = compileInline(text, ctx, rules);
    for (const p of problems) src.problem(report, path, `${field}: ${p.message}`, '', src.lineOfText(path, p.text));
    return html;
  };
  if (!hasCitation(q.rationale))
    src.problem(report, at('rationale'), 'rationale: cite the source that supports the answer, e.g. [R4]');

  const isTrueFalse = q.type === 'truefalse';
  const correct = isTrueFalse
    ? [q.answer === true ? 't' : 'f']
    : typeof q.answer === 'string'
      ? [q.answer]
      : Array.isArray(q.answer)
        ? [...q.answer]
        : [];
  const question: Question = {
    id: q.id,
    type: q.type,
    objective: q.objective,
    prompt: inline(at('prompt'), 'prompt', q.prompt, QUESTION_TEXT),
    options: isTrueFalse
      ? TRUE_FALSE.map((option) => ({ ...option }))
      : (q.options ?? []).map((option, i) => ({
          id: option.id,
          html: inline(at('options', i, 'text'), 'text', option.text, QUESTION_TEXT),
        })),
    // The key ships as a hash only (src/course/answer-key.ts; DEPLOYING.md says what that does and does not protect).
    key: answerKeyHash(q.id, correct),
    // The two true/false options have a natural order; shuffling them would only confuse.
    fixedOrder: isTrueFalse || (q.fixedOrder ?? false),
    rationale: inline(at('rationale'), 'rationale', q.rationale, RATIONALE),
  };
  // Another possible answer with the same hash would be scored as right (odds about 1 in 10^14; checked anyway).
  const recovered = correctOptions(question);
  if (
    correct.length &&
    correct.every((id) => question.options.some((o) => o.id === id)) &&
    [...recovered].sort().join() !== [...correct].sort().join()
  ) {
    src.problem(
      report,
      at('id'),
      'the answer key hash is not unique among the possible answers: rename the question id',
    );
  }
  return question;
}
