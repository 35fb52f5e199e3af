/**
 * Markdown to HTML at build time, with the checks that keep the output safe: raw HTML is rejected rather than
 * sanitised (so nothing is silently dropped), and marked escapes all remaining text.
 *
 * Beyond plain Markdown the compiler knows four things, each turned into fixed markup (docs/authoring.md):
 * - citation markers `[R4]`, `[R1, R4]`, `[S3]`: links to the reference list, checked against content/references.yaml;
 * - glossary markers `[[nociplastic pain]]` or `[[shown text|term-id]]`: buttons that open the term's definition;
 * - fenced blocks named reveal, accordion, tabs, flipcards, sort, match, diagram (directives.ts);
 * - `{{name}}` placeholders, only in the CE files (content/ce.md, content/closing.md).
 * Every sentence that states a number, a date or a regulatory fact must carry a citation (citations.ts).
 */
import { htmlToText } from '../../src/text/html-text.ts';
import { Marked, type MarkedExtension, type Token, type Tokens } from 'marked';
import type { Page } from '../../src/course/types.ts';
import { checkSentences, CITATION_SOURCE, type SentenceUnit } from './citations.ts';
import { expandDirective, isDirective, type DirectiveEnv } from './directives.ts';
import { quote } from './problems.ts';
import { lineCounter } from '../lines.ts';

const CITATION = new RegExp(CITATION_SOURCE, 'g');
/** Glossary markers: [[text]] or [[text|term]]. */
const TERM = /^\[\[([^[\]|\n]+?)(?:\|([^[\]|\n]+?))?\]\]/;
const PLACEHOLDER = /^\{\{[ \t]*([A-Za-z]+)[ \t]*\}\}/;
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

/** Looks glossary terms up by their name, an alias, or their id (lower case, spaces normalised). */
type TermIndex = ReadonlyMap<string, string>;

/** What a piece of Markdown may refer to. Shared by everything compiled in one course build. */
export interface MarkdownContext {
  /** Reference ids of content/references.yaml; every marker must name one. */
  references: ReadonlySet<string>;
  terms: TermIndex;
  /** `{{name}}` values as HTML; absent outside the CE files, where placeholders are an error. */
  placeholders?: ReadonlyMap<string, string>;
  /** Fenced-block expansion (diagram files, the CE outcomes list). */
  directives: DirectiveEnv;
  /** Filled while compiling: every reference id cited anywhere (to find unused references). */
  cited: Set<string>;
}

/** Where inline Markdown is used, which decides what it may contain and whether its sentences are checked. */
export interface InlineRules {
  /** Glossary buttons make no sense inside a radio label or a heading. */
  terms: boolean;
  /** Check that statistics, dates and regulatory statements carry a citation. */
  sentences: boolean;
}

type CitationToken = Tokens.Generic & { type: 'citation'; ids: string[] };
type TermToken = Tokens.Generic & { type: 'term'; text: string; key: string; id?: string };
type PlaceholderToken = Tokens.Generic & { type: 'placeholder'; name: string; html?: string };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

