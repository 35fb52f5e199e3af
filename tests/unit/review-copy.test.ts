/**
 * `npm run review-copy`: the PDF a content reviewer signs off. Printed by Chromium from the compiled course and
 * read back with a PDF text library: every page title of every module, every question id of every bank and of
 * the baseline check, every evaluation item, every reference; tagged, with an outline.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { compileCourse } from '../../tools/content/compile.ts';
import { writeReviewCopy } from '../../tools/review-copy/review-copy.ts';

const root = process.cwd();
const course = compileCourse(root);
const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").trim();

describe("the reviewer's copy", () => {
  it('is a tagged PDF with an outline holding every page title, question id, evaluation item and reference', async () => {
    const { pdf } = await writeReviewCopy(root, mkdtempSync(join(tmpdir(), 'review-copy-')));
    const bytes = new Uint8Array(readFileSync(pdf));
    const doc = await getDocumentProxy(bytes);
    const { text } = await extractText(doc, { mergePages: true });
    const all = squash(text);

    const missing: string[] = [];
    const want = (what: string, value: string) => {
      if (!all.includes(squash(value))) missing.push(`${what}: ${value}`);
    };
    for (const m of course.modules) {
      want('module', `Module ${m.number}: ${m.title}`);
      for (const page of m.pages) want(`${m.id} page`, page.title);
      for (const q of m.quiz.questions) want('posttest item', q.id);
    }
    expect(course.baseline?.questions.length).toBeGreaterThan(0);
    for (const q of course.baseline?.questions ?? []) want('baseline item', q.id);
    for (const item of course.evaluation ?? []) {
      want('evaluation item', item.id);
      if (item.type === 'outcomes') for (const o of item.outcomes) want('outcome rated', `${item.id}-${o.id}`);
      if (item.type === 'choices') for (const c of item.choices) want(`${item.id} choice`, c.text);
      if (item.type === 'choices') want(`${item.id} free text`, item.other);
      if (item.type === 'yesno') want(`${item.id} comment`, item.comment);
    }
    for (const r of course.references ?? []) want('reference', `${r.id}.`);
    for (const heading of [
      'Contact-hours basis',
      'Update log',
      'Baseline check (pre-assessment)',
      'Course evaluation',
      'References',
    ])
      want('section', heading);
    want('disclosures', 'Planners, authors and content reviewers');
    want('nurse planner', 'Nurse planner:');
    want('outcome', course.ce!.practiceGap.outcome);
    expect(missing).toEqual([]);
    // The key and the rationale of every item: "(key)" once per correct option at least.
    const keys = all.match(/\(key\)/g)?.length ?? 0;
    const items =
      course.modules.reduce((n, m) => n + m.quiz.questions.length, 0) + (course.baseline?.questions.length ?? 0);
    expect(keys).toBeGreaterThanOrEqual(items);
    expect(all.match(/Rationale:/g)?.length).toBe(items);

    // Tagged (a structure tree for screen readers) and an outline (bookmarks) with one entry per module.
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    const outline = (await doc.getOutline()) ?? [];
    // Chromium drops the space where a heading wraps, so titles are compared without spaces.
    const bare = (t: string) => t.replace(/\s+/g, '');
    const titles = outline.map((o) => bare(o.title));
    for (const m of course.modules) expect(titles).toContain(bare(`Module ${m.number}: ${m.title}`));
    expect(titles).toContain('References');
  }, 120_000);
});
