/**
 * A parsed YAML file (or module front matter) that remembers where every value came from, so that zod issues
 * and cross-file checks can name the exact line an author has to fix.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { quote, type Report } from './problems.ts';

export type Path = readonly (string | number)[];

/** Array fields whose elements are named in messages, e.g. `question "m1-q2": option "c": ...`. */
const ELEMENT_LABELS: Record<string, string> = {
  questions: 'question',
  options: 'option',
  objectives: 'objective',
  references: 'reference',
  terms: 'term',
  items: 'item',
};

export class YamlSource {
  readonly data: unknown;

  private constructor(
    readonly file: string,
    private readonly text: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    /** Lines before `text` in the file (front matter starts on line 2 of a module). */
    private readonly lineOffset: number,
  ) {
    this.data = doc.toJS();
  }

  /** Parses `text`; on a syntax error reports it and returns undefined (shape checks would only add noise). */
  static parse(file: string, text: string, report: Report, prefix = '', lineOffset = 0): YamlSource | undefined {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    // Only the first syntax error: the parser's later ones are mostly echoes of it (one tab gives dozens).
    const error = doc.errors[0];
    if (!error) return new YamlSource(file, text, doc, lines, lineOffset);
    const line = error.linePos?.[0].line ?? 1;
    // The library appends " at line L, column C:" and a code excerpt; the line goes in front instead.
    const parserWords = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    report.add(file, line + lineOffset, `${prefix}${yamlAdvice(parserWords, text.split('\n')[line - 1] ?? '')}`);
    return undefined;
  }

  private lineAtOffset(offset: number): number {
    return this.lines.linePos(offset).line + this.lineOffset;
  }

  /**
   * Line of the field or element at `path`: for a field, the line of its key (a list value starts a line
   * lower); for a missing one, the line of its nearest existing parent.
   */
  lineOf(path: Path): number {
    for (let p = [...path]; p.length; p = p.slice(0, -1)) {
      const last = p.at(-1)!;
      const line = typeof last === 'string' ? this.lineOfKey(p.slice(0, -1), last) : this.lineOfNode(p);
      if (line !== undefined) return line;
    }
    return this.lineOfNode([]) ?? 1 + this.lineOffset;
  }

  private lineOfNode(path: Path): number | undefined {
    const node = path.length ? this.doc.getIn(path, true) : this.doc.contents;
    return isNode(node) && node.range ? this.lineAtOffset(node.range[0]) : undefined;
  }

  /** Line of the key `key` in the mapping at `path`, if it is there. */
  private lineOfKey(path: Path, key: string): number | undefined {
    const map = path.length ? this.doc.getIn(path, true) : this.doc.contents;
    const pair = isMap(map) ? map.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
    const range = isNode(pair?.key) ? pair.key.range : undefined;
    return range ? this.lineAtOffset(range[0]) : undefined;
  }

  /** Line where `needle` is written inside the text value at `path` (e.g. an HTML tag in a multi-line prompt). */
  lineOfText(path: Path, needle: string): number {
    const node = this.doc.getIn(path, true);
    if (!isNode(node) || !node.range) return this.lineOf(path);
    const [start, , end] = node.range;
    const at = this.text.indexOf(needle, start);
    return at >= 0 && at < end ? this.lineAtOffset(at) : this.lineOf(path);
  }

  valueAt(path: Path): unknown {
    return path.reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), this.data);
  }

  /** Reports a problem found by code at `path`, with the element context (`question "m1-q2": `) in front. */
  problem(report: Report, path: Path, message: string, prefix = '', line = this.lineOf(path)): void {
    report.add(this.file, line, prefix + this.describe(path).context + message);
  }

  /** Reports zod issues as `context: field "x" message`, each at the line of the value it concerns. */
  zodIssues(report: Report, issues: z.core.$ZodIssue[], prefix = '', basePath: Path = []): void {
    for (const issue of issues) {
      const path = [...basePath, ...issue.path.filter((k) => typeof k !== 'symbol')];
      const { context, field } = this.describe(path);
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          report.add(this.file, this.lineOf([...path, key]), `${prefix}${context}unknown field ${quote(key)}`);
        }
        continue;
      }
      report.add(this.file, this.lineOf(path), prefix + context + this.issueMessage(issue, path, field));
    }
  }

  private issueMessage(issue: z.core.$ZodIssue, path: Path, field: string): string {
    if (!field) return issue.message;
    const value = this.valueAt(path);
    if (value === undefined) return `missing field ${quote(field)}`;
    // `rationale:` with nothing after it is null in YAML; "must be text" would puzzle the author.
    if (value === null) return `field ${quote(field)} has no value`;
    return `field ${quote(field)} ${issue.message}`;
  }

  /** Splits a path into readable element context and the field it ends in: questions.1.options.2.id gives
   * `question "m1-q2": option "c": ` and `id`. Elements without a usable id are numbered from 1. */
  private describe(path: Path): { context: string; field: string } {
    let context = '';
    let field: (string | number)[] = [];
    let value = this.data;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const index = path[i + 1];
      const label = typeof key === 'string' ? ELEMENT_LABELS[key] : undefined;
      value = isRecord(value) ? value[key] : undefined;
      if (label && typeof index === 'number') {
        value = Array.isArray(value) ? value[index] : undefined;
        // Elements are named by their id, or (glossary terms, whose id is optional) by their term.
        const name = isRecord(value) ? (typeof value.id === 'string' && value.id ? value.id : value.term) : undefined;
        const id = typeof name === 'string' && name ? quote(name) : index + 1;
        context += `${label} ${id}: `;
        field = [];
        i++;
      } else {
        field.push(key);
      }
    }
    return { context, field: field.join('.') };
  }
}

/**
 * The YAML parser's words for the mistakes authors make most, in plain advice: what is wrong on the line and
 * how to write it. Other errors keep the parser's words after "YAML syntax error:".
 */
function yamlAdvice(parserWords: string, lineText: string): string {
  const advice: [RegExp, string][] = [
    [
      /^Nested mappings are not allowed in compact mappings/,
      'this line has a colon followed by a space inside its text, so YAML reads a second field: put the whole text in "quotes", e.g. title: "Pain: what nurses need to know"',
    ],
    [
      /^Sequence item without - indicator|^A block sequence may not be used as an implicit map key/,
      'this line does not line up with the lines above it: each field of a list item starts in the same column as the first field after its "- ", and each new list item starts with "- " (use spaces, not tabs)',
    ],
    [
      /^All mapping items must start at the same column/,
      'this line is indented differently from the fields above it: line it up with them (spaces only), or start a new list item with "- "',
    ],
    [/^Tabs are not allowed as indentation/, 'this line is indented with a tab: YAML needs spaces'],
    [/^Map keys must be unique/, 'this field is written twice in the same block: keep one of them'],
    [
      /^Missing closing "?quote/,
      'a text that starts with a quotation mark is not closed: add the closing quotation mark at its end',
    ],
    [
      /^Implicit map keys need to be followed by map values/,
      'this line has no colon after its field name: write it as name: value, or start it with "- " if it is a list item',
    ],
  ];
  const plain = advice.find(([words]) => words.test(parserWords))?.[1];
  // `prompt: [R4] says ...` starts a YAML list; authors meet this with citation markers.
  const bracket = /:\s+[[{]/.test(lineText) ? ' (text that starts with [ or { must be in "quotes")' : '';
  return plain ? `${plain}${bracket}` : `YAML syntax error: ${parserWords}${bracket}`;
}

function isRecord(value: unknown): value is Record<string | number, unknown> {
  return typeof value === 'object' && value !== null;
}
