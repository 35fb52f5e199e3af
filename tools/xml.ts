/**
 * XML for the build tools (manifests, diagrams), read with saxes: a strict, namespace-aware XML 1.0 parser with
 * line numbers (the one jsdom uses). This file only turns its events into a small tree and its error messages into
 * plain ones with the line of the problem. Schema validity is xmllint's job (validate/schema.ts).
 */
import { SaxesParser } from 'saxes';
import { lineCounter } from './lines.ts';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

interface XmlAttr {
  /** Qualified name as written, e.g. "adlcp:scormType". */
  name: string;
  prefix: string;
  local: string;
  /** Namespace URI; null for unprefixed attributes (they are in no namespace) and when namespaces are off. */
  ns: string | null;
  value: string;
  line: number;
}

interface XmlText {
  text: string;
}

export interface XmlElement {
  name: string;
  prefix: string;
  local: string;
  ns: string | null;
  attrs: XmlAttr[];
  /** Child elements. */
  children: XmlElement[];
  /** Child elements and text, in document order. */
  content: (XmlElement | XmlText)[];
  parent: XmlElement | null;
  /** Direct text content (entities decoded, CDATA included), not trimmed. */
  text: string;
  line: number;
}

interface NamespaceDeclaration {
  prefix: string; // '' for xmlns="..."
  uri: string;
  line: number;
}

export interface XmlDocument {
  root: XmlElement;
  /** Every xmlns declaration in the document, in order: used to spot namespaces of the wrong SCORM version. */
  declarations: NamespaceDeclaration[];
  /** Line of a <!DOCTYPE ...> (its entity declarations are not expanded). */
  doctypeLine?: number;
}

