import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCourse, ContentError } from '../../tools/content/compile.ts';
import { correctOptions } from '../../src/course/answer-key.ts';

const VALID = join(import.meta.dirname, '../fixtures/content/valid');
const M1 = 'modules/01-first-steps.md';
const M2 = 'modules/02-second-look.md';
const Q1 = 'quizzes/01-first-steps.yaml';
const Q2 = 'quizzes/02-second-look.yaml';

/** A file edit: return the new text, or null to delete the file. */
type Edit = (text: string) => string | null;

/** Replaces text that must be present, so a fixture change cannot silently turn a test into a no-op. */
function replace(find: string, replacement: string): Edit {
  return (text) => {
    expect(text, `fixture should contain ${JSON.stringify(find)}`).toContain(find);
    return text.replace(find, replacement);
  };
}
const remove: Edit = () => null;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp copy of the valid fixture with some files altered (or added: the edit gets '' for a new file). */
function copyWith(edits: Record<string, Edit>): string {
  const root = mkdtempSync(join(tmpdir(), 'content-'));
  temps.push(root);
  cpSync(VALID, root, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(root, file);
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

describe('compileCourse on the valid fixture', () => {
  const course = compileCourse(VALID);
  const [m1, m2] = course.modules;

  it('reads the settings', () => {
    expect(course.settings).toEqual({
      id: 'fixture-course',
      version: '1.0.0',
      title: 'Fixture Course',
      passMark: 80,
      attemptLimit: 2,
      navigation: 'sequential',
      scorm12Status: 'passed-failed',
      quizFeedback: 'concepts',
      providerName: '[Provider name — set in course.yaml]',
      providerAddress: '[Provider postal address and web address — set in course.yaml]',
      accreditationStatement: '[Accreditation statement — set in course.yaml]',
      activityId: '[Activity or approval number — set in course.yaml]',
      releaseDate: '2026-01-15',
      expiryDate: '2028-01-15',
      baselineSkippable: false,
      contactHours: null,
    });
  });

  it('numbers the modules from their files and keeps the front matter (minutes are computed from the content)', () => {
    expect(course.modules.map((m) => [m.id, m.number, m.title, m.minutes])).toEqual([
      ['m1', 1, 'First steps', 3],
      ['m2', 2, 'A second look', 4],
    ]);
    expect(m1!.objectives).toEqual([
      { id: 'm1-o1', text: 'Name the first thing.' },
      { id: 'm1-o2', text: 'Name the second thing.' },
    ]);
  });

  it('splits pages at ## headings, with explicit {#id}s or title slugs', () => {
    expect(m1!.pages.map((p) => [p.id, p.title])).toEqual([
      ['why', 'Why this matters'],
      ['acute-and-chronic-pain', 'Acute and chronic pain'],
      ['summary', 'Summary'],
    ]);
    expect(m2!.pages.map((p) => p.id)).toEqual(['looking-again', 'wrap-up']);
  });

  it('renders page Markdown to HTML, with citation markers as links to the reference list', () => {
    const cite = (id: string) =>
      `<a class="cite-ref" href="#ref-${id}" data-ref="${id}" aria-label="Reference ${id}">${id}</a>`;
    expect(m1!.pages[0]!.html).toBe(
      `<p>Chronic pain lasts <strong>more than three months</strong> <sup class="cite">[${cite('R1')}, ${cite('R4')}]</sup>.</p>\n` +
        '<h3>A sub-heading</h3>\n' +
        `<ul>\n<li>first point <sup class="cite">[${cite('S3')}]</sup></li>\n` +
        '<li>second point with a <a href="https://example.org/guide">guide</a> and a <a href="#acute-and-chronic-pain">page link</a></li>\n</ul>',
    );
    expect(m1!.pages[2]!.html).toBe('<blockquote>\n<p>Keep page ids stable.</p>\n</blockquote>');
  });

  it('escapes text and renders GFM tables', () => {
    const html = m1!.pages[1]!.html;
    expect(html).toContain('<td>&lt; 3 months <sup class="cite">');
    expect(html).toContain('<td>&gt; 3 months <sup class="cite">');
    expect(html).toMatch(
      /<p>Fish &amp; chips are <em>not<\/em> a treatment <sup class="cite">\[<a [^>]*>R2<\/a>\]<\/sup>\.<\/p>/,
    );
  });

  it('counts words of the plain text, without citation markers', () => {
    // "Chronic pain lasts more than three months" 7 + "A sub-heading" 2 + "first point" 2 + "second point ... page link" 9
    expect(m1!.pages[0]!.words).toBe(20);
    expect(m2!.pages.map((p) => p.words)).toEqual([7, 1]);
  });

  it('compiles a single-choice question with inline HTML', () => {
    expect(m1!.quiz.draw).toBe(2);
    expect(m1!.quiz.questions[0]).toEqual({
      id: 'm1-q1',
      type: 'single',
      objective: 'm1-o1',
      prompt: 'Chronic pain lasts longer than',
      options: [
        { id: 'a', html: '6 weeks' },
        { id: 'b', html: '<strong>3 months</strong>' },
        { id: 'c', html: '6 months' },
      ],
      key: expect.any(String),
      fixedOrder: false,
      rationale: expect.stringMatching(
        /^IASP uses &quot;more than 3 months&quot; <sup class="cite">\[<a [^>]*>R1<\/a>, <a [^>]*>R4<\/a>\]<\/sup>\.$/,
      ),
    });
  });

  it('compiles a multiple-choice question', () => {
    const q = m1!.quiz.questions[1]!;
    expect(q.prompt).toBe('Which are <em>mechanisms</em> of pain?');
    expect(q.options.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(correctOptions(q)).toEqual(['a', 'b', 'd']);
    // The ids themselves are not in the compiled data: only a hash of them (src/course/answer-key.ts).
    expect(JSON.stringify(q)).not.toMatch(/"correct"|"answer"/);
    expect(q.fixedOrder).toBe(true);
    expect(q.rationale).toMatch(
      /^The three mechanisms are nociceptive, neuropathic\nand nociplastic <sup class="cite">\[<a [^>]*>R2<\/a>\]<\/sup>\.$/,
    );
  });

  it('maps true/false questions to the fixed t/f options', () => {
    const tf = [
      { id: 't', html: 'True' },
      { id: 'f', html: 'False' },
    ];
    expect(m1!.quiz.questions[2]).toMatchObject({ type: 'truefalse', options: tf, fixedOrder: true });
    expect(correctOptions(m1!.quiz.questions[2]!)).toEqual(['t']);
    expect(m2!.quiz.questions[0]).toMatchObject({ type: 'truefalse', options: tf });
    expect(correctOptions(m2!.quiz.questions[0]!)).toEqual(['f']);
  });

  it('gives each module a short content hash that follows page and question ids only', () => {
    expect(m1!.contentHash).toMatch(/^[0-9a-f]{8}$/);
    expect(m1!.contentHash).not.toBe(m2!.contentHash);
    expect(compileCourse(VALID).modules[0]!.contentHash).toBe(m1!.contentHash);

    const reworded = compileCourse(copyWith({ [M1]: replace('more than three months', 'longer than three months') }));
    expect(reworded.modules[0]!.contentHash).toBe(m1!.contentHash);
    const renamedPage = compileCourse(copyWith({ [M1]: replace('## Summary', '## Key points') }));
    expect(renamedPage.modules[0]!.contentHash).not.toBe(m1!.contentHash);
  });

  it('defaults scorm12Status to passed-incomplete', () => {
    const course = compileCourse(copyWith({ 'course.yaml': replace('scorm12Status: passed-failed\n', '') }));
    expect(course.settings.scorm12Status).toBe('passed-incomplete');
  });
});

describe('compileCourse reports broken content with file and line', () => {
  it('an answer that is not an option', () => {
    expect(problems({ [Q1]: replace('answer: b', 'answer: e') })).toEqual([
      `${Q1}:12: question "m1-q1": answer "e" is not one of its options`,
    ]);
  });

  it("an unquoted colon in a text: plain advice instead of the parser's words", () => {
    expect(problems({ [Q1]: replace('prompt: Chronic pain lasts', 'prompt: Chronic pain: lasts') })).toEqual([
      `${Q1}:7: this line has a colon followed by a space inside its text, so YAML reads a second field: put the whole text in "quotes", e.g. title: "Pain: what nurses need to know"`,
    ]);
  });

  it('bad indentation and a missing "- ": plain advice on the line', () => {
    expect(problems({ [Q1]: replace('    objective: m1-o1', '   objective: m1-o1') })).toEqual([
      `${Q1}:6: this line does not line up with the lines above it: each field of a list item starts in the same column as the first field after its "- ", and each new list item starts with "- " (use spaces, not tabs)`,
    ]);
    expect(problems({ [Q1]: replace('  - id: m1-q2', '    id: m1-q2') })).toEqual([
      `${Q1}:14: this field is written twice in the same block: keep one of them`,
    ]);
    expect(problems({ [Q1]: replace('      - { id: c, text: 6 months }', '      { id: c, text: 6 months }') })).toEqual(
      [expect.stringMatching(new RegExp(`^${Q1}:11: this line`))],
    );
  });

  it('only the first YAML syntax error of a file, with a hint for unquoted [ text', () => {
    expect(problems({ [Q2]: replace('    type: truefalse', '\ttype: truefalse') })).toEqual([
      `${Q2}:5: this line is indented with a tab: YAML needs spaces`,
    ]);
    expect(problems({ [Q2]: replace('prompt: Pick the letter B.', 'prompt: [R4] says pick B') })).toEqual([
      `${Q2}:13: YAML syntax error: Unexpected scalar at node end (text that starts with [ or { must be in "quotes")`,
    ]);
    expect(problems({ [Q2]: replace('{ id: a, text: A }', '{ id: a, text: 12 }') })).toEqual([
      `${Q2}:15: question "m2-q2": option "a": field "text" must be text (put it in "quotes" if it is a number or starts with [ or {)`,
    ]);
  });

  it('a YAML syntax error in front matter', () => {
    expect(problems({ [M1]: replace('minutes: 10', 'minutes: [10') })).toEqual([
      `${M1}:5: front matter: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
  });

  it('an unknown field (typo) and the field it should have been', () => {
    expect(problems({ [Q1]: replace('answer: b', 'anwser: b') })).toEqual([
      `${Q1}:4: question "m1-q1": missing field "answer"`,
      `${Q1}:12: question "m1-q1": unknown field "anwser"`,
    ]);
  });

  it('a missing rationale', () => {
    expect(problems({ [Q1]: replace('    rationale: IASP uses "more than 3 months" [R1, R4].\n', '') })).toEqual([
      `${Q1}:4: question "m1-q1": missing field "rationale"`,
    ]);
  });

  it('an empty rationale', () => {
    expect(problems({ [Q2]: replace('rationale: B is B [R3].', 'rationale:') })).toEqual([
      `${Q2}:19: question "m2-q2": field "rationale" has no value`,
    ]);
  });

  it('raw HTML in a page, block or inline', () => {
    expect(
      problems({
        [M1]: replace('Fish & chips', '<div class="box">\nboxed\n</div>\n\nFish & <b>chips</b>'),
        [M2]: replace('Done [R3].', 'Done [R3]. <!-- todo -->'),
      }),
    ).toEqual([
      `${M1}:28: raw HTML "<div class=\\"box\\">" is not allowed`,
      `${M1}:32: raw HTML "<b>" is not allowed`,
      `${M1}:32: raw HTML "</b>" is not allowed`,
      `${M2}:16: raw HTML "<!-- todo -->" is not allowed`,
    ]);
  });

  it('raw HTML in a question prompt, option and rationale', () => {
    expect(
      problems({
        [Q1]: (text) =>
          replace(
            'prompt: Chronic pain lasts longer than',
            'prompt: Chronic pain lasts <b>longer</b> than',
          )(replace('text: 6 months', 'text: <i>6</i> months')(text)!),
        [Q2]: replace('rationale: It often is [R3].', 'rationale: |\n      It often is\n      <br> [R3].'),
      }),
    ).toEqual([
      `${Q1}:7: question "m1-q1": prompt: raw HTML "<b>" is not allowed`,
      `${Q1}:7: question "m1-q1": prompt: raw HTML "</b>" is not allowed`,
      `${Q1}:11: question "m1-q1": option "c": text: raw HTML "<i>" is not allowed`,
      `${Q1}:11: question "m1-q1": option "c": text: raw HTML "</i>" is not allowed`,
      `${Q2}:11: question "m2-q1": rationale: raw HTML "<br>" is not allowed`,
    ]);
  });

  it('a duplicate question id, within a bank and across banks', () => {
    expect(problems({ [Q1]: replace('id: m1-q3', 'id: m1-q2') })).toEqual([
      `${Q1}:28: question "m1-q2": id is already used at ${Q1}:14`,
    ]);
    expect(problems({ [Q2]: replace('id: m2-q3', 'id: m1-q1') })).toEqual([
      `${Q2}:20: question "m1-q1": id must be m2-q<number>, e.g. "m2-q1"`,
      `${Q2}:20: question "m1-q1": id is already used at ${Q1}:4`,
    ]);
  });

  it('an objective reference that does not exist', () => {
    expect(problems({ [Q1]: replace('objective: m1-o2', 'objective: m1-o9') })).toEqual([
      `${Q1}:16: question "m1-q2": objective "m1-o9" is not an objective of module m1 (${M1})`,
    ]);
  });

  it('a draw larger than the bank', () => {
    expect(problems({ [Q1]: replace('draw: 2', 'draw: 5') })).toEqual([
      `${Q1}:2: draw 5 is more than the 4 questions in the bank`,
    ]);
    expect(problems({ [Q1]: replace('draw: 2', 'draw: 0') })).toEqual([
      `${Q1}:2: field "draw" must be a whole number, 1 or more`,
    ]);
  });

  it('a module id that does not match the file number', () => {
    expect(problems({ [M2]: replace('id: m2\n', 'id: m3\n') })).toEqual([
      `${M2}:2: front matter: id "m3" does not match the file number 02: expected "m2"`,
    ]);
  });

  it('a missing quiz bank, and a bank without a module', () => {
    expect(problems({ [Q2]: remove })).toEqual([`${M2}:1: no quiz bank: expected quizzes/02-second-look.yaml`]);
    expect(
      problems({ 'quizzes/02-second-glance.yaml': () => readFileSync(join(VALID, Q2), 'utf8'), [Q2]: remove }),
    ).toEqual([
      `${M2}:1: no quiz bank: expected quizzes/02-second-look.yaml`,
      `quizzes/02-second-glance.yaml:1: no module file modules/02-second-glance.md for this quiz bank`,
    ]);
  });

  it('a quiz bank whose module field is wrong', () => {
    expect(problems({ [Q2]: replace('module: m2', 'module: m1') })).toEqual([
      `${Q2}:1: module "m1" does not match the file number 02: expected "m2"`,
    ]);
  });

  it('a bad passMark and other course settings', () => {
    expect(problems({ 'course.yaml': replace('passMark: 80', 'passMark: 120') })).toEqual([
      'course.yaml:4: field "passMark" must be a number from 0 to 100',
    ]);
    const text = [
      'id: 1course',
      'version: 1.0',
      'title: T',
      'passMark: 80',
      'attemptLimit: -1',
      'navigation: linear',
      'scorm12Status: passed',
      'releaseDate: 2026-01-15',
      'expiryDate: 2028-01-15',
      '',
    ].join('\n');
    expect(problems({ 'course.yaml': () => text })).toEqual([
      'course.yaml:1: field "id" must start with a lowercase letter and use only lowercase letters, digits and "-" (it names the zip files)',
      'course.yaml:2: field "version" must be text such as 1.0.0 (write "1.0" in quotes)',
      'course.yaml:5: field "attemptLimit" must be a whole number, 0 or more',
      'course.yaml:6: field "navigation" must be "sequential" or "free"',
      'course.yaml:7: field "scorm12Status" must be "passed-incomplete", "completed-incomplete" or "passed-failed"',
    ]);
    expect(problems({ 'course.yaml': remove })).toEqual(['course.yaml:1: file not found']);
  });

  it('front matter fields out of range, missing or malformed', () => {
    expect(problems({ [M1]: replace('minutes: 10', 'minutes: 90') })).toEqual([
      `${M1}:4: front matter: field "minutes" must be a whole number from 1 to 60`,
    ]);
    expect(problems({ [M2]: replace('title: A second look\n', '') })).toEqual([
      `${M2}:2: front matter: missing field "title"`,
    ]);
    expect(problems({ [M2]: replace('---\nid: m2', 'id: m2') })).toEqual([
      `${M2}:1: front matter: missing or not closed: the file must start with a --- line, the module fields, and another --- line`,
    ]);
  });

  it('objective ids with the wrong form or used twice: reported once, on the objective', () => {
    expect(problems({ [M1]: replace('id: m1-o2', 'id: m1-o1') })).toEqual([
      `${M1}:8: front matter: objective "m1-o1": id is already used at ${M1}:6`,
    ]);
    expect(problems({ [M2]: replace('id: m2-o1', 'id: m2-obj1') })).toEqual([
      `${M2}:6: front matter: objective "m2-obj1": id must be m2-o<number>, e.g. "m2-o1"`,
    ]);
  });

  it('a front matter that is not closed is one problem, not a cascade into the reference list', () => {
    expect(problems({ [M1]: (t) => t.replace(/\n---\n/, '\n') })).toEqual([
      `${M1}:1: front matter: missing or not closed: the file must start with a --- line, the module fields, and another --- line`,
    ]);
  });

  it('modules numbered with a gap or twice', () => {
    const renumbered = problems({
      [M2]: remove,
      [Q2]: remove,
      'modules/03-second-look.md': () =>
        readFileSync(join(VALID, M2), 'utf8').replace('m2', 'm3').replace('m2-o1', 'm3-o1'),
      'quizzes/03-second-look.yaml': () => readFileSync(join(VALID, Q2), 'utf8').replaceAll('m2', 'm3'),
    });
    expect(renumbered).toEqual([
      'modules/03-second-look.md:1: modules must be numbered 01, 02, ... without gaps: expected 02 here',
    ]);
    expect(problems({ 'modules/02-again.md': () => readFileSync(join(VALID, M2), 'utf8') })).toEqual([
      `modules/02-again.md:1: no quiz bank: expected quizzes/02-again.yaml`,
      `${M2}:1: module number 02 is already used by modules/02-again.md`,
    ]);
  });

  it('a file name that is not NN-slug', () => {
    expect(problems({ 'modules/intro.md': () => '## Hello\n' })).toEqual([
      'modules/intro.md:1: file name must be NN-slug.md with a two-digit number and a lowercase slug, e.g. 01-chronic-pain.md',
    ]);
  });

  it('content before the first ## heading, and a level-1 heading', () => {
    expect(problems({ [M2]: replace('## Looking again', 'Intro text.\n\n# Big title\n\n## Looking again') })).toEqual([
      `${M2}:10: content before the first "## " heading: every page starts with a "## " heading`,
      `${M2}:12: level-1 heading "# Big title" is not allowed: "## " starts a page, "### " is a sub-heading`,
    ]);
  });

  it('a module without pages, and an underlined heading', () => {
    expect(problems({ [M2]: (text) => `${text.slice(0, text.indexOf('## '))}Just text.\n` })).toEqual([
      `${M2}:9: no pages: each page starts with a "## " heading`,
    ]);
    expect(problems({ [M2]: replace('Done [R3].', 'Done [R3].\nMore\n---') })).toEqual([
      `${M2}:16: underlined heading "Done [R3]." is not allowed: use "## " or "### " (for a horizontal rule, leave a blank line above ---)`,
    ]);
  });

  it('finds raw HTML nested in lists and quotes, and allows it in code', () => {
    const code = '\n```\n## not a page\n<div>shown as code</div>\n```\n\nInline `<b>` is code too.\n';
    expect(compileCourse(copyWith({ [M2]: (text) => text + code })).modules[1]!.pages[1]!.html).toBe(
      '<p>Done <sup class="cite">[<a class="cite-ref" href="#ref-R3" data-ref="R3" aria-label="Reference R3">R3</a>]</sup>.</p>\n<pre><code>## not a page\n&lt;div&gt;shown as code&lt;/div&gt;\n</code></pre>\n' +
        '<p>Inline <code>&lt;b&gt;</code> is code too.</p>',
    );
    expect(problems({ [M2]: (text) => `${text}\n> - item\n>   more <span>x</span>\n` })).toEqual([
      `${M2}:19: raw HTML "<span>" is not allowed`,
      `${M2}:19: raw HTML "</span>" is not allowed`,
    ]);
  });

  it('page ids that are invalid or used twice', () => {
    expect(problems({ [M1]: replace('## Summary', '## Summary {#why}') })).toEqual([
      `${M1}:30: page id "why" is already used by the page on line 12`,
    ]);
    expect(problems({ [M2]: replace('{#wrap-up}', '{#wrap up}') })).toEqual([
      `${M2}:14: page id "wrap up" must use only letters, digits and "-"`,
    ]);
    expect(problems({ [M2]: replace('## Wrapping up {#wrap-up}', '## ???') })).toEqual([
      `${M2}:14: page title "???" gives no id: add one such as {#my-page}`,
    ]);
  });

  it('links other than #anchors and https addresses, images and link definitions', () => {
    expect(
      problems({
        [M2]: replace(
          'Done [R3].',
          'See [old](http://example.org), <mailto:a@b.org>, [js](javascript:alert(1)) and ![x](pic.png).\n\n[R3]: https://example.org/r3',
        ),
      }),
    ).toEqual([
      `${M2}:16: link "http://example.org" is not allowed: use a "#anchor" or an https:// address`,
      `${M2}:16: link "mailto:a@b.org" is not allowed: use a "#anchor" or an https:// address`,
      `${M2}:16: link "javascript:alert(1)" is not allowed: use a "#anchor" or an https:// address`,
      `${M2}:16: image "pic.png" is not supported`,
      `${M2}:18: link definition "[R3]: https://example.org/r3" is not supported: write the link in place as [text](https://...)`,
    ]);
  });

  it('question type rules', () => {
    const broken = problems({
      [Q1]: (text) =>
        [
          replace('answer: true', 'answer: t'),
          replace('      - { id: c, text: 6 months }\n', ''),
          replace('{ id: d, text: Nociplastic }', '{ id: g, text: Nociplastic }'),
        ].reduce((t, edit) => edit(t)!, text),
      [Q2]: (text) =>
        [
          replace('answer: false', 'answer: false\n    options:\n      - { id: a, text: Yes }'),
          replace('answer: b', 'answer: [b]'),
          replace('{ id: b, text: B }\n      - { id: c, text: E }', '{ id: a, text: B }\n      - { id: c, text: E }'),
          replace('type: multiple', 'type: several'),
        ].reduce((t, edit) => edit(t)!, text),
    });
    expect(broken).toEqual([
      `${Q1}:8: question "m1-q1": a single question needs 3 to 6 options, not 2`,
      `${Q1}:21: question "m1-q2": option "g": field "id" must be a single lowercase letter a-f`,
      `${Q1}:31: question "m1-q3": answer must be true or false for a truefalse question`,
      `${Q2}:9: question "m2-q1": a truefalse question has no options: its answer is true or false`,
      `${Q2}:20: question "m2-q2": answer must be one option id for a single question, e.g. answer: b`,
      `${Q2}:23: question "m2-q3": field "type" must be single, multiple or truefalse`,
    ]);
    expect(problems({ [Q1]: replace('answer: [a, b, d]', 'answer: [a, a, e]') })).toEqual([
      `${Q1}:23: question "m1-q2": answer lists "a" twice`,
      `${Q1}:23: question "m1-q2": answer "e" is not one of its options`,
    ]);
    expect(
      problems({
        [Q2]: replace(
          '{ id: b, text: B }\n      - { id: c, text: E }',
          '{ id: a, text: B }\n      - { id: c, text: E }',
        ),
      }),
    ).toEqual([`${Q2}:26: question "m2-q3": option "a": id is already used by an earlier option`]);
  });

  it('several problems in several files at once, sorted by file and line', () => {
    const all = problems({
      'course.yaml': replace('passMark: 80', 'passMark: 120'),
      [M1]: replace('minutes: 10', 'minutes: 0'),
      [M2]: replace('Done [R3].', 'Done <em>[R3]</em>.'),
      [Q1]: (text) => replace('draw: 2', 'draw: 9')(replace('answer: b', 'answer: e')(text)!),
      [Q2]: replace('    rationale: B is B [R3].\n', ''),
    });
    expect(all).toEqual([
      'course.yaml:4: field "passMark" must be a number from 0 to 100',
      `${M1}:4: front matter: field "minutes" must be a whole number from 1 to 60`,
      `${M2}:16: raw HTML "<em>" is not allowed`,
      `${M2}:16: raw HTML "</em>" is not allowed`,
      `${Q1}:2: draw 9 is more than the 4 questions in the bank`,
      `${Q1}:12: question "m1-q1": answer "e" is not one of its options`,
      `${Q2}:10: question "m2-q2": missing field "rationale"`,
    ]);
    let message = '';
    try {
      compileCourse(copyWith({ [Q1]: replace('answer: b', 'answer: e'), [Q2]: replace('draw: 3', 'draw: 4') }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Course content has 2 problems:\n' +
        `${Q1}:12: question "m1-q1": answer "e" is not one of its options\n` +
        `${Q2}:2: draw 4 is more than the 3 questions in the bank`,
    );
  });
});