const extensions: MarkedExtension = {
  extensions: [
    {
      name: 'citation',
      level: 'inline',
      start: (src) => {
        const i = src.search(new RegExp(CITATION_SOURCE));
        return i < 0 ? undefined : i;
      },
      tokenizer(src) {
        const match = new RegExp(`^${CITATION_SOURCE}`).exec(src);
        if (!match) return undefined;
        return { type: 'citation', raw: match[0], ids: match[1]!.split(/\s*,\s*/) } satisfies CitationToken;
      },
      renderer(token) {
        const links = (token as CitationToken).ids.map(
          (id) => `<a class="cite-ref" href="#ref-${id}" data-ref="${id}" aria-label="Reference ${id}">${id}</a>`,
        );
        return `<sup class="cite">[${links.join(', ')}]</sup>`;
      },
    },
    {
      name: 'term',
      level: 'inline',
      start: (src) => {
        const i = src.indexOf('[[');
        return i < 0 ? undefined : i;
      },
      tokenizer(src) {
        const match = TERM.exec(src);
        if (!match) return undefined;
        const text = match[1]!.trim();
        return { type: 'term', raw: match[0], text, key: (match[2] ?? text).trim() } satisfies TermToken;
      },
      renderer(token) {
        const { text, id, key } = token as TermToken;
        return `<button type="button" class="term" data-term="${escapeHtml(id ?? slugify(key))}">${escapeHtml(text)}</button>`;
      },
    },
    {
      name: 'placeholder',
      level: 'inline',
      start: (src) => {
        const i = src.indexOf('{{');
        return i < 0 ? undefined : i;
      },
      tokenizer(src) {
        const match = PLACEHOLDER.exec(src);
        if (!match) return undefined;
        return { type: 'placeholder', raw: match[0], name: match[1]! } satisfies PlaceholderToken;
      },
      renderer(token) {
        const { name, html } = token as PlaceholderToken;
        return `<span class="ce-value" data-ce="${escapeHtml(name)}">${html ?? ''}</span>`;
      },
    },
  ],
};

// A private instance: options set here never leak into other code that imports marked.
const marked = new Marked({ gfm: true, breaks: false }, extensions);

/** What a token may not be, wherever it stands. */
function tokenProblem(token: Token, ctx: MarkdownContext, rules: { terms: boolean }): string | undefined {
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
      return undefined;
    case 'citation': {
      const t = token as CitationToken;
      for (const id of t.ids) ctx.cited.add(id);
      const unknown = t.ids.filter((id) => !ctx.references.has(id));
      if (!unknown.length) return undefined;
      return `citation ${unknown.map((id) => quote(id)).join(', ')} is not in the reference list (content/references.yaml)`;
    }
    case 'term': {
      const t = token as TermToken;
      if (!rules.terms) return `glossary marker ${quote(t.raw)} is not allowed here: use plain text`;
      const id = ctx.terms.get(termKey(t.key));
      if (id) {
        t.id = id;
        return undefined;
      }
      return `glossary term ${quote(t.key)} is not in the glossary (content/glossary.yaml): add it there or write [[shown text|term-id]]`;
    }
    case 'placeholder': {
      const t = token as PlaceholderToken;
      if (!ctx.placeholders)
        return `placeholder ${quote(t.raw)} is only allowed in content/ce.md and content/closing.md`;
      const html = ctx.placeholders.get(t.name);
      if (html === undefined) {
        return `unknown placeholder ${quote(t.raw)}: use one of ${[...ctx.placeholders.keys()].map((k) => `{{${k}}}`).join(', ')}`;
      }
      t.html = html;
      return undefined;
    }
  }
  return undefined;
}

/** The lookup key of a term, alias or marker. */
export function termKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ');
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
function walk(
  tokens: Token[],
  src: string,
  from: number,
  to: number,
  visit: (token: Token, offset: number, depth: number, exact: boolean) => void,
  depth = 0,
): void {
  let cursor = from;
  for (const token of tokens) {
    const found = src.indexOf(token.raw, cursor);
    const inside = found >= 0 && found + token.raw.length <= to;
    const offset = inside ? found : cursor;
    if (inside) cursor = found + token.raw.length;
    visit(token, offset, depth, inside);
    walk(children(token), src, offset, inside ? cursor : to, visit, depth + 1);
  }
}

/**
 * Words a learner reads on the page. Left out: citation markers, diagrams (their time is counted per activity,
 * and their text description repeats them), and the answer keys of sort and match activities.
 */
