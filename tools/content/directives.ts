/**
 * Interactive elements and diagrams, written as fenced blocks in Markdown:
 *
 *     ```reveal            ```tabs label="..."     ```flipcards           ```accordion
 *     ### Question         ### Tab title           ### Front of card      ### Section title
 *     Answer Markdown      Panel Markdown          Back of card           Body Markdown
 *     ```                  ```                     ```                    ```
 *
 *     ```sort prompt="..."         ```match prompt="..."           ```diagram name=pain-mechanisms caption="..."
 *     ### Category                 - item => its match             Text description of the diagram (Markdown).
 *     - item                       - item => its match             ```
 *     ```                          ```
 *
 * Each compiles to semantic HTML that reads and works without JavaScript (details/summary, sections with
 * headings, lists with an answer key) and carries `data-interactive` / `data-*` attributes that the UI enhances.
 * The exact markup is the contract with the UI and is documented in docs/authoring.md.
 */
import { createHash } from 'node:crypto';
import type { Tokens } from 'marked';
import { escapeHtml, slugify, type InlineRules, type LineProblem, type MarkdownContext } from './markdown.ts';
import { quote } from './problems.ts';

const DIRECTIVES = [
  'reveal',
  'accordion',
  'tabs',
  'flipcards',
  'sort',
  'match',
  'diagram',
  'outcomes',
  'changes',
  'disclosures',
  'practice-gap',
] as const;
type Kind = (typeof DIRECTIVES)[number];

/** Attributes each block accepts; `true` = required. */
const ATTRIBUTES: Record<Kind, Record<string, boolean>> = {
  reveal: {},
  accordion: {},
  tabs: { label: false },
  flipcards: {},
  sort: { prompt: true, items: false, targets: false },
  match: { prompt: true, items: false, targets: false },
  diagram: { name: true, caption: false },
  outcomes: {},
  changes: {},
  disclosures: {},
  'practice-gap': {},
};

/** Blocks filled from the CE data files (only content/ce.md may use them): block name -> DirectiveEnv field. */
const DATA_BLOCKS = {
  outcomes: { field: 'outcomes', what: 'the outcomes are the module objectives' },
  changes: { field: 'changes', what: 'the changes come from content/update-log.yaml' },
  disclosures: { field: 'disclosures', what: 'the disclosures come from content/disclosures.yaml and course.yaml' },
  'practice-gap': { field: 'practiceGap', what: 'the gap and outcome come from content/practice-gap.yaml' },
} as const;

export interface DirectiveEnv {
  /** content/diagrams/<name>.svg, checked and sanitised (its own problems are reported against the svg file). */
  diagram(name: string): { svg: string } | { error: string };
  /** The learning outcomes list (HTML); only the CE files may use ```outcomes. */
  outcomes?: string;
  /** "What changed since the last review" (HTML, from content/update-log.yaml); only content/ce.md may use ```changes. */
  changes?: string;
  /** The activity dates and disclosures (HTML), for ```disclosures in content/ce.md. */
  disclosures?: string;
  /** The practice gap, its evidence and the measurable outcome (HTML), for ```practice-gap in content/ce.md. */
  practiceGap?: string;
}

/** How the directive compiles the Markdown inside it (provided by markdown.ts, to keep one compiler). */
export interface DirectiveCompiler {
  fragment(text: string, firstLine: number): { html: string; problems: LineProblem[] };
  inline(text: string, line: number, rules: InlineRules): { html: string; problems: LineProblem[] };
}

export function isDirective(lang: string | undefined): boolean {
  const kind = lang?.trim().split(/\s+/)[0];
  return !!kind && (DIRECTIVES as readonly string[]).includes(kind);
}

