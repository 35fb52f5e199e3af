/**
 * Diagrams are SVG files (content/diagrams/<name>.svg) inlined into pages. This is a whitelist sanitiser for
 * them, small on purpose: the files are authored, so anything unexpected is reported (file:line) instead of
 * being silently dropped.
 *
 * Rejected: <script>, <foreignObject>, <style>, images, links, animation (which can rewrite attributes),
 * event-handler attributes (on*), references outside the file (href or url() not starting with #), DOCTYPE and
 * entities, and hard-coded colours (use currentColor or a CSS variable so the diagram follows light/dark mode).
 * Required: a viewBox, and an accessible name: <title> and <desc> as children of <svg>, or role="img" with
 * aria-label. Element ids are prefixed with the diagram's name so that two diagrams on a page never clash.
 */
import type { LineProblem } from './markdown.ts';
import { quote } from './problems.ts';
import { parseXml, XmlError, type XmlDocument, type XmlElement } from '../xml.ts';

const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'title',
  'desc',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'marker',
  'use',
  'symbol',
  'clipPath',
  'linearGradient',
  'radialGradient',
  'stop',
]);

/** Elements with a specific reason to refuse them. */
const REFUSED: Record<string, string> = {
  script: 'scripts are not allowed in diagrams',
  foreignobject: '<foreignObject> is not allowed: it embeds HTML',
  style: '<style> is not allowed: use presentation attributes or a style="" attribute',
  image: 'images are not allowed: draw with SVG shapes',
  a: 'links are not allowed in diagrams',
  iframe: 'embedded frames are not allowed',
  animate: 'animation is not allowed (it can rewrite attributes)',
  animatetransform: 'animation is not allowed (it can rewrite attributes)',
  animatemotion: 'animation is not allowed (it can rewrite attributes)',
  set: 'animation is not allowed (it can rewrite attributes)',
};

const ATTRIBUTES = new Set([
  'id',
  'class',
  'style',
  'viewBox',
  'xmlns',
  'xmlns:xlink',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'd',
  'points',
  'transform',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'opacity',
  'font-size',
  'font-weight',
  'font-family',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'letter-spacing',
  'marker-start',
  'marker-mid',
  'marker-end',
  'markerWidth',
  'markerHeight',
  'refX',
  'refY',
  'orient',
  'markerUnits',
  'href',
  'xlink:href',
  'role',
  'aria-label',
  'aria-labelledby',
  'aria-describedby',
  'aria-hidden',
  'preserveAspectRatio',
  'dx',
  'dy',
  'offset',
  'stop-color',
  'stop-opacity',
  'clip-path',
  'clipPathUnits',
  'vector-effect',
  'text-decoration',
  'lang',
  'xml:space',
  'focusable',
  'gradientUnits',
  'gradientTransform',
  'fx',
  'fy',
  'textLength',
  'lengthAdjust',
  'paint-order',
  'visibility',
  'display',
]);

const COLOUR_ATTRIBUTES = new Set(['fill', 'stroke', 'color', 'stop-color', 'flood-color', 'lighting-color']);
const STYLE_PROPERTIES = new Set([
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-size',
  'font-weight',
  'font-family',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'color',
  'stop-color',
  'stop-opacity',
  'paint-order',
  'letter-spacing',
  'display',
  'visibility',
]);