export class XmlError extends Error {
  constructor(
    /** What is wrong, without the line. */
    readonly reason: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

export interface XmlOptions {
  /** Resolve namespace prefixes (default). Off: names are taken as written and undeclared prefixes are fine. */
  namespaces?: boolean;
  /** Called for an unknown entity (such as &nbsp;) instead of throwing; the text keeps it as written. */
  onEntityError?: (error: XmlError) => void;
}

const ENTITY_RULE = 'only the entities &amp; &lt; &gt; &quot; &apos; and &#...; are allowed';

/** Parses a whole document; anything malformed throws XmlError with the line of the problem. */
export function parseXml(source: string, options: XmlOptions = {}): XmlDocument {
  const namespaces = options.namespaces ?? true;
  const parser = new SaxesParser({ xmlns: namespaces, position: true });
  const declarations: NamespaceDeclaration[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let doctypeLine: number | undefined;
  let current: XmlElement | undefined; // the tag being read, before its ">"
  let lastClosed: XmlElement | undefined;

  const split = (qname: string): [string, string] => {
    const colon = qname.indexOf(':');
    return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
  };
  const addText = (text: string): void => {
    const parent = stack.at(-1);
    if (!parent) return;
    parent.text += text;
    const last = parent.content.at(-1);
    if (last && !('name' in last)) last.text += text;
    else parent.content.push({ text });
  };

  const lineAt = lineCounter(source);
  // saxes reads an entity from "&" to the next ";": the "&" of a bad one is the first after the ";" before that.
  const ampersandBefore = (end: number): number => source.indexOf('&', source.lastIndexOf(';', end - 1) + 1);

  parser.on('error', (error) => {
    const saxes = error.message.replace(/^\d+:\d+: /, '');
    let entity = /^(?:undefined entity|disallowed character in entity name|empty entity name)\.$/.test(saxes);
    let line = parser.line;
    if (entity) {
      const at = ampersandBefore(parser.position - 1);
      if (at >= 0 && at < parser.position) line = lineAt(at);
    } else if (/^(?:unclosed tag: .*|unexpected end\.)$/.test(saxes) && parser.position >= source.length) {
      const at = ampersandBefore(source.length); // an "&" that no ";" ever ends swallowed the rest of the file
      if (at >= 0) [entity, line] = [true, lineAt(at)];
    }
    const problem = new XmlError(entity ? ENTITY_RULE : plainMessage(saxes), line);
    if (entity && options.onEntityError) return options.onEntityError(problem);
    if (entity) throw problem;
    const unclosed = /^unclosed tag: /.test(saxes) ? stack.at(-1) : undefined;
    if (unclosed) throw new XmlError(`<${unclosed.name}> is never closed`, unclosed.line);
    if (saxes === 'unexpected close tag.' && lastClosed) {
      const closing = /<\/([^\s>]*)\s*>?$/.exec(source.slice(0, parser.position))?.[1] ?? '?';
      throw new XmlError(`</${closing}> closes <${lastClosed.name}> opened on line ${lastClosed.line}`, parser.line);
    }
    throw problem;
  });
  parser.on('doctype', () => void (doctypeLine ??= parser.line));
  parser.on('opentagstart', (tag) => {
    const [prefix, local] = split(tag.name);
    current = {
      name: tag.name,
      prefix,
      local,
      ns: null,
      attrs: [],
      children: [],
      content: [],
      parent: stack.at(-1) ?? null,
      text: '',
      line: lineAt(source.lastIndexOf('<', parser.position - 1)), // saxes is past the character after the name
    };
  });
  parser.on('attribute', ({ name, value }) => {
    const [prefix, local] = split(name);
    current?.attrs.push({ name, prefix, local, ns: null, value, line: parser.line });
    if (namespaces && (name === 'xmlns' || prefix === 'xmlns')) {
      declarations.push({ prefix: name === 'xmlns' ? '' : local, uri: value, line: parser.line });
    }
  });
  parser.on('opentag', (tag) => {
    const element = current!;
    current = undefined;
    element.ns = tag.uri || null;
    for (const a of element.attrs) {
      const resolved = tag.attributes[a.name];
      a.ns = typeof resolved === 'object' ? resolved.uri || null : null;
    }
    if (element.parent) {
      element.parent.children.push(element);
      element.parent.content.push(element);
    } else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => void (lastClosed = stack.pop()));
  parser.on('text', addText);
  parser.on('cdata', addText);

  parser.write(source).close();
  if (!root) throw new XmlError('no root element', 1);
  return { root, declarations, ...(doctypeLine === undefined ? {} : { doctypeLine }) };
}

/** saxes's words, made plain where a person is likely to meet them. */
function plainMessage(saxes: string): string {
  const known: [RegExp, string][] = [
    [/^text data outside of root node\.$/, 'text outside the root element'],
    [/^documents may contain only one root\.$/, 'second root element (a document has one root)'],
    [/^document must contain a root element\.$/, 'no root element'],
    [/^unmatched closing tag: (.*)\.$/, 'closing tag </$1> without an opening tag'],
    [/^unbound namespace prefix: "(.*)"\.$/, 'namespace prefix "$1" is not declared (missing xmlns:$1="...")'],
    [/^duplicate attribute: (?:\{.*\})?(.*)\.$/, 'attribute $1 appears twice'],
    [/^unquoted attribute value\.$/, 'attribute values must be in quotes'],
    [/^attribute without value\.$/, 'an attribute has no value (write name="value")'],
    [/^no whitespace between attributes\.$/, 'expected a space between attributes'],
    [/^malformed comment\.$/, 'malformed comment (a comment may not contain "--")'],
    [/^unexpected end\.$/, 'the file ends inside a tag, comment or other markup'],
  ];
  for (const [pattern, plain] of known) if (pattern.test(saxes)) return saxes.replace(pattern, plain);
  return saxes.replace(/\.$/, '');
}

/** Value of an attribute by local name and namespace (null = unprefixed). */
export function attr(el: XmlElement, local: string, ns: string | null = null): string | undefined {
  return el.attrs.find((a) => a.local === local && a.ns === ns)?.value;
}

/** Child elements with the given namespace and local name. */
export function children(el: XmlElement, ns: string | null, local: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.local === local);
}

/** Descendant elements (any depth, document order) with the given namespace and local name. */
export function descendants(el: XmlElement, ns: string | null, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.ns === ns && c.local === local) found.push(c);
      walk(c);
    }
  };
  walk(el);
  return found;
}

/** Escapes text for an XML attribute value or element content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
}
