/**
 * Reading level of a compiled page: the Flesch-Kincaid grade (the `flesch-kincaid` formula over syllables from
 * the `syllable` package). Counted as the independent review did: headings, tables, diagrams (and their text
 * descriptions), answer keys and citation markers are left out; each paragraph, list item, quote, summary or
 * definition ends a sentence even without a full stop.
 */
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

/** Pages above this grade are reported by the check (a warning: a page may need a technical term or two). */
export const MAX_READING_GRADE = 12;

export interface Readability {
  words: number;
  sentences: number;
  syllables: number;
  /** Flesch-Kincaid grade level, one decimal; NaN for a page without prose. */
  grade: number;
}

const BOUNDARY = ' \u2029 ';

/** The prose of a page's HTML, with block ends marked so that each block counts as at least one sentence. */
function proseOf(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
  return html
    .replace(/<figure class="diagram"[\s\S]*?<\/figure>/g, ' ')
    .replace(/<svg\b[\s\S]*?<\/svg>/g, ' ')
    .replace(/<table\b[\s\S]*?<\/table>/g, BOUNDARY)
    .replace(/<h([1-6])\b[\s\S]*?<\/h\1>/g, BOUNDARY)
    .replace(/<details class="(?:diagram-text|activity-answers)"[\s\S]*?<\/details>/g, BOUNDARY)
    .replace(/<sup class="cite">[\s\S]*?<\/sup>/g, '')
    .replace(/<\/(?:p|li|dt|dd|blockquote|summary|figcaption|section|div)>|<br\s*\/?>/g, BOUNDARY)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name] ?? ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

export function readability(html: string): Readability {
  const text = proseOf(html);
  // Sentence ends: . ? ! (also before a closing quote or bracket) followed by a space, or a block boundary.
  const sentences = text
    .split(/(?<=[.?!]["'”’)]?)\s+|\u2029/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
  const words = text
    .replace(/\u2029/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => /\p{L}/u.test(w));
  const syllables = words.reduce((sum, word) => sum + Math.max(1, syllable(word)), 0);
  const grade = fleschKincaid({ sentence: sentences.length, word: words.length, syllable: syllables });
  return { words: words.length, sentences: sentences.length, syllables, grade: Math.round(grade * 10) / 10 };
}
