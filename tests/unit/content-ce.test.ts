/**
 * The CE frame and the content rules added with it: references and citations, the citation rule for
 * statistics, dates and regulatory statements, the glossary and its markers, interactive blocks and diagrams
 * (with the SVG whitelist), objective coverage, the CE introduction, contact hours and the evaluation.
 * Each check has a failing fixture: a copy of tests/fixtures/content/valid with one thing broken.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCourse, ContentError, contentFiles } from '../../tools/content/compile.ts';
import { apportion, contactHours } from '../../tools/content/contact-hours.ts';
import { sanitizeSvg } from '../../tools/content/svg.ts';
import type { CourseModule } from '../../src/course/types.ts';

const VALID = join(import.meta.dirname, '../fixtures/content/valid');
const M1 = 'modules/01-first-steps.md';
const M2 = 'modules/02-second-look.md';
const Q1 = 'quizzes/01-first-steps.yaml';
const REFS = 'content/references.yaml';
const GLOSSARY = 'content/glossary.yaml';
const CE = 'content/ce.md';
const EVALUATION = 'content/evaluation.yaml';
const LOG = 'content/update-log.yaml';

type Edit = (text: string) => string | null;

function replace(find: string, replacement: string): Edit {
  return (text) => {
    expect(text, `fixture should contain ${JSON.stringify(find)}`).toContain(find);
    return text.replace(find, replacement);
  };
}
const append =
  (more: string): Edit =>
  (text) =>
    text + more;
const write =
  (text: string): Edit =>
  () =>
    text;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyWith(edits: Record<string, Edit>): string {
  const root = mkdtempSync(join(tmpdir(), 'content-ce-'));
  temps.push(root);
  cpSync(VALID, root, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(root, file);
    mkdirSync(dirname(path), { recursive: true });
    const result = edit(existsSync(path) ? readFileSync(path, 'utf8') : '');
    if (result === null) rmSync(path);
    else writeFileSync(path, result);
  }
  return root;
}

function problems(edits: Record<string, Edit>): string[] {
  try {
    compileCourse(copyWith(edits));
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  throw new Error('expected a ContentError');
}

/** Module 2 of the fixture ends on line 16 ("Done [R3]."); text appended to it starts on line 17. */
const addToM2 = (markdown: string) => ({ [M2]: append(`\n${markdown}\n`) });
const page = (course: ReturnType<typeof compileCourse>) => course.modules[1]!.pages[1]!.html;

const SVG_OK = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">',
  '  <title>Boxes</title>',
  '  <desc>Two boxes joined by an arrow.</desc>',
  '  <defs><marker id="tip" viewBox="0 0 10 10" refX="9" refY="5"><path d="M0 0 L10 5 L0 10 z" fill="currentColor"/></marker></defs>',
  '  <rect x="1" y="1" width="40" height="20" fill="var(--diagram-accent, currentColor)" fill-opacity="0.2" stroke="currentColor"/>',
  '  <line x1="41" y1="10" x2="60" y2="10" stroke="currentColor" marker-end="url(#tip)"/>',
  '  <text x="70" y="15" fill="currentColor">A &amp; B</text>',
  '</svg>',
  '',
].join('\n');

describe('citations', () => {
  it('render as links to the reference list inside a bracketed sup', () => {
    const html = page(compileCourse(VALID));
    expect(html).toBe(
      '<p>Done <sup class="cite">[<a class="cite-ref" href="#ref-R3" data-ref="R3" aria-label="Reference R3">R3</a>]</sup>.</p>',
    );
  });

  it('a marker that points to no reference', () => {
    expect(problems({ [M2]: replace('Done [R3].', 'Done [R3, R9].') })).toEqual([
      `${M2}:16: citation "R9" is not in the reference list (content/references.yaml)`,
    ]);
    expect(
      problems({
        [Q1]: replace('rationale: About one in five adults [R4].', 'rationale: About one in five adults [S7].'),
      }),
    ).toEqual([
      `${Q1}:33: question "m1-q3": rationale: citation "S7" is not in the reference list (content/references.yaml)`,
    ]);
  });

  it('a rationale without any citation', () => {
    expect(
      problems({ [Q1]: replace('rationale: About one in five adults [R4].', 'rationale: It is common.') }),
    ).toEqual([`${Q1}:33: question "m1-q3": rationale: cite the source that supports the answer, e.g. [R4]`]);
  });

  it('a reference that nothing cites, and reference entries that are malformed', () => {
    const unused = problems({
      [REFS]: append(
        '  - id: S9\n    title: Never cited\n    source: Nowhere\n    year: 2020\n    url: https://example.org/s9\n',
      ),
    });
    expect(unused).toEqual([`${REFS}:33: reference "S9" is not cited anywhere: cite it as [S9] or remove it`]);
    const broken = problems({
      [REFS]: append(
        [
          '  - id: S4',
          '    title: No address',
          '    source: Nowhere',
          '    year: 2020',
          '  - id: S4x',
          '    title: Bad id',
          '    source: Nowhere',
          '    year: 2020',
          '    url: https://example.org',
          '  - id: R3',
          '    title: Twice',
          '    source: Nowhere',
          '    year: 2020',
          '    doi: doi:10.1/x',
          '',
        ].join('\n'),
      ),
    });
    expect(broken).toEqual([
      `${REFS}:33: reference "S4": give a doi or a url, so that readers can find the source`,
      `${REFS}:33: reference "S4" is not cited anywhere: cite it as [S4] or remove it`,
      `${REFS}:37: reference "S4x": field "id" must be a capital letter and a number, e.g. R4 or S3 (the marker used in the text)`,
      `${REFS}:46: reference "R3": field "doi" must be a DOI such as 10.1097/j.pain.0000000000001384 (without https://doi.org/)`,
    ]);
    expect(problems({ [REFS]: replace('  - id: R1', '  - id: R5') })).toEqual([
      `${GLOSSARY}:3: term "Chronic pain": definition: citation "R1" is not in the reference list (content/references.yaml)`,
      `${REFS}:2: reference "R5" is out of order: list R1, R2, ... then S1, S2, ...`,
      `${REFS}:2: reference "R5" is not cited anywhere: cite it as [R5] or remove it`,
      `${M1}:14: citation "R1" is not in the reference list (content/references.yaml)`,
      `${M1}:25: citation "R1" is not in the reference list (content/references.yaml)`,
      `${M1}:26: citation "R1" is not in the reference list (content/references.yaml)`,
      `${Q1}:13: question "m1-q1": rationale: citation "R1" is not in the reference list (content/references.yaml)`,
    ]);
  });

  it('compiles the reference list as AMA-style inline HTML with the DOI or URL as text', () => {
    const refs = compileCourse(VALID).references!;
    expect(refs.map((r) => r.id)).toEqual(['R1', 'R2', 'R3', 'R4', 'S3']);
    expect(refs[0]!.html).toBe(
      'Treede R-D, Rief W, Barke A, et al. Chronic pain as a symptom or a disease. <cite>Pain</cite>. 2019;160(1). ' +
        '<span class="ref-doi">doi:10.1097/j.pain.0000000000001384</span>',
    );
    expect(refs[4]!.html).toBe(
      'A court opinion. <cite>US Court of Appeals for the Ninth Circuit</cite>. Filed 27 September 2024. <span class="ref-url">https://example.org/opinion.pdf</span>',
    );
  });
});

