// The minimal XML reader used for manifests (tools/xml.ts).

import { describe, expect, it } from 'vitest';
import { attr, children, descendants, escapeXml, parseXml, XML_NS, XmlError } from '../../tools/xml.ts';

const CP = 'urn:cp';
const AD = 'urn:adlcp';

describe('parseXml', () => {
  it('reads elements, attributes, text and line numbers', () => {
    const { root } = parseXml('<?xml version="1.0"?>\n<a x="1" y=\'two\'>\n  <b>hi</b>\n  <c\n  z="1"/>\n</a>\n');
    expect(root).toMatchObject({ name: 'a', line: 2, ns: null });
    expect(attr(root, 'x')).toBe('1');
    expect(attr(root, 'y')).toBe('two');
    expect(root.children.map((c) => [c.name, c.line, c.text])).toEqual([
      ['b', 3, 'hi'],
      ['c', 4, ''],
    ]);
    expect(root.children[0]!.parent).toBe(root);
  });

  it('resolves default and prefixed namespaces with scoping; unprefixed attributes have no namespace', () => {
    const { root, declarations } = parseXml(
      `<manifest xmlns="${CP}" xmlns:adlcp="${AD}" identifier="m">
         <resources><resource adlcp:scormType="sco" href="a.html"/></resources>
         <x xmlns="urn:other"><y/></x>
       </manifest>`,
    );
    expect(root.ns).toBe(CP);
    const res = descendants(root, CP, 'resource')[0]!;
    expect(attr(res, 'scormType', AD)).toBe('sco');
    expect(attr(res, 'scormType')).toBeUndefined();
    expect(attr(res, 'href')).toBe('a.html');
    expect(res.attrs.find((a) => a.local === 'scormType')).toMatchObject({
      name: 'adlcp:scormType',
      prefix: 'adlcp',
      ns: AD,
    });
    expect(descendants(root, 'urn:other', 'y')).toHaveLength(1); // inner default namespace
    expect(children(root, CP, 'x')).toHaveLength(0);
    expect(declarations).toEqual([
      { prefix: '', uri: CP, line: 1 },
      { prefix: 'adlcp', uri: AD, line: 1 },
      { prefix: '', uri: 'urn:other', line: 3 },
    ]);
  });

  it('knows the xml: prefix without a declaration', () => {
    const { root } = parseXml('<r xml:base="assets/"/>');
    expect(attr(root, 'base', XML_NS)).toBe('assets/');
  });

  it('decodes entities and character references, keeps CDATA raw, skips comments, PIs and DOCTYPE', () => {
    const { root } = parseXml(
      '<!DOCTYPE r [ <!ELEMENT r ANY> ]>\n<!-- <fake> -->\n<r t="a &amp; b &quot;c&quot;">&lt;x&gt; &#233;&#xE9; <![CDATA[<raw> & ]]><?pi x?><!-- c --></r>',
    );
    expect(attr(root, 't')).toBe('a & b "c"');
    expect(root.text).toBe('<x> éé <raw> & ');
    expect(root.line).toBe(3);
  });

  it('strips a byte order mark', () => {
    expect(parseXml('\uFEFF<r/>').root.name).toBe('r');
  });

  it.each([
    ['<a><b></a>', 1, '</a> closes <b> opened on line 1'],
    ['<a>\n<b>\n</b>', 1, '<a> is never closed'],
    ['<a>x &nbsp; y</a>', 1, 'only the entities &amp; &lt; &gt; &quot; &apos; and &#...; are allowed'],
    ['<a>fish & chips</a>', 1, 'only the entities'],
    ['<a>\n<b>fish & chips</b>\n<c x="1;2"/></a>', 2, 'only the entities'],
    ['<a>\n<b>fish &amp; chips;\n&\n</b>\n</a>', 3, 'only the entities'],
    ['<a/><b/>', 1, 'second root element'],
    ['text<a/>', 1, 'text outside the root element'],
    ['<a\n  x=1/>', 2, 'must be in quotes'],
    ['<a x="1" x="2"/>', 1, 'attribute x appears twice'],
    ['<a x="1"y="2"/>', 1, 'expected a space'],
    ['<a>\n<p:b/></a>', 2, 'prefix "p" is not declared'],
    ['<a p:x="1"/>', 1, 'prefix "p" is not declared'],
    ['<a>\n<!-- open </a>', 1, '<a> is never closed'],
    ['</a>', 1, 'without an opening tag'],
    ['<a>\n  <b>\n  </c>\n</a>', 3, '</c> closes <b> opened on line 2'],
    ['', 1, 'no root element'],
  ])('rejects %j (line %i: %s)', (xml, line, message) => {
    let error: unknown;
    try {
      parseXml(xml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlError);
    expect(error).toMatchObject({ line });
    expect((error as Error).message).toContain(message);
  });
});

describe('parseXml without namespaces (diagrams)', () => {
  it('takes prefixed names as written and keeps text and elements in order', () => {
    const { root } = parseXml('<svg><a xlink:href="#x">one <b>two</b> three</a></svg>', { namespaces: false });
    const a = root.children[0]!;
    expect(a.attrs).toMatchObject([{ name: 'xlink:href', ns: null, value: '#x', line: 1 }]);
    expect(a.content.map((c) => ('name' in c ? `<${c.name}>` : c.text))).toEqual(['one ', '<b>', ' three']);
  });

  it('reports an unknown entity through onEntityError and goes on; DOCTYPE has its line', () => {
    const lines: number[] = [];
    const doc = parseXml('<!DOCTYPE s>\n<s>\n&nbsp;x</s>', {
      namespaces: false,
      onEntityError: (e) => lines.push(e.line),
    });
    expect(lines).toEqual([3]);
    expect(doc.root.text).toBe('\n&nbsp;x');
    expect(doc.doctypeLine).toBe(1);
  });
});

describe('escapeXml', () => {
  it('escapes the characters that matter in content and double-quoted attributes', () => {
    expect(escapeXml(`Pain & "Stem" <Cells> 'x'`)).toBe(`Pain &amp; &quot;Stem&quot; &lt;Cells&gt; 'x'`);
    expect(parseXml(`<t a="${escapeXml('a&"<')}">${escapeXml('<&>')}</t>`).root).toMatchObject({
      text: '<&>',
      attrs: [{ value: 'a&"<' }],
    });
  });
});
