// A small, careful XML reader for imsmanifest.xml files: elements, attributes, text, namespaces and line
// numbers. No XML library is installed and manifests use a tiny subset of XML, so this handles exactly:
// the XML declaration and processing instructions (skipped), comments, CDATA, a DOCTYPE (skipped, entities
// in it are not expanded), the five predefined entities and character references, and namespace scoping.
// Anything malformed throws XmlError with a line number. Schema validity is xmllint's job (schema.ts).

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface XmlAttr {
  /** Qualified name as written, e.g. "adlcp:scormType". */
  name: string;
  prefix: string;
  local: string;
  /** Namespace URI; null for unprefixed attributes (they are in no namespace). */
  ns: string | null;
  value: string;
}

export interface XmlElement {
  name: string;
  prefix: string;
  local: string;
  ns: string | null;
  attrs: XmlAttr[];
  children: XmlElement[];
  parent: XmlElement | null;
  /** Direct text content (entities decoded, CDATA included), not trimmed. */
  text: string;
  line: number;
}

export interface NamespaceDeclaration {
  prefix: string; // '' for xmlns="..."
  uri: string;
  line: number;
}

export interface XmlDocument {
  root: XmlElement;
  /** Every xmlns declaration in the document, in order: used to spot namespaces of the wrong SCORM version. */
  declarations: NamespaceDeclaration[];
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[^\s/>=<"'&]+/y;
const SPACE = /\s*/y;

export function parseXml(input: string): XmlDocument {
  const src = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const lineAt = lineCounter(src);
  const fail = (message: string, offset: number): never => {
    throw new XmlError(message, lineAt(offset));
  };

  const decode = (raw: string, offset: number): string =>
    raw.replace(/&([^;&\s<]*);|&/g, (whole, ref: string | undefined) => {
      if (ref !== undefined) {
        if (ref in ENTITIES) return ENTITIES[ref]!;
        const code = /^#x[0-9a-f]+$/i.test(ref)
          ? parseInt(ref.slice(2), 16)
          : /^#\d+$/.test(ref)
            ? Number(ref.slice(1))
            : NaN;
        if (Number.isFinite(code) && code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
      }
      return fail(
        `unknown or unterminated entity "${whole.slice(0, 12)}" (XML knows only &amp; &lt; &gt; &quot; &apos;)`,
        offset,
      );
    });

  const declarations: NamespaceDeclaration[] = [];
  const scopes: Map<string, string>[] = [new Map([['xml', XML_NS]])];
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;

  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) return fail(`expected a name at "${src.slice(i, i + 10)}"`, i);
    i += m[0].length;
    return m[0];
  };
  const skipSpace = (): void => {
    SPACE.lastIndex = i;
    i += SPACE.exec(src)![0].length;
  };
  const split = (qname: string): [string, string] => {
    const colon = qname.indexOf(':');
    return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
  };

  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i) {
      const text = src.slice(i, textEnd);
      const current = stack.at(-1);
      if (current) current.text += decode(text, i);
      else if (text.trim()) fail('text outside the root element', i);
    }
    if (lt < 0) break;
    i = lt;

    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) fail('comment is never closed (missing -->)', i);
      i = end + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i);
      if (end < 0) fail('CDATA section is never closed', i);
      const current = stack.at(-1) ?? fail('CDATA outside the root element', i);
      current.text += src.slice(i + 9, end);
      i = end + 3;
    } else if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i);
      if (end < 0) fail('processing instruction is never closed (missing ?>)', i);
      i = end + 2;
    } else if (src.startsWith('<!DOCTYPE', i)) {
      // Skip, including an internal subset in [...]. Its entity definitions are not supported.
      let depth = 0;
      let k = i;
      for (; k < src.length; k++) {
        if (src[k] === '[') depth++;
        else if (src[k] === ']') depth--;
        else if (src[k] === '>' && depth === 0) break;
      }
      if (k >= src.length) fail('DOCTYPE is never closed', i);
      i = k + 1;
    } else if (src.startsWith('</', i)) {
      const start = i;
      i += 2;
      const name = readName();
      skipSpace();
      if (src[i] !== '>') fail(`expected ">" to end </${name}`, i);
      i++;
      const open = stack.pop();
      if (!open) fail(`closing tag </${name}> without an opening tag`, start);
      else if (open.name !== name) fail(`</${name}> closes <${open.name}> opened on line ${open.line}`, start);
      scopes.pop();
    } else {
      const start = i;
      i++;
      const name = readName();
      const raw: { name: string; value: string; offset: number }[] = [];
      for (;;) {
        const before = i;
        skipSpace();
        if (src.startsWith('/>', i) || src[i] === '>') break;
        if (i === before) fail(`expected a space, ">" or "/>" in <${name}>`, i);
        if (i >= src.length) fail(`<${name}> is never closed`, start);
        const attrOffset = i;
        const attrName = readName();
        skipSpace();
        if (src[i] !== '=') fail(`attribute ${attrName} of <${name}> has no value`, i);
        i++;
        skipSpace();
        const quote = src[i];
        if (quote !== '"' && quote !== "'") fail(`value of ${attrName} must be in quotes`, i);
        const end = src.indexOf(quote!, i + 1);
        if (end < 0) fail(`value of ${attrName} is never closed`, i);
        const value = src.slice(i + 1, end);
        if (value.includes('<')) fail(`"<" inside the value of ${attrName}`, i);
        if (raw.some((a) => a.name === attrName)) fail(`attribute ${attrName} appears twice in <${name}>`, i);
        raw.push({ name: attrName, value: decode(value, i), offset: attrOffset });
        i = end + 1;
      }
      const selfClosing = src[i] === '/';
      i += selfClosing ? 2 : 1;

      // Namespace declarations on this element apply to its own name and attributes.
      const scope = new Map(scopes.at(-1));
      for (const a of raw) {
        const prefix = a.name === 'xmlns' ? '' : a.name.startsWith('xmlns:') ? a.name.slice(6) : null;
        if (prefix === null) continue;
        scope.set(prefix, a.value);
        declarations.push({ prefix, uri: a.value, line: lineAt(a.offset) });
      }
      const resolve = (prefix: string, what: string): string | null => {
        if (prefix === '') return null;
        const uri = scope.get(prefix);
        if (uri === undefined)
          fail(`namespace prefix "${prefix}" of ${what} is not declared (missing xmlns:${prefix}="...")`, start);
        return uri ?? null;
      };
      const [prefix, local] = split(name);
      const element: XmlElement = {
        name,
        prefix,
        local,
        ns: prefix === '' ? scope.get('') || null : resolve(prefix, `<${name}>`),
        attrs: raw.map((a) => {
          const [p, l] = split(a.name);
          const ns = a.name === 'xmlns' || p === 'xmlns' ? XMLNS_NS : resolve(p, `attribute ${a.name}`);
          return { name: a.name, prefix: p, local: l, ns, value: a.value };
        }),
        children: [],
        parent: stack.at(-1) ?? null,
        text: '',
        line: lineAt(start),
      };
      if (element.parent) element.parent.children.push(element);
      else if (root) fail(`second root element <${name}> (a document has one root)`, start);
      else root = element;
      if (!selfClosing) {
        stack.push(element);
        scopes.push(scope);
      }
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw new XmlError(`<${unclosed.name}> is never closed`, unclosed.line);
  if (!root) throw new XmlError('no root element', 1);
  return { root, declarations };
}

/** Returns a function from offset to 1-based line number (binary search over line starts). */
export function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) starts.push(k + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
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