describe('the citation rule: statistics, dates and regulatory statements need a citation', () => {
  it('reports each uncited sentence with its line and what triggered the rule', () => {
    const text = [
      'About 20.9% of adults had chronic pain.',
      '',
      'The guideline was published in 2019. It recommends exercise [R2].',
      '',
      '- The FDA has approved one product',
      '- roughly one in five people',
      '',
      '| Group | Share |',
      '| --- | --- |',
      '| Adults | 7 in 100 |',
      '| Cited | 7 in 100 [R4] |',
    ].join('\n');
    expect(problems(addToM2(text))).toEqual([
      `${M2}:18: percentage "20.9%" in a sentence without a citation: "About 20.9% of adults had chronic pain."; add a marker such as [R4] before its full stop`,
      `${M2}:20: year "2019" in a sentence without a citation: "The guideline was published in 2019."; add a marker such as [R4] before its full stop`,
      `${M2}:22: regulatory statement "FDA" in a sentence without a citation: "The FDA has approved one product"; add a marker such as [R4] before its full stop`,
      `${M2}:23: number "one in five" in a sentence without a citation: "roughly one in five people"; add a marker such as [R4] before its full stop`,
      `${M2}:27: number "7" in a sentence without a citation: "| Adults | 7 in 100 |"; add a marker such as [R4] before its full stop`,
    ]);
  });

  it('a year alone, and a citation after the full stop, do not count', () => {
    expect(problems(addToM2('In 2024 a court ruled. [S3]'))).toEqual([
      `${M2}:18: year "2024" in a sentence without a citation: "In 2024 a court ruled."; add a marker such as [R4] before its full stop`,
    ]);
  });

  it('exempts headings, names and codes, course parts, code, links and quiz prompts and options', () => {
    const text = [
      '### Results from 2023 and the FDA',
      '',
      'Module 2 and Modules 3 and 4 explain ICD-11, CD105 and MG30.0 in plain words.',
      '',
      'See `42` and [the page](https://example.org/2021) for more, e.g. this one.',
    ].join('\n');
    expect(() => compileCourse(copyWith(addToM2(text)))).not.toThrow();
    // Prompts and options carry no citation by convention; the rationale does.
    expect(() =>
      compileCourse(
        copyWith({
          [Q1]: replace(
            'prompt: Chronic pain is common.',
            'prompt: In 2021, 20.9% of US adults had chronic pain (FDA approved).',
          ),
        }),
      ),
    ).not.toThrow();
  });

  it('checks every sentence of a rationale on its own', () => {
    expect(
      problems({
        [Q1]: replace(
          'rationale: About one in five adults [R4].',
          'rationale: About one in five adults [R4]. It rose by 3% in 2021.',
        ),
      }),
    ).toEqual([
      `${Q1}:33: question "m1-q3": rationale: percentage "3%" in a sentence without a citation: "It rose by 3% in 2021."; add a marker such as [R4] before its full stop`,
    ]);
  });

  it('checks glossary definitions, CE text and the bodies and items of interactive blocks', () => {
    expect(
      problems({
        [GLOSSARY]: replace('Pain that lasts longer than 3 months [R1].', 'Pain that lasts longer than 3 months.'),
        [CE]: replace('This course is education, not medical advice.', 'No product is FDA-approved for pain.'),
        ...addToM2(
          '```reveal\n### In 2020?\nIt rose by 5%.\n```\n\n```sort prompt="Sort them"\n### A\n- rose 4%\n- fell\n### B\n- held\n```',
        ),
      }),
    ).toEqual([
      `${CE}:13: regulatory statement "FDA" in a sentence without a citation: "No product is FDA-approved for pain."; add a marker such as [R4] before its full stop`,
      `${GLOSSARY}:3: term "Chronic pain": definition: number "3" in a sentence without a citation: "Pain that lasts longer than 3 months."; add a marker such as [R4] before its full stop`,
      `${M2}:20: percentage "5%" in a sentence without a citation: "It rose by 5%."; add a marker such as [R4] before its full stop`,
      `${M2}:25: percentage "4%" in a sentence without a citation: "rose 4%"; add a marker such as [R4] before its full stop`,
    ]);
  });
});