/** `kind a=b c="d e"` to its attributes, or a problem. */
function parseInfo(info: string): { kind: Kind; attrs: Map<string, string>; problems: string[] } {
  const kind = info.trim().split(/\s+/)[0] as Kind;
  const rest = info.trim().slice(kind.length);
  const attrs = new Map<string, string>();
  const problems: string[] = [];
  const pattern = /\s*([a-z]+)=(?:"([^"]*)"|([^\s"]+))|\s*(\S+)/gy;
  for (let m = pattern.exec(rest); m; m = pattern.exec(rest)) {
    if (m[4] !== undefined) {
      problems.push(
        `${kind} block: cannot read ${quote(m[4])}: write attributes as name=value or name="value with spaces"`,
      );
      continue;
    }
    const name = m[1]!;
    if (!(name in ATTRIBUTES[kind])) {
      const known = Object.keys(ATTRIBUTES[kind]);
      problems.push(
        `${kind} block: unknown attribute ${quote(name)}${known.length ? ` (it takes ${known.join(', ')})` : ' (it takes none)'}`,
      );
    } else if (attrs.has(name)) problems.push(`${kind} block: attribute ${quote(name)} is given twice`);
    attrs.set(name, (m[2] ?? m[3] ?? '').trim());
    if (pattern.lastIndex >= rest.length) break;
  }
  for (const [name, required] of Object.entries(ATTRIBUTES[kind])) {
    if (required && !attrs.get(name)) problems.push(`${kind} block: missing attribute ${name}="..."`);
  }
  return { kind, attrs, problems };
}

interface Section {
  title: string;
  titleLine: number;
  body: string;
  bodyLine: number;
}

/** Splits a block body at its `### ` lines. Text before the first one is reported. */
function sections(kind: Kind, text: string, firstLine: number, problems: LineProblem[]): Section[] {
  const result: Section[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const heading = /^###\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      result.push({ title: heading[1]!, titleLine: firstLine + i, body: '', bodyLine: firstLine + i + 1 });
    } else if (result.length) {
      result.at(-1)!.body += `${line}\n`;
    } else if (line.trim()) {
      problems.push({
        line: firstLine + i,
        message: `${kind} block: text before the first "### " title: each item starts with a "### " line`,
      });
    }
  });
  return result;
}

/** A stable shuffle (the same content always gives the same order), never the written order when n > 1. */
function stableShuffle<T>(items: T[], seed: string, key: (item: T) => string): T[] {
  const rank = (item: T) =>
    createHash('sha1')
      .update(`${seed}\0${key(item)}`)
      .digest('hex');
  const shuffled = [...items].sort((a, b) => (rank(a) < rank(b) ? -1 : 1));
  if (items.length > 1 && shuffled.every((item, i) => item === items[i])) shuffled.push(shuffled.shift()!);
  return shuffled;
}

export function expandDirective(
  token: Tokens.Code,
  fenceLine: number,
  headingLevel: number,
  ctx: MarkdownContext,
  compile: DirectiveCompiler,
): { html: string; problems: LineProblem[] } {
  const { kind, attrs, problems: infoProblems } = parseInfo(token.lang ?? '');
  const problems: LineProblem[] = infoProblems.map((message) => ({ line: fenceLine, message }));
  const bodyLine = fenceLine + 1;
  const text = token.text;
  const add = (result: { html: string; problems: LineProblem[] }) => {
    problems.push(...result.problems);
    return result.html;
  };
  const titleOf = (section: Section) =>
    add(compile.inline(section.title, section.titleLine, { terms: false, sentences: false }));
  const bodyOf = (section: Section, what: string) => {
    if (!section.body.trim())
      problems.push({
        line: section.titleLine,
        message: `${kind} block: ${what} ${quote(section.title)} has no content`,
      });
    return add(compile.fragment(section.body, section.bodyLine));
  };
  const atLeast = (list: unknown[], n: number, what: string) => {
    if (list.length < n)
      problems.push({
        line: fenceLine,
        message: `${kind} block: needs at least ${n} ${what}, each starting with a "### " line`,
      });
  };

  let html = '';
  switch (kind) {
    case 'reveal':
    case 'accordion': {
      const items = sections(kind, text, bodyLine, problems);
      atLeast(items, 1, 'item');
      const body = items.map(
        (s) =>
          `<details class="${kind}-item"><summary>${titleOf(s)}</summary><div class="${kind}-body">${bodyOf(s, 'item')}</div></details>`,
      );
      html = `<div class="${kind}" data-interactive="${kind}">\n${body.join('\n')}\n</div>`;
      break;
    }
    case 'tabs': {
      const items = sections(kind, text, bodyLine, problems);
      atLeast(items, 2, 'tabs');
      const seen = new Set<string>();
      const panels = items.map((s) => {
        let id = slugify(s.title) || 'tab';
        while (seen.has(id)) id += '-2';
        seen.add(id);
        const h = `h${headingLevel}`;
        return `<section class="tab-panel" data-tab="${id}"><${h} class="tab-title">${titleOf(s)}</${h}>\n${bodyOf(s, 'tab')}\n</section>`;
      });
      const label = attrs.get('label');
      html = `<div class="tabs" data-interactive="tabs"${label ? ` data-label="${escapeHtml(label)}"` : ''}>\n${panels.join('\n')}\n</div>`;
      break;
    }
    case 'flipcards': {
      const items = sections(kind, text, bodyLine, problems);
      atLeast(items, 2, 'cards');
      const cards = items.map(
        (s) =>
          `<details class="flipcard"><summary class="flipcard-front">${titleOf(s)}</summary><div class="flipcard-back">${bodyOf(s, 'card')}</div></details>`,
      );
      html = `<div class="flipcards" data-interactive="flipcards">\n${cards.join('\n')}\n</div>`;
      break;
    }
    case 'sort':
      html = sortActivity(text, bodyLine, attrs, compile, problems, fenceLine);
      break;
    case 'match':
      html = matchActivity(text, bodyLine, attrs, compile, problems, fenceLine);
      break;
    case 'diagram':
      html = diagram(text, bodyLine, attrs, ctx, compile, problems, fenceLine);
      break;
    case 'outcomes':
    case 'changes':
    case 'disclosures':
    case 'practice-gap': {
      const block = DATA_BLOCKS[kind];
      if (text.trim()) problems.push({ line: bodyLine, message: `${kind} block: leave it empty; ${block.what}` });
      const value = ctx.directives[block.field];
      if (value === undefined)
        problems.push({ line: fenceLine, message: `${kind} block: only allowed in content/ce.md` });
      else html = value;
      break;
    }
  }
  return { html, problems };
}

