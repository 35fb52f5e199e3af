/**
 * Markdown to HTML at build time, with the checks that keep the output safe: raw HTML is rejected rather than
 * sanitised (so nothing is silently dropped), and marked escapes all remaining text.
 */
import { Marked, type Token } from 'marked';
import type { Page } from '../../src/course/types.ts';
import { quote } from './problems.ts';

// A private instance: options set here never leak into other code that imports marked.
const marked = new Marked({ gfm: true, breaks: false });

/** Citation markers such as [R4], [R1, R4] or [S3]: plain text for now, not counted as words. */
const CITATION = /\[[A-Z]\d+(?:\s*,\s*[A-Z]\d+)*\]/g;
const EXPLICIT_ID = /^(.*?)\s*\{#([^}]*)\}$/;
const PAGE_ID = /^[A-Za-z0-9-]+$/;

export interface LineProblem {
  line: number;
  message: string;
}

export interface PageAt {
  page: Page;
  /** Line of the page's `## ` heading. */
  line: number;
}

/** What a token may not be, wherever it stands. */
function tokenProblem(token: Token): string | undefined {
  switch (token.type) {
    case 'html':
      return `raw HTML ${quote(token.raw.trim())} is not allowed`;
    case 'link':
      return /^#[\w-]+$|^https:\/\/\S+$/i.test(token.href)
        ? undefined
        : `link ${quote(token.href)} is not allowed: use a "#anchor" or an https:// address`;
    case 'image':
      return `image ${quote(token.href)} is not supported`;
    case 'def':
      // A definition named like a citation would silently turn every [R4] into a link.
      return `link definition ${quote(token.raw.trim())} is not supported: write the link in place as [text](https://...)`;
    case 'heading':
      if (!token.raw.startsWith('#')) {
        return `underlined heading ${quote(token.text)} is not allowed: use "## " or "### " (for a horizontal rule, leave a blank line above ---)`;
      }
      if (token.depth === 1) {
        return `level-1 heading ${quote(token.raw.trim())} is not allowed: "## " starts a page, "### " is a sub-heading`;
      }
  }
  return undefined;
}

function children(token: Token): Token[] {
  if (token.type === 'list') return token.items as Token[];
  if (token.type === 'table') {
    return [...token.header, ...token.rows.flat()].flatMap((cell: { tokens: Token[] }) => cell.tokens);
  }
  return 'tokens' in token && Array.isArray(token.tokens) ? token.tokens : [];
}

/**
 * Visits every token with its offset in `src`. marked tokens carry no positions, but a token's raw text
 * appears in order inside its parent's, so searching forward from the previous sibling finds it. Where it
 * does not (a blockquote's content has its `>` stripped), the parent's offset is the best guess.
 */
function walk(tokens: Token[], src: string, from: number, to: number, visit: (token: Token, offset: number, depth: number) => void, depth = 0): void {
  let cursor = from;
  for (const token of tokens) {
    const found = src.indexOf(token.raw, cursor);
    const inside = found >= 0 && found + token.raw.length <= to;
    const offset = inside ? found : cursor;
    if (inside) cursor = found + token.raw.length;
    visit(token, offset, depth);
    walk(children(token), src, offset, inside ? cursor : to, visit, depth + 1);
  }
}

/** Plain text of generated HTML (safe to do with regexes: marked wrote it and no raw HTML got through). */
function htmlToText(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return html
    .replace(/<\/?(?:p|h[1-6]|li|ul|ol|table|thead|tbody|tr|th|td|blockquote|pre|hr|br)\b[^>]*>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => entities[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function countWords(html: string): number {
  return htmlToText(html).replace(CITATION, ' ').split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A `## ` heading written with hashes; underlined headings are reported instead of silently starting pages. */
function isPageHeading(token: Token): boolean {
  return token.type === 'heading' && token.depth === 2 && token.raw.startsWith('##');
}

interface PageDraft {
  heading: Token & { text: string };
  line: number;
  tokens: Token[];
}

/** Splits a module body into pages at its `## ` headings and compiles each to HTML. */
export function compilePages(body: string, firstLine: number): { pages: PageAt[]; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const lineAt = (offset: number) => firstLine + (body.slice(0, offset).match(/\n/g)?.length ?? 0);
  const drafts: PageDraft[] = [];
  let strayLine: number | undefined;

  walk(marked.lexer(body), body, 0, body.length, (token, offset, depth) => {
    const problem = tokenProblem(token);
    if (problem) problems.push({ line: lineAt(offset), message: problem });
    if (depth > 0) return;
    if (isPageHeading(token)) drafts.push({ heading: token as PageDraft['heading'], line: lineAt(offset), tokens: [] });
    else if (drafts.length) drafts.at(-1)!.tokens.push(token);
    else if (token.type !== 'space') strayLine ??= lineAt(offset);
  });

  if (!drafts.length) {
    problems.push({ line: firstLine, message: 'no pages: each page starts with a "## " heading' });
  } else if (strayLine !== undefined) {
    problems.push({ line: strayLine, message: 'content before the first "## " heading: every page starts with a "## " heading' });
  }

  const pages = drafts.map((draft) => compilePage(draft, problems));
  checkUniqueIds(pages, problems);
  return { pages, problems };
}

function compilePage(draft: PageDraft, problems: LineProblem[]): PageAt {
  const [, titleSource = draft.heading.text, explicitId] = EXPLICIT_ID.exec(draft.heading.text) ?? [];
  const title = htmlToText(marked.parseInline(titleSource, { async: false }));
  const id = explicitId ?? slugify(title);
  const report = (message: string) => problems.push({ line: draft.line, message });

  if (!title) report('page heading has no title');
  else if (explicitId !== undefined && !PAGE_ID.test(explicitId)) {
    report(`page id ${quote(explicitId)} must use only letters, digits and "-"`);
  } else if (!id) report(`page title ${quote(title)} gives no id: add one such as {#my-page}`);

  const html = marked.parser(draft.tokens).trim();
  return { page: { id, title, html, words: countWords(html) }, line: draft.line };
}

function checkUniqueIds(pages: PageAt[], problems: LineProblem[]): void {
  const seen = new Map<string, number>();
  for (const { page, line } of pages) {
    const first = seen.get(page.id);
    if (first !== undefined) problems.push({ line, message: `page id ${quote(page.id)} is already used by the page on line ${first}` });
    else if (page.id) seen.set(page.id, line);
  }
}

/**
 * Inline Markdown (a prompt, option or rationale) to HTML. Problems carry the offending source text so the
 * caller can find its line in the YAML file.
 */
export function compileInline(src: string): { html: string; problems: { text: string; message: string }[] } {
  const tokens = marked.Lexer.lexInline(src, marked.defaults);
  const problems: { text: string; message: string }[] = [];
  walk(tokens, src, 0, src.length, (token) => {
    const message = tokenProblem(token);
    if (message) problems.push({ text: token.raw, message });
  });
  return { html: marked.Parser.parseInline(tokens, marked.defaults), problems };
}