describe('glossary terms', () => {
  it('compile to buttons with the term id, by name, alias or explicit id', () => {
    const course = compileCourse(
      copyWith(addToM2('It is [[chronic pain]], [[Nociplastic]] or [[this one|nociplastic-pain]].')),
    );
    expect(page(course)).toContain(
      '<p>It is <button type="button" class="term" data-term="chronic-pain">chronic pain</button>, ' +
        '<button type="button" class="term" data-term="nociplastic-pain">Nociplastic</button> or ' +
        '<button type="button" class="term" data-term="nociplastic-pain">this one</button>.</p>',
    );
    expect(course.glossary).toEqual([
      {
        id: 'chronic-pain',
        term: 'Chronic pain',
        html: 'Pain that lasts longer than 3 months <sup class="cite">[<a class="cite-ref" href="#ref-R1" data-ref="R1" aria-label="Reference R1">R1</a>]</sup>.',
      },
      expect.objectContaining({ id: 'nociplastic-pain', term: 'Nociplastic pain' }),
    ]);
  });

  it('an unknown term, a term in a quiz prompt, duplicates, and an unattributed quotation', () => {
    expect(
      problems({
        ...addToM2('It is [[neuropathic pain]].'),
        [Q1]: replace('prompt: Chronic pain is common.', 'prompt: "[[Chronic pain]] is common."'),
      }),
    ).toEqual([
      `${M2}:18: glossary term "neuropathic pain" is not in the glossary (content/glossary.yaml): add it there or write [[shown text|term-id]]`,
      `${Q1}:31: question "m1-q3": prompt: glossary marker "[[Chronic pain]]" is not allowed here: use plain text`,
    ]);
    expect(
      problems({
        [GLOSSARY]: append(
          [
            '  - term: Chronic Pain',
            '    definition: Again [R1].',
            '  - term: Pain',
            '    aliases: [nociplastic]',
            '    definition: The IASP calls it "an unpleasant sensory and emotional experience".',
            '',
          ].join('\n'),
        ),
      }),
    ).toEqual([
      `${GLOSSARY}:7: term "Chronic Pain": id "chronic-pain" is already used at ${GLOSSARY}:2`,
      `${GLOSSARY}:10: term "Pain": "nociplastic" already names the term "nociplastic-pain"`,
      `${GLOSSARY}:11: term "Pain": definition: a quotation needs its source: add a citation such as [R3]`,
    ]);
  });
});

describe('interactive blocks', () => {
  it('reveal and accordion compile to details with data-interactive', () => {
    const html = page(
      compileCourse(
        copyWith(addToM2('```reveal\n### Is it chronic?\nYes, see [[chronic pain]].\n\n### Why?\nIt lasts.\n```')),
      ),
    );
    expect(html).toContain(
      '<div class="reveal" data-interactive="reveal">\n' +
        '<details class="reveal-item"><summary>Is it chronic?</summary><div class="reveal-body"><p>Yes, see <button type="button" class="term" data-term="chronic-pain">chronic pain</button>.</p></div></details>\n' +
        '<details class="reveal-item"><summary>Why?</summary><div class="reveal-body"><p>It lasts.</p></div></details>\n' +
        '</div>',
    );
    expect(page(compileCourse(copyWith(addToM2('```accordion\n### Step\nDo it.\n```'))))).toContain(
      '<div class="accordion" data-interactive="accordion">\n<details class="accordion-item"><summary>Step</summary><div class="accordion-body"><p>Do it.</p></div></details>\n</div>',
    );
  });

  it('tabs compile to sections with headings one level below the last sub-heading', () => {
    const html = page(
      compileCourse(
        copyWith(
          addToM2(
            '### Sources\n\n```tabs label="Sources"\n### Bone marrow\nDrawn from the pelvis.\n### Fat\nFrom liposuction.\n```',
          ),
        ),
      ),
    );
    expect(html).toContain(
      '<div class="tabs" data-interactive="tabs" data-label="Sources">\n' +
        '<section class="tab-panel" data-tab="bone-marrow"><h4 class="tab-title">Bone marrow</h4>\n<p>Drawn from the pelvis.</p>\n</section>\n' +
        '<section class="tab-panel" data-tab="fat"><h4 class="tab-title">Fat</h4>\n<p>From liposuction.</p>\n</section>\n' +
        '</div>',
    );
  });

  it('flip cards compile to details with a front and a back', () => {
    expect(
      page(
        compileCourse(
          copyWith(addToM2('```flipcards\n### Claim one\nCorrection one.\n### Claim two\nCorrection two.\n```')),
        ),
      ),
    ).toContain(
      '<div class="flipcards" data-interactive="flipcards">\n' +
        '<details class="flipcard"><summary class="flipcard-front">Claim one</summary><div class="flipcard-back"><p>Correction one.</p></div></details>\n' +
        '<details class="flipcard"><summary class="flipcard-front">Claim two</summary><div class="flipcard-back"><p>Correction two.</p></div></details>\n' +
        '</div>',
    );
  });

  it('sort compiles to items with their answer, targets and an answer key, in a stable shuffled order', () => {
    const block =
      '```sort prompt="Sort by *mechanism*."\n### Nociceptive\n- Knee OA\n- After surgery\n### Neuropathic\n- Diabetic feet\n```';
    const html = page(compileCourse(copyWith(addToM2(block))));
    expect(html).toContain(
      '<div class="activity" data-interactive="sort">\n<p class="activity-prompt">Sort by <em>mechanism</em>.</p>\n<p class="activity-label">Items</p>',
    );
    const items = [...html.matchAll(/<li data-item="(i\d)" data-answer="([a-z-]+)">([^<]*)<\/li>/g)].map((m) =>
      m.slice(1),
    );
    expect(items.sort()).toEqual([
      ['i1', 'nociceptive', 'Knee OA'],
      ['i2', 'nociceptive', 'After surgery'],
      ['i3', 'neuropathic', 'Diabetic feet'],
    ]);
    expect(html.match(/data-item="i\d" data-answer/g)).not.toEqual([
      'data-item="i1" data-answer',
      'data-item="i2" data-answer',
      'data-item="i3" data-answer',
    ]);
    expect(html).toContain(
      '<ul class="activity-targets">\n<li data-target="nociceptive">Nociceptive</li>\n<li data-target="neuropathic">Neuropathic</li>\n</ul>',
    );
    expect(html).toContain(
      '<details class="activity-answers"><summary>Show answers</summary><dl>\n' +
        '<dt data-target="nociceptive">Nociceptive</dt><dd data-item="i1">Knee OA</dd><dd data-item="i2">After surgery</dd>\n' +
        '<dt data-target="neuropathic">Neuropathic</dt><dd data-item="i3">Diabetic feet</dd>\n</dl></details>',
    );
    expect(page(compileCourse(copyWith(addToM2(block))))).toBe(html);
  });

  it('match compiles pairs, with the matches shuffled', () => {
    const html = page(
      compileCourse(
        copyWith(
          addToM2(
            '```match prompt="Match them"\n- Autologous => own cells\n- Allogeneic => donor cells\n- Paracrine => nearby cells\n```',
          ),
        ),
      ),
    );
    expect(html).toContain(
      '<li data-item="i1" data-answer="t1">Autologous</li>\n<li data-item="i2" data-answer="t2">Allogeneic</li>',
    );
    expect(html).toContain('<dt data-item="i1">Autologous</dt><dd data-target="t1">own cells</dd>');
    expect(html).toMatch(/<ul class="activity-targets">\n<li data-target="t\d">/);
  });

  it('reports malformed blocks with their lines', () => {
    expect(
      problems(
        addToM2(
          [
            '```reveal colour=red',
            'Loose text.',
            '### Empty',
            '```',
            '',
            '```tabs',
            '### Only one',
            'Text.',
            '```',
            '',
            '```sort',
            '### A',
            '- one',
            'not an item',
            '```',
            '',
            '```match prompt="M"',
            '- left only',
            '```',
          ].join('\n'),
        ),
      ),
    ).toEqual([
      `${M2}:18: reveal block: unknown attribute "colour" (it takes none)`,
      `${M2}:19: reveal block: text before the first "### " title: each item starts with a "### " line`,
      `${M2}:20: reveal block: item "Empty" has no content`,
      `${M2}:23: tabs block: needs at least 2 tabs, each starting with a "### " line`,
      `${M2}:28: sort block: missing attribute prompt="..."`,
      `${M2}:28: sort block: needs at least 2 categories, each starting with a "### " line`,
      `${M2}:28: sort block: needs at least 3 items in all`,
      `${M2}:31: sort block: expected an item line starting with "- "`,
      `${M2}:34: match block: needs at least 3 pairs ("- item => its match")`,
      `${M2}:35: match block: write each pair as "- item => its match"`,
    ]);
  });
});