interface ActivityItem {
  id: string;
  html: string;
  answer: string;
}

/** The shared shape of sort and match: prompt, items (each with its answer), targets, and an answer key. */
function activityHtml(
  kind: 'sort' | 'match',
  attrs: Map<string, string>,
  compile: DirectiveCompiler,
  problems: LineProblem[],
  fenceLine: number,
  items: ActivityItem[],
  targets: { id: string; html: string }[],
  seed: string,
): string {
  const prompt = compile.inline(attrs.get('prompt') ?? '', fenceLine, { terms: false, sentences: false });
  problems.push(...prompt.problems);
  const order = kind === 'sort' ? stableShuffle(items, seed, (i) => i.id) : items;
  const targetOrder = kind === 'match' ? stableShuffle(targets, seed, (t) => t.id) : targets;
  const itemsLabel = escapeHtml(attrs.get('items') ?? 'Items');
  const targetsLabel = escapeHtml(attrs.get('targets') ?? (kind === 'sort' ? 'Categories' : 'Matches'));
  const key = targets
    .map((t) => {
      const members = items.filter((i) => i.answer === t.id);
      if (kind === 'match')
        return `<dt data-item="${members[0]?.id ?? ''}">${members[0]?.html ?? ''}</dt><dd data-target="${t.id}">${t.html}</dd>`;
      return `<dt data-target="${t.id}">${t.html}</dt>${members.map((i) => `<dd data-item="${i.id}">${i.html}</dd>`).join('')}`;
    })
    .join('\n');
  return [
    `<div class="activity" data-interactive="${kind}">`,
    `<p class="activity-prompt">${prompt.html}</p>`,
    `<p class="activity-label">${itemsLabel}</p>`,
    `<ul class="activity-items">`,
    ...order.map((i) => `<li data-item="${i.id}" data-answer="${i.answer}">${i.html}</li>`),
    `</ul>`,
    `<p class="activity-label">${targetsLabel}</p>`,
    `<ul class="activity-targets">`,
    ...targetOrder.map((t) => `<li data-target="${t.id}">${t.html}</li>`),
    `</ul>`,
    `<details class="activity-answers"><summary>Show answers</summary><dl>\n${key}\n</dl></details>`,
    `</div>`,
  ].join('\n');
}

/** `- item` lines; anything else (but blank lines) is reported. */
function bulletLines(
  kind: string,
  body: string,
  firstLine: number,
  problems: LineProblem[],
): { text: string; line: number }[] {
  return body.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    const item = /^\s*[-*]\s+(.*\S)\s*$/.exec(line);
    if (item) return [{ text: item[1]!, line: firstLine + i }];
    problems.push({ line: firstLine + i, message: `${kind} block: expected an item line starting with "- "` });
    return [];
  });
}