/** A colour that follows the page's colour scheme. */
const THEMED_COLOUR =
  /^(?:none|currentColor|transparent|inherit|url\(#[\w-]+\)|var\(--[\w-]+(?:\s*,\s*(?:none|currentColor|transparent|var\(--[\w-]+\)))?\))$/;

interface Element {
  name: string;
  attrs: [string, string][];
  children: Node[];
  line: number;
}
type Node = Element | { text: string };

/** Parses and checks an SVG file. `file` names it in messages (problems carry their own line). */
export function sanitizeSvg(source: string, name: string): { svg?: string; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const root = parse(source, problems);
  if (!root) return { problems };
  if (root.name !== 'svg') {
    problems.push({ line: root.line, message: `the root element must be <svg>, not <${root.name}>` });
    return { problems };
  }
  const ids = new Set<string>();
  check(root, problems, ids);

  const attr = (el: Element, key: string) => el.attrs.find(([k]) => k === key)?.[1];
  if (!attr(root, 'viewBox'))
    problems.push({ line: root.line, message: '<svg> needs a viewBox so that it scales to the screen' });
  const childElements = root.children.filter((c): c is Element => 'name' in c);
  const title = childElements.find((c) => c.name === 'title');
  const desc = childElements.find((c) => c.name === 'desc');
  const labelled = attr(root, 'role') === 'img' && !!attr(root, 'aria-label')?.trim();
  if (!(title && desc && textOf(title).trim() && textOf(desc).trim()) && !labelled) {
    problems.push({
      line: root.line,
      message:
        'the diagram needs an accessible name: <title> and <desc> as children of <svg>, or role="img" with aria-label',
    });
  }
  if (problems.length) return { problems };

  // Output: ids prefixed, references to them rewritten, and the root set up for inline use.
  const prefix = `dg-${name}-`;
  const rename = (value: string) =>
    value
      .replace(/url\(#([\w-]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
      .replace(/^#([\w-]+)$/, (_, id: string) => `#${prefix}${id}`);
  const renameAll = (el: Element) => {
    el.attrs = el.attrs.map(([k, v]): [string, string] => {
      if (k === 'id') return [k, prefix + v];
      if (k === 'aria-labelledby' || k === 'aria-describedby')
        return [
          k,
          v
            .split(/\s+/)
            .map((id) => prefix + id)
            .join(' '),
        ];
      return [k, rename(v)];
    });
    for (const child of el.children) if ('name' in child) renameAll(child);
  };
  renameAll(root);
  const set = (el: Element, key: string, value: string) => {
    el.attrs = el.attrs.filter(([k]) => k !== key);
    el.attrs.push([key, value]);
  };
  root.attrs = root.attrs.filter(([k]) => k !== 'width' && k !== 'height' && k !== 'class');
  set(root, 'class', 'diagram-svg');
  set(root, 'role', 'img');
  set(root, 'focusable', 'false');
  if (title && desc) {
    if (!attr(title, 'id')) set(title, 'id', `${prefix}title`);
    if (!attr(desc, 'id')) set(desc, 'id', `${prefix}desc`);
    set(root, 'aria-labelledby', attr(title, 'id')!);
    set(root, 'aria-describedby', attr(desc, 'id')!);
  }
  return { svg: serialise(root), problems };
}

function textOf(el: Element): string {
  return el.children.map((c) => ('text' in c ? c.text : textOf(c))).join('');
}

/** Reads the file with the shared XML parser (tools/xml.ts); anything it cannot read is a problem. */
function parse(source: string, problems: LineProblem[]): Element | undefined {
  const entityProblems: LineProblem[] = [];
  let doc: XmlDocument;
  try {
    doc = parseXml(source, {
      namespaces: false,
      onEntityError: (e) => void entityProblems.push({ line: e.line, message: e.reason }),
    });
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    // A stray "&" makes the parser read on to the next ";", so what breaks after it is usually its consequence.
    problems.push(...(entityProblems.length ? entityProblems : [{ line: e.line, message: e.reason }]));
    return undefined;
  }
  if (doc.doctypeLine !== undefined) {
    problems.push({ line: doc.doctypeLine, message: '<!DOCTYPE> is not allowed (no DOCTYPE or entity declarations)' });
    return undefined;
  }
  problems.push(...entityProblems);
  const convert = (el: XmlElement): Element => ({
    name: el.name,
    attrs: el.attrs.map((a): [string, string] => [a.name, a.value]),
    children: el.content.map((c) => ('name' in c ? convert(c) : { text: c.text })),
    line: el.line,
  });
  return convert(doc.root);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function checkValue(el: Element, key: string, value: string): string | undefined {
  if (/javascript:|data:|vbscript:/i.test(value))
    return `attribute ${key} of <${el.name}>: script or data addresses are not allowed`;
  for (const url of value.matchAll(/url\(\s*([^)]*)\)/gi)) {
    if (!/^#[\w-]+$/.test(url[1]!.trim().replace(/^['"]|['"]$/g, ''))) {
      return `attribute ${key} of <${el.name}>: ${quote(url[0])} points outside the file: only url(#id) is allowed`;
    }
  }
  if ((key === 'href' || key === 'xlink:href') && !/^#[\w-]+$/.test(value)) {
    return `attribute ${key} of <${el.name}>: ${quote(value)} points outside the file: only "#id" is allowed`;
  }
  if (COLOUR_ATTRIBUTES.has(key) && !THEMED_COLOUR.test(value.trim())) {
    return `colour ${key}=${quote(value)} on <${el.name}> is fixed: use currentColor, none, or a CSS variable such as var(--diagram-accent) so the diagram reads in dark mode`;
  }
  return undefined;
}

function check(el: Element, problems: LineProblem[], ids: Set<string>): void {
  const report = (message: string): void => void problems.push({ line: el.line, message });
  const refused = REFUSED[el.name.toLowerCase()];
  if (refused) return report(`<${el.name}>: ${refused}`);
  if (!ELEMENTS.has(el.name))
    return report(`<${el.name}> is not an allowed SVG element (allowed: ${[...ELEMENTS].join(', ')})`);
  for (const [key, value] of el.attrs) {
    if (/^on/i.test(key)) {
      report(`event-handler attribute ${key} on <${el.name}> is not allowed`);
      continue;
    }
    if (!ATTRIBUTES.has(key)) {
      report(`attribute ${key} on <${el.name}> is not allowed`);
      continue;
    }
    if (key === 'id') {
      if (!/^[A-Za-z][\w-]*$/.test(value))
        report(`id ${quote(value)} on <${el.name}> must start with a letter and use letters, digits, "_" and "-"`);
      else if (ids.has(value)) report(`id ${quote(value)} is used twice`);
      ids.add(value);
    }
    if (key === 'style') {
      for (const declaration of value.split(';').filter((d) => d.trim())) {
        const [prop = '', ...rest] = declaration.split(':');
        const name = prop.trim().toLowerCase();
        const v = rest.join(':').trim();
        if (!STYLE_PROPERTIES.has(name)) report(`style property ${quote(name)} on <${el.name}> is not allowed`);
        else if (/[\\@<]|expression/i.test(v))
          report(`style ${quote(declaration.trim())} on <${el.name}> is not allowed`);
        else {
          const problem = checkValue(el, name, v);
          if (problem) report(problem);
        }
      }
      continue;
    }
    const problem = checkValue(el, key, value);
    if (problem) report(problem);
  }
  for (const child of el.children) if ('name' in child) check(child, problems, ids);
}

function serialise(el: Element): string {
  const attrs = el.attrs.map(([k, v]) => ` ${k}="${escapeText(v).replace(/"/g, '&quot;')}"`).join('');
  if (!el.children.length) return `<${el.name}${attrs}/>`;
  const inner = el.children.map((c) => ('text' in c ? escapeText(c.text) : serialise(c))).join('');
  return `<${el.name}${attrs}>${inner}</${el.name}>`;
}
