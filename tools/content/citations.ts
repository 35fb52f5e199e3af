/**
 * The citation rule: a sentence that states a statistic (a number or a percentage), a date or year, or a
 * regulatory fact (FDA, approval, guideline, recommendation) must carry a citation marker such as [R4].
 *
 * Checked: paragraphs, list items, table body rows, quotes, the bodies and items of interactive blocks,
 * diagram captions and text descriptions, glossary definitions, CE text and quiz rationales.
 * Exempt: headings and titles (page, ###, tab, card, category), table header rows, code, quiz prompts and
 * options (the rationale carries the citation), and numbers that only name a part of the course ("Module 2")
 * or are part of a name or code (ICD-11, CD105, MG30.0, NCT06325566).
 * The rule works on the source text, so it sees exactly what the author wrote.
 */
import type { LineProblem } from './markdown.ts';
import { quote } from './problems.ts';

/** Citation markers such as [R4], [R1, R4] or [S3]: a capital letter and a number, comma-separated. */
export const CITATION_SOURCE = '\\[([A-Z][0-9]+(?:[ \\t]*,[ \\t]*[A-Z][0-9]+)*)\\]';

export interface SentenceUnit {
  /** Source text of one paragraph, list item, table row or inline value. */
  text: string;
  /** Line of the unit's start. */
  line: number;
  /** Line of the character at `index` in `text`. */
  lineOf: (index: number) => number;
}

export interface SentenceProblem extends LineProblem {
  /** A short piece of the sentence as written, for locating it inside a YAML value. */
  text?: string;
}

/** A number standing on its own: not part of a name or code such as ICD-11, CD105, MG30.0 or R4. */
const NUMBER = /(?<![\p{L}\p{N}_][-–/.]?)(?<![\p{L}\p{N}_])\d+(?:[.,]\d+)*(?:\s?%|\s?per ?cent\b)?/gu;
/** Ratios written in words: "one in five". */
const WORD_RATIO =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+in\s+(?:two|three|four|five|six|seven|eight|nine|ten|a hundred|a thousand)\b/gi;
const PERCENT_WORD = /\bper ?cent\b/gi;
const REGULATORY =
  /\bFDA\b|\b(?:un)?approv(?:al|als|e|ed|es|ing)\b|\bguidelines?\b|\brecommend(?:s|ed|ing|ation|ations)?\b/gi;
/** Course structure, not a statistic. */
const COURSE_PARTS = /\b(?:[Mm]odules?|[Pp]ages?|[Ss]teps?|[Qq]uestions?)\s+\d+(?:\s*(?:,|and|or|to|–|-)\s*\d+)*/g;
/** Words before a full stop that do not end a sentence. */
const ABBREVIATION = /(?:\b(?:e\.g|i\.e|et al|vs|Dr|Mr|Mrs|Ms|St|No|Cir|Inc|etc|approx|Jr|Sr|U\.S)|\b[A-Z])$/;

/** Blanks out ranges of text, keeping offsets (and so lines) unchanged. */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => m.replace(/[^\n]/g, ' '));
}

/** What the sentence states that needs a source, or undefined. */
function trigger(sentence: string): string | undefined {
  const scan = blank(sentence, COURSE_PARTS);
  for (const pattern of [NUMBER, WORD_RATIO, PERCENT_WORD, REGULATORY]) {
    pattern.lastIndex = 0;
    const match = pattern.exec(scan);
    if (!match) continue;
    const found = match[0].trim();
    if (pattern === REGULATORY) return `regulatory statement ${quote(found)}`;
    if (/%|per ?cent/i.test(found)) return `percentage ${quote(found)}`;
    if (/^(?:19|20)\d\d$/.test(found)) return `year ${quote(found)}`;
    return `number ${quote(found)}`;
  }
  return undefined;
}

interface Sentence {
  start: number;
  end: number;
}

/** Sentence boundaries: a . ! or ? (with closing quotes or emphasis) followed by white space, or the end. */
function sentences(text: string): Sentence[] {
  const result: Sentence[] = [];
  let start = 0;
  const end = /[.!?]["'”’)*_]*(?=\s|$)/g;
  for (let match = end.exec(text); match; match = end.exec(text)) {
    const stop = match.index + match[0].length;
    if (match[0].startsWith('.') && ABBREVIATION.test(text.slice(start, match.index))) continue;
    // "... 20.9%." inside a number is not a stop (no white space follows the inner dot, so only real stops get here).
    result.push({ start, end: stop });
    start = stop;
  }
  if (text.slice(start).trim()) result.push({ start, end: text.length });
  return result;
}

/**
 * Prepares a unit's text: list markers, table pipes, inline code and link addresses are blanked (their digits
 * are not statements), citation markers are found and blanked.
 */
function prepare(text: string): { scan: string; citations: number[] } {
  let scan = text.replace(/^(\s*)(?:[-*+]|\d+[.)])(?=\s)/gm, (m) => m.replace(/\S/g, ' '));
  scan = blank(scan, /`[^`\n]*`/g);
  scan = blank(scan, /\]\([^)\s]*\)/g);
  scan = blank(scan, /https:\/\/\S+/g);
  scan = blank(scan, /\{#[^}]*\}/g);
  scan = blank(scan, /\{\{[^}]*\}\}/g);
  const citations: number[] = [];
  scan = scan.replace(new RegExp(CITATION_SOURCE, 'g'), (m, _ids, index: number) => {
    citations.push(index);
    return m.replace(/[^\n]/g, ' ');
  });
  return { scan, citations };
}

/** Checks every sentence of every unit. `withText` adds a piece of each offending sentence (for YAML lines). */
export function checkSentences(units: SentenceUnit[], withText = false): SentenceProblem[] {
  const problems: SentenceProblem[] = [];
  for (const unit of units) {
    const { scan, citations } = prepare(unit.text);
    for (const { start, end } of sentences(scan)) {
      const what = trigger(scan.slice(start, end));
      if (!what || citations.some((at) => at >= start && at < end)) continue;
      const lead = unit.text.slice(start).trimStart();
      const startAt = unit.text.length - lead.length;
      const message = `${what} in a sentence without a citation: ${quote(lead.slice(0, end - startAt).trim())}; add a marker such as [R4] before its full stop`;
      const problem: SentenceProblem = { line: unit.lineOf(startAt), message };
      if (withText) problem.text = lead.split(/\s/)[0] ?? '';
      problems.push(problem);
    }
  }
  return problems;
}