export function countWords(html: string): number {
  const read = html
    .replace(/<svg\b[\s\S]*?<\/svg>/g, ' ')
    .replace(/<details class="(?:diagram-text|activity-answers)"[\s\S]*?<\/details>/g, ' ');
  return htmlToText(read)
    .replace(CITATION, ' ')
    .split(' ')
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function slugify(title: string): string {
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

/** The result of checking a lexed piece of Markdown: its problems, and the HTML of each directive block. */
interface Checked {
  problems: LineProblem[];
  directiveHtml: Map<Token, string>;
}

/**
 * Runs every check over lexed tokens: token rules, citations and terms, sentence citations, and directive
 * expansion (whose own Markdown is compiled recursively). `lineAt` maps an offset in `src` to a file line.
 */
function checkTokens(tokens: Token[], src: string, lineAt: (offset: number) => number, ctx: MarkdownContext): Checked {
  const problems: LineProblem[] = [];
  const directiveHtml = new Map<Token, string>();
  const units: SentenceUnit[] = [];
  // The heading level a directive's own titles take: one below the sub-heading they follow (### gives h4).
  let headingDepth = 2;

  walk(tokens, src, 0, src.length, (token, offset, depth, exact) => {
    const problem = tokenProblem(token, ctx, { terms: true });
    if (problem) problems.push({ line: lineAt(offset), message: problem });
    if (token.type === 'heading' && depth === 0) headingDepth = token.depth;
    if (token.type === 'paragraph' || (token.type === 'text' && 'tokens' in token && Array.isArray(token.tokens))) {
      // Inside a blockquote the raw text is not found as written (the > marks are stripped): check it anyway.
      units.push({
        text: token.raw,
        line: lineAt(offset),
        lineOf: exact ? (i) => lineAt(offset + i) : () => lineAt(offset),
      });
    } else if (token.type === 'table') {
      // Each body row is one unit: a citation anywhere in the row covers it. The header row is exempt, like headings.
      const rows = token.raw.split('\n');
      let at = offset;
      rows.forEach((row, i) => {
        const rowLine = lineAt(at);
        if (i >= 2 && row.trim()) units.push({ text: row, line: rowLine, lineOf: () => rowLine });
        at += row.length + 1;
      });
    } else if (token.type === 'code' && isDirective(token.lang)) {
      const fenceLine = lineAt(offset);
      const result = expandDirective(token as Tokens.Code, fenceLine, Math.min(headingDepth + 1, 6), ctx, {
        fragment: (text, firstLine) => compileFragment(text, firstLine, ctx),
        inline: (text, line, rules) => compileInlineAt(text, line, ctx, rules),
      });
      problems.push(...result.problems);
      directiveHtml.set(token, result.html);
    }
  });
  problems.push(...checkSentences(units));
  return { problems, directiveHtml };
}

/** Parses tokens to HTML, with directive blocks replaced by their expansion. */
function render(tokens: Token[], directiveHtml: Map<Token, string>): string {
  const replaced = tokens.map((token): Token => {
    const html = directiveHtml.get(token);
    return html === undefined ? token : { type: 'html', raw: token.raw, text: `${html}\n`, block: true, pre: false };
  });
  return marked.parser(replaced).trim();
}

interface PageDraft {
  heading: Token & { text: string };
  line: number;
  tokens: Token[];
}

/** Splits a Markdown body into pages at its `## ` headings and compiles each to HTML. */
export function compilePages(
  body: string,
  firstLine: number,
  ctx: MarkdownContext,
): { pages: PageAt[]; problems: LineProblem[] } {
  const lineAt = lineCounter(body, firstLine);
  const drafts: PageDraft[] = [];
  let strayLine: number | undefined;

  const tokens = marked.lexer(body);
  const { problems, directiveHtml } = checkTokens(tokens, body, lineAt, ctx);
  let offset = 0;
  for (const token of tokens) {
    const found = body.indexOf(token.raw, offset);
    if (found >= 0) offset = found + token.raw.length;
    const at = found >= 0 ? found : offset;
    if (isPageHeading(token)) drafts.push({ heading: token as PageDraft['heading'], line: lineAt(at), tokens: [] });
    else if (drafts.length) drafts.at(-1)!.tokens.push(token);
    else if (token.type !== 'space') strayLine ??= lineAt(at);
  }

  if (!drafts.length) {
    problems.push({ line: firstLine, message: 'no pages: each page starts with a "## " heading' });
  } else if (strayLine !== undefined) {
    problems.push({
      line: strayLine,
      message: 'content before the first "## " heading: every page starts with a "## " heading',
    });
  }

  const pages = drafts.map((draft) => compilePage(draft, directiveHtml, problems, ctx));
  checkUniqueIds(pages, problems);
  return { pages, problems };
}

function compilePage(
  draft: PageDraft,
  directiveHtml: Map<Token, string>,
  problems: LineProblem[],
  ctx: MarkdownContext,
): PageAt {
  const [, titleSource = draft.heading.text, explicitId] = EXPLICIT_ID.exec(draft.heading.text) ?? [];
  const report = (message: string) => problems.push({ line: draft.line, message });
  const titleInline = compileInline(titleSource, ctx, { terms: false, sentences: false });
  for (const p of titleInline.problems) report(`page title: ${p.message}`);
  const title = htmlToText(titleInline.html);
  const id = explicitId ?? slugify(title);

  if (!title) report('page heading has no title');
  else if (explicitId !== undefined && !PAGE_ID.test(explicitId)) {
    report(`page id ${quote(explicitId)} must use only letters, digits and "-"`);
  } else if (!id) report(`page title ${quote(title)} gives no id: add one such as {#my-page}`);

  const html = render(draft.tokens, directiveHtml);
  return { page: { id, title, html, words: countWords(html) }, line: draft.line };
}

function checkUniqueIds(pages: PageAt[], problems: LineProblem[]): void {
  const seen = new Map<string, number>();
  for (const { page, line } of pages) {
    const first = seen.get(page.id);
    if (first !== undefined)
      problems.push({ line, message: `page id ${quote(page.id)} is already used by the page on line ${first}` });
    else if (page.id) seen.set(page.id, line);
  }
}

/**
 * Block Markdown without pages (`## ` headings are not allowed): the closing statement, a directive's body.
 * `firstLine` is the file line of the text's first line.
 */
export function compileFragment(
  src: string,
  firstLine: number,
  ctx: MarkdownContext,
): { html: string; problems: LineProblem[] } {
  const lineAt = lineCounter(src, firstLine);
  const tokens = marked.lexer(src);
  const { problems, directiveHtml } = checkTokens(tokens, src, lineAt, ctx);
  let offset = 0;
  for (const token of tokens) {
    const found = src.indexOf(token.raw, offset);
    if (found >= 0) offset = found + token.raw.length;
    if (isPageHeading(token)) {
      problems.push({
        line: lineAt(found >= 0 ? found : offset),
        message: '"## " headings are not allowed here: use "### " for a sub-heading',
      });
    }
  }
  return { html: render(tokens, directiveHtml), problems };
}

/**
 * Inline Markdown (a prompt, option, rationale, title or definition) to HTML. Problems carry the offending
 * source text so the caller can find its line in the YAML file.
 */
export function compileInline(
  src: string,
  ctx: MarkdownContext,
  rules: InlineRules,
): { html: string; problems: { text: string; message: string }[] } {
  const tokens = marked.Lexer.lexInline(src, marked.defaults);
  const problems: { text: string; message: string }[] = [];
  walk(tokens, src, 0, src.length, (token) => {
    const message = tokenProblem(token, ctx, rules);
    if (message) problems.push({ text: token.raw, message });
  });
  if (rules.sentences) {
    for (const p of checkSentences([{ text: src, line: 0, lineOf: () => 0 }], true))
      problems.push({ text: p.text ?? src, message: p.message });
  }
  return { html: marked.Parser.parseInline(tokens, marked.defaults), problems };
}

/** compileInline for text written on one known line (titles and items inside directive blocks). */
function compileInlineAt(
  src: string,
  line: number,
  ctx: MarkdownContext,
  rules: InlineRules,
): { html: string; problems: LineProblem[] } {
  const { html, problems } = compileInline(src, ctx, rules);
  return { html, problems: problems.map((p) => ({ line, message: p.message })) };
}

/** Whether inline Markdown carries at least one citation marker (every quiz rationale must). */
export function hasCitation(src: string): boolean {
  return new RegExp(CITATION_SOURCE).test(src);
}