function sortActivity(
  text: string,
  bodyLine: number,
  attrs: Map<string, string>,
  compile: DirectiveCompiler,
  problems: LineProblem[],
  fenceLine: number,
): string {
  const categories = sections('sort', text, bodyLine, problems);
  if (categories.length < 2)
    problems.push({
      line: fenceLine,
      message: 'sort block: needs at least 2 categories, each starting with a "### " line',
    });
  const targets: { id: string; html: string }[] = [];
  const items: ActivityItem[] = [];
  const seen = new Set<string>();
  for (const category of categories) {
    let id = slugify(category.title) || 'category';
    while (seen.has(id)) id += '-2';
    seen.add(id);
    const html = compile.inline(category.title, category.titleLine, { terms: false, sentences: false });
    problems.push(...html.problems);
    targets.push({ id, html: html.html });
    const lines = bulletLines('sort', category.body, category.bodyLine, problems);
    if (!lines.length)
      problems.push({
        line: category.titleLine,
        message: `sort block: category ${quote(category.title)} has no items ("- " lines)`,
      });
    for (const line of lines) {
      const item = compile.inline(line.text, line.line, { terms: false, sentences: true });
      problems.push(...item.problems);
      items.push({ id: `i${items.length + 1}`, html: item.html, answer: id });
    }
  }
  if (items.length < 3) problems.push({ line: fenceLine, message: 'sort block: needs at least 3 items in all' });
  return activityHtml('sort', attrs, compile, problems, fenceLine, items, targets, text);
}

function matchActivity(
  text: string,
  bodyLine: number,
  attrs: Map<string, string>,
  compile: DirectiveCompiler,
  problems: LineProblem[],
  fenceLine: number,
): string {
  const items: ActivityItem[] = [];
  const targets: { id: string; html: string }[] = [];
  for (const line of bulletLines('match', text, bodyLine, problems)) {
    const parts = line.text.split(/\s+=>\s+/);
    if (parts.length !== 2 || !parts[0]!.trim() || !parts[1]!.trim()) {
      problems.push({ line: line.line, message: 'match block: write each pair as "- item => its match"' });
      continue;
    }
    const left = compile.inline(parts[0]!, line.line, { terms: false, sentences: true });
    const right = compile.inline(parts[1]!, line.line, { terms: false, sentences: true });
    problems.push(...left.problems, ...right.problems);
    const n = items.length + 1;
    items.push({ id: `i${n}`, html: left.html, answer: `t${n}` });
    targets.push({ id: `t${n}`, html: right.html });
  }
  if (items.length < 3)
    problems.push({ line: fenceLine, message: 'match block: needs at least 3 pairs ("- item => its match")' });
  return activityHtml('match', attrs, compile, problems, fenceLine, items, targets, text);
}

function diagram(
  text: string,
  bodyLine: number,
  attrs: Map<string, string>,
  ctx: MarkdownContext,
  compile: DirectiveCompiler,
  problems: LineProblem[],
  fenceLine: number,
): string {
  const name = attrs.get('name') ?? '';
  if (!name) return '';
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) {
    problems.push({
      line: fenceLine,
      message: `diagram block: name ${quote(name)} must be lowercase letters, digits and "-" (the file content/diagrams/<name>.svg)`,
    });
    return '';
  }
  const loaded = ctx.directives.diagram(name);
  if ('error' in loaded) problems.push({ line: fenceLine, message: `diagram block: ${loaded.error}` });
  if (!text.trim()) {
    problems.push({
      line: fenceLine,
      message:
        'diagram block: write a text description of the diagram inside the block (for screen readers, print and text-only reading)',
    });
  }
  const description = compile.fragment(text, bodyLine);
  problems.push(...description.problems);
  const caption = attrs.get('caption');
  const captionHtml = caption ? compile.inline(caption, fenceLine, { terms: false, sentences: true }) : undefined;
  if (captionHtml) problems.push(...captionHtml.problems);
  return [
    `<figure class="diagram" data-diagram="${name}">`,
    'svg' in loaded ? loaded.svg : '',
    `<details class="diagram-text"><summary>Text description</summary>\n${description.html}\n</details>`,
    captionHtml ? `<figcaption>${captionHtml.html}</figcaption>` : '',
    `</figure>`,
  ]
    .filter(Boolean)
    .join('\n');
}