describe('diagrams', () => {
  const svgFile = 'content/diagrams/boxes.svg';
  const diagram =
    '```diagram name=boxes caption="Two boxes [R3]."\nA box on the left joined by an arrow to text on the right.\n```';

  it('inline the checked SVG with prefixed ids, a text description and a caption', () => {
    const html = page(compileCourse(copyWith({ [svgFile]: write(SVG_OK), ...addToM2(diagram) })));
    expect(html).toContain(
      '<figure class="diagram" data-diagram="boxes">\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" class="diagram-svg" role="img" focusable="false" aria-labelledby="dg-boxes-title" aria-describedby="dg-boxes-desc">',
    );
    expect(html).toContain('<title id="dg-boxes-title">Boxes</title>');
    expect(html).toContain('<marker id="dg-boxes-tip"');
    expect(html).toContain('marker-end="url(#dg-boxes-tip)"');
    expect(html).toContain('>A &amp; B</text>');
    expect(html).toContain(
      '<details class="diagram-text"><summary>Text description</summary>\n<p>A box on the left joined by an arrow to text on the right.</p>\n</details>\n' +
        '<figcaption>Two boxes <sup class="cite">',
    );
  });

  it('a missing file, a bad name, and a block without a text description', () => {
    expect(problems(addToM2('```diagram name=nowhere\nText.\n```\n\n```diagram name=Bad_Name\nText.\n```'))).toEqual([
      `${M2}:18: diagram block: content/diagrams/nowhere.svg not found`,
      `${M2}:22: diagram block: name "Bad_Name" must be lowercase letters, digits and "-" (the file content/diagrams/<name>.svg)`,
    ]);
    expect(problems({ [svgFile]: write(SVG_OK), ...addToM2('```diagram name=boxes\n```') })).toEqual([
      `${M2}:18: diagram block: write a text description of the diagram inside the block (for screen readers, print and text-only reading)`,
    ]);
  });

  it('reports unsafe or inaccessible SVG against the svg file', () => {
    const bad = [
      '<svg xmlns="http://www.w3.org/2000/svg" width="100">',
      '  <script>alert(1)</script>',
      '  <rect onclick="alert(1)" fill="#ff0000"/>',
      '  <foreignObject><p>html</p></foreignObject>',
      '  <use href="https://evil.example/x.svg#a"/>',
      '  <path style="fill: url(https://evil.example/p)"/>',
      '  <image href="x.png"/>',
      '</svg>',
    ].join('\n');
    expect(problems({ [svgFile]: write(bad), ...addToM2(diagram) })).toEqual([
      `${svgFile}:1: <svg> needs a viewBox so that it scales to the screen`,
      `${svgFile}:1: the diagram needs an accessible name: <title> and <desc> as children of <svg>, or role="img" with aria-label`,
      `${svgFile}:2: <script>: scripts are not allowed in diagrams`,
      `${svgFile}:3: event-handler attribute onclick on <rect> is not allowed`,
      `${svgFile}:3: colour fill="#ff0000" on <rect> is fixed: use currentColor, none, or a CSS variable such as var(--diagram-accent) so the diagram reads in dark mode`,
      `${svgFile}:4: <foreignObject>: <foreignObject> is not allowed: it embeds HTML`,
      `${svgFile}:5: attribute href of <use>: "https://evil.example/x.svg#a" points outside the file: only "#id" is allowed`,
      `${svgFile}:6: attribute fill of <path>: "url(https://evil.example/p)" points outside the file: only url(#id) is allowed`,
      `${svgFile}:7: <image>: images are not allowed: draw with SVG shapes`,
      `${M2}:18: diagram block: content/diagrams/boxes.svg has problems (listed under its name)`,
    ]);
  });

  it('the sanitiser refuses DOCTYPE, entities, xlink to other files and unknown elements', () => {
    expect(sanitizeSvg('<!DOCTYPE svg [<!ENTITY x "y">]><svg viewBox="0 0 1 1"/>', 'x').problems).toEqual([
      { line: 1, message: '<!DOCTYPE> is not allowed (no DOCTYPE or entity declarations)' },
    ]);
    const result = sanitizeSvg(
      '<svg viewBox="0 0 1 1" role="img" aria-label="A">\n<a xlink:href="javascript:alert(1)"><text>&nbsp;x</text></a>\n<video/>\n</svg>',
      'x',
    );
    expect(result.svg).toBeUndefined();
    expect(result.problems).toEqual([
      { line: 2, message: 'only the entities &amp; &lt; &gt; &quot; &apos; and &#...; are allowed' },
      { line: 2, message: '<a>: links are not allowed in diagrams' },
      {
        line: 3,
        message:
          '<video> is not an allowed SVG element (allowed: svg, g, defs, title, desc, path, rect, circle, ellipse, line, polyline, polygon, text, tspan, marker, use, symbol, clipPath, linearGradient, radialGradient, stop)',
      },
    ]);
    expect(
      sanitizeSvg('<svg viewBox="0 0 1 1" role="img" aria-label="A"><g style="stroke: var(--x)"/></svg>', 'x').svg,
    ).toBe(
      '<svg viewBox="0 0 1 1" aria-label="A" class="diagram-svg" role="img" focusable="false"><g style="stroke: var(--x)"/></svg>',
    );
  });

  it('the sanitiser names the line of a file it cannot read, and markup in CDATA stays text', () => {
    const head = '<svg viewBox="0 0 1 1" role="img" aria-label="A">\n';
    expect(
      sanitizeSvg(`${head}<text>A & B</text>\n<g style="fill: none; stroke: none"/>\n</svg>`, 'x').problems,
    ).toEqual([{ line: 2, message: 'only the entities &amp; &lt; &gt; &quot; &apos; and &#...; are allowed' }]);
    expect(sanitizeSvg(`${head}<g>\n<text>x</g>\n</svg>`, 'x').problems).toEqual([
      { line: 3, message: '</g> closes <text> opened on line 3' },
    ]);
    expect(sanitizeSvg(`${head}<g>\n</svg>`, 'x').problems).toEqual([
      { line: 3, message: '</svg> closes <g> opened on line 2' },
    ]);
    expect(sanitizeSvg(`${head}<rect\n  x="1"\n  onload="alert(1)"/>\n<SCRIPT/>\n</svg>`, 'x').problems).toEqual([
      { line: 2, message: 'event-handler attribute onload on <rect> is not allowed' },
      { line: 5, message: '<SCRIPT>: scripts are not allowed in diagrams' },
    ]);
    const cdata = sanitizeSvg(`${head}<text><![CDATA[<script>alert(1)</script>]]></text></svg>`, 'x');
    expect(cdata.problems).toEqual([]);
    expect(cdata.svg).toContain('<text>&lt;script&gt;alert(1)&lt;/script&gt;</text>');
  });
});

