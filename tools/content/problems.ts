/**
 * Problem collection for the content compiler. Every check records a problem instead of throwing, so one
 * build reports everything wrong at once: authors fix a batch per run, not one error per run.
 */

export interface Problem {
  /** Path relative to the content root, with forward slashes. */
  file: string;
  /** 1-based line number. */
  line: number;
  message: string;
}

function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

/** Thrown by compileCourse when any check failed; `problems` holds every formatted message. */
export class ContentError extends Error {
  readonly problems: string[];

  constructor(problems: Problem[]) {
    // Sorted by file then line so the output reads like a compiler's, whatever order the checks ran in.
    const sorted = [...problems].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
    const lines = sorted.map(formatProblem);
    super(`Course content has ${lines.length} problem${lines.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
    this.name = 'ContentError';
    this.problems = lines;
  }
}

export class Report {
  readonly problems: Problem[] = [];

  add(file: string, line: number, message: string): void {
    this.problems.push({ file, line, message });
  }
}

/** Quotes a value for a message, shortened to its first line so a stray HTML block does not flood the output. */
export function quote(value: unknown): string {
  const text = String(value).split('\n')[0] ?? '';
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