describe('objective coverage', () => {
  it('fails when an objective is measured by fewer than two questions, on the objective line', () => {
    expect(
      problems({
        [Q1]: replace('    objective: m1-o2\n    prompt: Nociplastic', '    objective: m1-o1\n    prompt: Nociplastic'),
      }),
    ).toEqual([
      `${M1}:8: front matter: objective "m1-o2": is measured by 1 question in ${Q1}: each objective needs at least 2`,
    ]);
    expect(
      problems({
        [M1]: replace(
          '    text: Name the second thing.\n',
          '    text: Name the second thing.\n  - id: m1-o3\n    text: Name a third thing.\n',
        ),
      }),
    ).toEqual([
      `${M1}:10: front matter: objective "m1-o3": is measured by 0 questions in ${Q1}: each objective needs at least 2`,
    ]);
  });
});

describe('the CE frame', () => {
  const course = compileCourse(VALID);

  it('compiles the introduction sections with placeholders filled from course.yaml and the content', () => {
    const ce = course.ce!;
    expect(ce.intro.map((s) => s.id)).toEqual([
      'safety',
      'about',
      'outcomes',
      'time',
      'completion',
      'disclosures',
      'review',
    ]);
    expect(ce.intro[1]!.html).toBe(
      '<p><strong><span class="ce-value" data-ce="courseTitle">Fixture Course</span></strong> is for nurses.</p>',
    );
    expect(ce.intro[2]!.html).toBe(
      '<div class="outcomes" data-outcomes="">\n<h3>Module 1: First steps</h3>\n<ul>\n<li data-objective="m1-o1">Name the first thing.</li>\n' +
        '<li data-objective="m1-o2">Name the second thing.</li>\n</ul>\n<h3>Module 2: A second look</h3>\n<ul>\n' +
        '<li data-objective="m2-o1">Explain the second look.</li>\n</ul>\n</div>',
    );
    expect(ce.intro[4]!.html).toBe(
      '<p>Pass each quiz at <span class="ce-value" data-ce="passMark">80</span>% and complete the evaluation.</p>',
    );
    expect(ce.intro[5]!.html).toContain(
      '<span class="ce-value" data-ce="providerName">[Provider name — set in course.yaml]</span>',
    );
    expect(ce.intro[6]!.html).toBe(
      '<p>Reviewed <span class="ce-value" data-ce="reviewed">January 15, 2026</span>; valid until <span class="ce-value" data-ce="expires">January 15, 2028</span>.</p>',
    );
    expect(ce).toMatchObject({
      closing: '<p>Education, not medical advice.</p>',
      providerName: '[Provider name — set in course.yaml]',
      accreditationStatement: '[Accreditation statement — set in course.yaml]',
      reviewed: '2026-01-15',
      expires: '2028-01-15',
    });
  });

  it('computes contact hours from words, activities, one quiz attempt and the evaluation, rounded down to 0.25 h', () => {
    const ce = course.ce!;
    // 78 words at 100 wpm (0.78) + 0 activities + 5 drawn questions + 5 evaluation minutes = 10.78 min = 0.18 h.
    expect(ce.contactHours).toBe(0);
    expect(ce.contactHoursBasis).toBe(
      'Computed from the content: 78 words of course text read at 100 words per minute (0.8 min), 0 interactive elements and diagrams at 1 min each (0 min), ' +
        'one attempt at each module quiz, 5 questions at 1 min each (5 min), and the evaluation (5 min): 10.8 minutes, or 0.18 hours at 60 minutes per contact hour, ' +
        'rounded down to the nearest quarter hour: 0 contact hours.',
    );
    expect(ce.intro[3]!.html).toContain('<span class="ce-value" data-ce="estimatedMinutes">15</span>');
  });

  it("one duration: the modules' minutes and the rest add up to the estimate the CE text and the evaluation state", () => {
    const ce = course.ce!;
    const modules = course.modules.map((m) => m.minutes);
    // 10.8 minutes in all, shown as 15: each module its share of the content (the front matter's 10 and 5 are not used).
    expect(modules).toEqual([3, 4]);
    expect(ce.otherMinutes).toBe(8);
    expect(modules.reduce((a, b) => a + b, 0) + ce.otherMinutes).toBe(ce.estimatedMinutes);
    expect(course.evaluation!.find((i) => i.id === 'eval-time')!.prompt).toContain(
      `about ${ce.estimatedMinutes} minutes`,
    );
    // The same holds for the real course.
    const real = compileCourse(process.cwd());
    const sum = real.modules.reduce((a, m) => a + m.minutes, 0) + real.ce!.otherMinutes;
    expect(sum).toBe(real.ce!.estimatedMinutes);
    expect(real.modules.every((m) => m.minutes >= 1)).toBe(true);
  });

  it('apportions whole minutes by the largest remainders, always adding up to the total', () => {
    expect(apportion(120, [22.4, 25.6, 29.5, 28.4, 11.9])).toEqual([23, 26, 30, 29, 12]);
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    for (const total of [0, 1, 7, 95, 120]) {
      expect(apportion(total, [3.3, 0.1, 7.77, 2]).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it('rounds down, never up, and takes the course.yaml override', () => {
    const pages = (words: number) => [{ id: 'p', title: 'P', html: '', words }];
    const module = (words: number, draw: number) =>
      ({ pages: pages(words), quiz: { draw, questions: [] } }) as unknown as CourseModule;
    const timing = { wordsPerMinute: 200, minutesPerQuestion: 1, minutesPerActivity: 1, evaluationMinutes: 5 };
    // 200 words (1 min) + 8 questions + 5 = 14 min = 0.2333 h → 0; 3000 words (15) + 25 + 5 = 45 min = 0.75 h.
    expect(contactHours([module(200, 8)], 0, timing, null).awarded).toBe(0);
    expect(contactHours([module(3000, 25)], 0, timing, null).awarded).toBe(0.75);
    // 59 minutes is 0.983 h: still 0.75, not 1.
    expect(contactHours([module(2000, 44)], 0, timing, null).awarded).toBe(0.75);
    const override = contactHours([module(3000, 25)], 0, timing, 1.5);
    expect(override.awarded).toBe(1.5);
    expect(override.basis).toMatch(
      /^Awarded by the provider \(course settings\): 1\.5 contact hours\. The content-based estimate is .* which rounds down to 0\.75 contact hours\.$/,
    );
    const fromSettings = compileCourse(copyWith({ 'course.yaml': append('contactHours: 1.25\n') }));
    expect(fromSettings.ce!.contactHours).toBe(1.25);
    expect(fromSettings.ce!.intro[3]!.html).toContain('<span class="ce-value" data-ce="contactHours">1.25</span>');
  });

  it('a missing section, bad dates, unknown placeholders and placeholders outside the CE files', () => {
    expect(
      problems({
        [CE]: (t) =>
          t
            .replace('# expiry: course.yaml expiryDate', 'expires: 2025-02-30')
            .replace('{{providerName}}', '{{provider}}'),
        ...addToM2('Course: {{courseTitle}}.\n\n```outcomes\n```'),
      }),
    ).toEqual([
      `${CE}:3: front matter: field "expires" is not a real date`,
      `${CE}:34: unknown placeholder "{{provider}}": use one of {{courseTitle}}, {{providerName}}, {{accreditationStatement}}, {{contactHours}}, {{contactHoursBasis}}, {{estimatedMinutes}}, {{passMark}}, {{moduleCount}}, {{reviewed}}, {{released}}, {{expires}}, {{lastRegulatoryCheck}}, {{quizFeedback}}, {{baselineCheck}}`,
      `${M2}:18: placeholder "{{courseTitle}}" is only allowed in content/ce.md and content/closing.md`,
      `${M2}:20: outcomes block: only allowed in content/ce.md`,
    ]);
    expect(problems({ [CE]: replace('## Disclosures {#disclosures}', '## Money {#money}') })).toEqual([
      `${CE}:10: missing the section {#disclosures} (disclosures and accreditation): CE providers require it`,
    ]);
    expect(problems({ 'course.yaml': replace('expiryDate: 2028-01-15', 'expiryDate: 2025-01-15') })).toEqual([
      'course.yaml:1: releaseDate 2026-01-15 is after expiryDate 2025-01-15: the activity could never award contact hours',
      'course.yaml:1: expiryDate 2025-01-15 is before the last content review 2026-01-15',
    ]);
    expect(problems({ [CE]: replace('# expiry: course.yaml expiryDate', 'expires: 2028-01-15') })).toEqual([
      `${CE}:3: front matter: expires has moved to course.yaml (expiryDate): remove it here`,
    ]);
    expect(problems({ [CE]: () => null, 'content/closing.md': () => null })).toEqual([
      `${CE}:1: file not found`,
      'content/closing.md:1: file not found',
    ]);
  });

  it('warns, without failing, about bracketed CE placeholders, module minutes far from the estimate, and modules without activities', () => {
    const warnings: string[] = [];
    compileCourse(
      copyWith({
        [CE]: replace('Commercial support: none.', 'Commercial support: none. [Planner names to be completed]'),
      }),
      {
        warn: (m) => warnings.push(m),
        today: '2026-06-01',
      },
    );
    expect(warnings).toEqual([
      `${CE}:34: WARNING: placeholder "[Planner names to be completed]" must be replaced before the course is released`,
      // 38 words at 100 wpm + 2 drawn questions: about 2 minutes, not 10. Module 2 (5 minutes, estimate 3) is within 2.
      `${M1}:4: WARNING: minutes 10 differs from the content's estimate of 2 (reading, activities and one quiz attempt), which the course shows: remove the field`,
      `${M1}:1: WARNING: 0 interactive elements and 0 diagrams: each module should have at least 2 and 1`,
      `${M2}:1: WARNING: 0 interactive elements and 0 diagrams: each module should have at least 2 and 1`,
    ]);
  });

  it('lists the content files for watching', () => {
    const files = contentFiles(VALID).map((f) => f.slice(VALID.length + 1));
    expect(files).toEqual(
      expect.arrayContaining(['course.yaml', M1, Q1, REFS, GLOSSARY, EVALUATION, CE, 'content/closing.md', LOG]),
    );
  });
});

describe('the evaluation', () => {
  it('compiles items with placeholders filled', () => {
    expect(compileCourse(VALID).evaluation).toEqual([
      { id: 'eval-objectives', type: 'likert', prompt: 'The course met its outcomes.' },
      { id: 'eval-time', type: 'likert', prompt: 'The estimate of about 15 minutes was right.' },
      { id: 'eval-comment', type: 'comment', prompt: 'Any comments?' },
    ]);
  });

  it("compiles outcomes (from the modules' objectives), choices and yes/no items", () => {
    const course = compileCourse(
      copyWith({
        [EVALUATION]: append(
          [
            '  - id: eval-outcome',
            '    type: outcomes',
            '    prompt: How well was each outcome met?',
            '  - id: eval-commit',
            '    type: choices',
            '    prompt: What will you change?',
            '    choices:',
            '      - { id: a, text: Ask patients. }',
            '      - { id: b, text: "Document it, then report." }',
            '    other: Other change',
            '  - id: eval-bias',
            '    type: yesno',
            '    prompt: Free of commercial bias?',
            '    comment: Describe any bias',
            '',
          ].join('\n'),
        ),
      }),
    );
    expect(course.evaluation!.slice(3)).toEqual([
      {
        id: 'eval-outcome',
        type: 'outcomes',
        prompt: 'How well was each outcome met?',
        outcomes: course.modules.flatMap((m) => m.objectives.map((o) => ({ id: o.id, text: o.text }))),
      },
      {
        id: 'eval-commit',
        type: 'choices',
        prompt: 'What will you change?',
        choices: [
          { id: 'a', text: 'Ask patients.' },
          { id: 'b', text: 'Document it, then report.' },
        ],
        other: 'Other change',
      },
      { id: 'eval-bias', type: 'yesno', prompt: 'Free of commercial bias?', comment: 'Describe any bias' },
    ]);
    expect(course.evaluation![3]!.type === 'outcomes' && course.evaluation![3]!.outcomes).toHaveLength(3);
  });

  it('choices need single-letter ids, distinct, and an "other" label; yes/no a comment label; fields stay with their type', () => {
    expect(
      problems({
        [EVALUATION]: append(
          [
            '  - id: eval-commit',
            '    type: choices',
            '    prompt: What will you change?',
            '    choices:',
            '      - { id: a, text: One }',
            '      - { id: a, text: Two }',
            '  - id: eval-more',
            '    type: choices',
            '    prompt: More?',
            '    other: Other',
            '    choices:',
            '      - { id: a, text: One }',
            '      - { id: cc, text: Three }',
            '  - id: eval-bias',
            '    type: yesno',
            '    prompt: Biased?',
            '    other: Nope',
            '  - id: eval-o1',
            '    type: outcomes',
            '    prompt: One',
            '  - id: eval-o2',
            '    type: outcomes',
            '    prompt: Two',
            '',
          ].join('\n'),
        ),
      }),
    ).toEqual([
      `${EVALUATION}:12: item "eval-commit": a choices item needs "other": the label of its free-text answer`,
      `${EVALUATION}:14: item "eval-commit": choice id "a" is used twice`,
      `${EVALUATION}:23: item "eval-more": field "choices.1.id" must be one lowercase letter, e.g. a`,
      `${EVALUATION}:25: item "eval-bias": a yesno item needs "comment": the label of its optional comment`,
      `${EVALUATION}:27: item "eval-bias": field "other" belongs to choices items only`,
      `${EVALUATION}:32: item "eval-o2": only one outcomes item is allowed (it rates every learning outcome)`,
    ]);
  });

  it('duplicate ids, a second comment, Markdown in a prompt, unknown placeholders and bad fields', () => {
    expect(
      problems({
        [EVALUATION]: append(
          [
            '  - id: eval-objectives',
            '    type: likert',
            '    prompt: Again.',
            '  - id: eval-more',
            '    type: comment',
            '    prompt: More **comments** {{passMark}}?',
            '  - id: Eval_Bad',
            '    type: scale',
            '    prompt: Bad.',
            '',
          ].join('\n'),
        ),
      }),
    ).toEqual([
      `${EVALUATION}:11: item "eval-objectives": id is already used at ${EVALUATION}:2`,
      `${EVALUATION}:15: item "eval-more": only one comment item is allowed (the course records one comment)`,
      `${EVALUATION}:16: item "eval-more": prompt is plain text: no Markdown, HTML, citations or glossary markers`,
      `${EVALUATION}:16: item "eval-more": unknown placeholder "{{passMark}}": use {{contactHours}} or {{estimatedMinutes}}`,
      `${EVALUATION}:17: item "Eval_Bad": field "id" must be lowercase letters, digits and "-", e.g. eval-objectives`,
      `${EVALUATION}:18: item "Eval_Bad": field "type" must be likert, comment, outcomes, choices or yesno`,
    ]);
    expect(
      problems({
        [EVALUATION]: write(
          'items:\n  - id: a\n    type: comment\n    prompt: A?\n  - id: b\n    type: comment\n    prompt: B?\n',
        ),
      }),
    ).toEqual([
      `${EVALUATION}:1: needs at least one likert item`,
      `${EVALUATION}:6: item "b": only one comment item is allowed (the course records one comment)`,
    ]);
  });
});

describe('the update log feeds the review date', () => {
  const review = (date: string, area = 'regulatory', status = 'done') =>
    [
      `  - date: ${date}`,
      '    by: Content owner',
      '    changes:',
      '      - Nothing new for learners.',
      '    checks:',
      `      - area: ${area}`,
      '        topic: FDA status',
      '        source: { title: FDA page, url: https://example.org/fda }',
      `        status: ${status}`,
      '        found: Unchanged.',
      '        changed: No change.',
    ].join('\n');
  const log = (...reviews: string[]) => write(`reviews:\n${reviews.join('\n')}\n`);

  it('shows the newest review date, the last regulatory check and its change notes, never a typed date', () => {
    const course = compileCourse(
      copyWith({
        [LOG]: log(review('2026-03-02', 'evidence'), review('2026-01-15')),
        [CE]: append('\nLast regulatory check: {{lastRegulatoryCheck}}.\n\n```changes\n```\n'),
      }),
      { today: '2026-06-01' },
    );
    expect(course.ce).toMatchObject({
      reviewed: '2026-03-02',
      lastRegulatoryCheck: '2026-01-15',
      changes: ['Nothing new for learners.'],
    });
    const html = course.ce!.intro[6]!.html;
    expect(html).toContain('Reviewed <span class="ce-value" data-ce="reviewed">March 2, 2026</span>');
    expect(html).toContain('<span class="ce-value" data-ce="lastRegulatoryCheck">January 15, 2026</span>');
    expect(html).toContain(
      '<div class="changes" data-changes="2026-03-02">\n<ul>\n<li>Nothing new for learners.</li>\n</ul>\n</div>',
    );
    expect(problems({ [CE]: replace('# expiry: course.yaml expiryDate', 'reviewed: 2026-01-15') })).toEqual([
      `${CE}:3: front matter: field "reviewed": remove it: the review date is computed from content/update-log.yaml`,
    ]);
  });

  it('warns when the last regulatory check is more than 12 months old, or none is logged', () => {
    const warnings = (edits: Record<string, Edit>, today: string) => {
      const found: string[] = [];
      compileCourse(copyWith(edits), { warn: (m) => found.push(m), today });
      return found.filter((m) => m.startsWith(LOG));
    };
    expect(warnings({}, '2027-01-15')).toEqual([]);
    expect(warnings({}, '2027-01-16')).toEqual([
      `${LOG}:2: WARNING: the last regulatory check (2026-01-15) is more than 12 months old: recheck FDA, EMA and state-law status and log it`,
    ]);
    expect(warnings({ [LOG]: log(review('2026-01-15', 'evidence')) }, '2026-02-01')).toEqual([
      `${LOG}:2: WARNING: no regulatory check (FDA, EMA, state law) is recorded: check the regulatory status at least every 12 months`,
    ]);
  });

  it('rejects a future date, reviews out of order, a review with no check done, a bad area and uncited change notes', () => {
    expect(problems({ [LOG]: log(review('2999-01-01')) })).toEqual([
      expect.stringMatching(
        /^content\/update-log\.yaml:2: 2999-01-01 is after today \(\d{4}-\d{2}-\d{2}\): log a check once it has been done$/,
      ),
      'course.yaml:1: expiryDate 2028-01-15 is before the last content review 2999-01-01',
    ]);
    expect(problems({ [LOG]: log(review('2026-01-15'), review('2026-03-02')) })).toEqual([
      `${LOG}:13: review of 2026-03-02 is out of order: list reviews newest first, one per date`,
    ]);
    expect(problems({ [LOG]: log(review('2026-01-15', 'regulatory', 'not-done')) })).toEqual([
      `${LOG}:6: a review needs at least one check that was done (status: done)`,
    ]);
    expect(problems({ [LOG]: log(review('2026-01-15', 'gossip')) })).toEqual([
      `${LOG}:7: field "reviews.0.checks.0.area" must be one of regulatory, evidence, guideline, trial, epidemiology, references, readability, other`,
    ]);
    expect(problems({ [LOG]: (t) => t.replace('First version.', 'The FDA approved nothing new in 2025.') })).toEqual([
      expect.stringMatching(/^content\/update-log\.yaml:5: changes: .*without a citation/),
    ]);
    expect(problems({ [LOG]: () => null })).toEqual([
      `${LOG}:1: file not found: the update log records each content review and feeds the review date learners see`,
    ]);
  });
});
