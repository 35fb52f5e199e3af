/**
 * The reviewer's copy: the whole activity in one tagged PDF with an outline, for the content expert who signs it
 * off and for the provider's activity file.
 *
 *   npm run review-copy        writes dist/review-copy.pdf (and dist/review-copy.html, the same document)
 *
 * Contents: the activity facts (dates, provider, activity number), the disclosures, the practice gap and outcome,
 * the contact-hours basis, the update log, every page of every module with its interactive elements shown open
 * (answers of the sorting and matching activities included), every item of every quiz bank and of the baseline
 * check with its key, level, objective and rationale, the evaluation, the glossary and the references.
 * Built from the compiled course (the same data the learner's browser receives), printed by Chromium.
 */
import { LIKERT_SCALE, OUTCOME_SCALE } from '../../src/course/evaluation.ts';
import { correctOptions } from '../../src/course/answer-key.ts';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { longDate } from '../../src/course/certificate.ts';
import type { CourseData, Question } from '../../src/course/types.ts';
import { compileCourse, ContentError } from '../content/compile.ts';
import { Report } from '../content/problems.ts';
import { isoToday, loadUpdateLog, UPDATE_LOG_FILE, type UpdateLog } from '../content/update-log.ts';
import { chromiumArgs, chromiumPath } from '../../tests/e2e/fixtures/browser.ts';

const esc = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Every <details> open: reveals, accordions, flip cards, answer keys, diagram text descriptions. */
const allOpen = (html: string) => html.replace(/<details(?![^>]*\bopen\b)/g, '<details open');

/** Item levels as the quiz banks state them (`level: recall | application`); the compiled course does not carry them. */
function bankLevels(root: string): Map<string, string> {
  const levels = new Map<string, string>();
  for (const dir of ['quizzes', 'content']) {
    for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml'))) {
      const data = parse(readFileSync(join(root, dir, file), 'utf8')) as {
        questions?: { id?: unknown; level?: unknown }[];
      } | null;
      for (const q of data?.questions ?? [])
        if (typeof q.id === 'string' && typeof q.level === 'string') levels.set(q.id, q.level);
    }
  }
  return levels;
}

let LEVELS = new Map<string, string>();
function levelOf(q: Question): string {
  return LEVELS.get(q.id) ?? 'not stated in the bank';
}

function questionHtml(q: Question, objectives: Map<string, string>): string {
  const correct = correctOptions(q);
  const options = q.options
    .map((o) => {
      const key = correct.includes(o.id);
      return `<li class="${key ? 'key' : ''}"><span class="opt">${esc(o.id)}.</span> ${o.html}${key ? ' <strong class="key-mark">(key)</strong>' : ''}</li>`;
    })
    .join('');
  return `<section class="item" id="q-${esc(q.id)}">
<h3><span class="qid">${esc(q.id)}</span></h3>
<dl class="meta">
<div><dt>Type</dt><dd>${esc(q.type)}${q.fixedOrder ? ', options in written order' : ', options shuffled per attempt'}</dd></div>
<div><dt>Level</dt><dd>${esc(levelOf(q))}</dd></div>
<div><dt>Objective</dt><dd>${esc(q.objective)}: ${esc(objectives.get(q.objective) ?? '')}</dd></div>
<div><dt>Key</dt><dd>${esc(correct.join(', '))}</dd></div>
</dl>
<p class="prompt">${q.prompt}</p>
<ol class="options">${options}</ol>
<p class="rationale"><strong>Rationale:</strong> ${q.rationale}</p>
</section>`;
}

/** The update log as the reviewer reads it: every review, every currency check with its source and outcome. */
function updateLogHtml(log: UpdateLog | undefined): string {
  if (!log) return `<p>No update log (${UPDATE_LOG_FILE}) was found.</p>`;
  return log.reviews
    .map(
      (r) => `<section class="log"><h2>Review of ${longDate(r.date)}, by ${esc(r.by)}</h2>
<p><strong>What changed (shown to learners):</strong></p><ul>${r.changes.map((c) => `<li>${c}</li>`).join('')}</ul>
<table><thead><tr><th scope="col">Area</th><th scope="col">Checked</th><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Found</th><th scope="col">Changed in the course</th></tr></thead><tbody>
${r.checks
  .map(
    (c) =>
      `<tr><td>${esc(c.area)}</td><td>${esc(c.topic)}</td><td>${esc(c.source.title)}${c.source.url ? `<br>${esc(c.source.url)}` : ''}</td><td>${esc(c.status)}</td><td>${esc(c.found)}</td><td>${esc(c.changed)}</td></tr>`,
  )
  .join('\n')}
</tbody></table></section>`,
    )
    .join('\n');
}

export function reviewCopyHtml(course: CourseData, log?: UpdateLog): string {
  const { settings, ce } = course;
  const objectives = new Map(course.modules.flatMap((m) => m.objectives.map((o) => [o.id, o.text] as const)));
  const parts: string[] = [];
  const h1 = (id: string, title: string) => `<h1 id="${id}">${esc(title)}</h1>`;

  parts.push(`<header class="cover">
<p class="eyebrow">Reviewer's copy: the complete activity for content review and the activity file</p>
<p class="title">${esc(settings.title)}</p>
<dl class="meta">
<div><dt>Course version</dt><dd>${esc(settings.version)}</dd></div>
<div><dt>Provider</dt><dd>${esc(settings.providerName)}; ${esc(settings.providerAddress)}</dd></div>
<div><dt>Activity number</dt><dd>${esc(settings.activityId)}</dd></div>
<div><dt>Released</dt><dd>${longDate(settings.releaseDate)}</dd></div>
${ce ? `<div><dt>Content last reviewed</dt><dd>${longDate(ce.reviewed)} (source: ${esc(ce.reviewedFrom)})</dd></div>` : ''}
<div><dt>Contact hours awarded until</dt><dd>${longDate(settings.expiryDate)}</dd></div>
${ce ? `<div><dt>Contact hours</dt><dd>${ce.contactHours}</dd></div>` : ''}
<div><dt>Modules</dt><dd>${course.modules.length}; ${course.modules.reduce((n, m) => n + m.pages.length, 0)} pages; ${course.modules.reduce((n, m) => n + m.quiz.questions.length, 0)} posttest items; ${course.baseline?.questions.length ?? 0} baseline items</dd></div>
</dl>
</header>`);

  if (ce) {
    parts.push(h1('ce', 'The activity as learners see it before Module 1'));
    parts.push(
      '<p>Disclosures, practice gap and learning outcome, time and contact hours, completion requirements, accreditation and review dates, in the order shown.</p>',
    );
    for (const section of ce.intro)
      parts.push(`<section class="ce-section"><h2>${esc(section.title)}</h2>${allOpen(section.html)}</section>`);
    parts.push(h1('contact-hours', 'Contact-hours basis'));
    parts.push(
      `<p>${esc(ce.contactHoursBasis)}</p><p>The learner is told the activity takes about ${ce.estimatedMinutes} minutes (the same computation, rounded up to 5 minutes).</p>`,
    );
  }

  parts.push(h1('update-log', 'Update log'));
  parts.push(updateLogHtml(log));

  if (course.baseline) {
    parts.push(h1('baseline', 'Baseline check (pre-assessment)'));
    parts.push(
      `<p>${course.baseline.questions.length} items, delivered to learners before Module 1, one per screen, in this order (options shuffled unless fixed); not counted towards passing${settings.baselineSkippable ? '; the learner may skip it' : '; not skippable'}. Its time counts in the contact hours. The completion screen compares each module's baseline items with that module's posttest, and the LMS receives the answers as interactions <code>baseline-&lt;item id&gt;</code> (weighting 0) and the score as the objective <code>baseline</code>. No rationale is shown to the learner.</p>`,
    );
    for (const q of course.baseline.questions) parts.push(questionHtml(q, objectives));
  }

  for (const m of course.modules) {
    parts.push(h1(`module-${m.number}`, `Module ${m.number}: ${m.title}`));
    parts.push(
      `<h2>Objectives</h2><ul>${m.objectives.map((o) => `<li><span class="qid">${esc(o.id)}</span> ${esc(o.text)}</li>`).join('')}</ul>`,
    );
    for (const [i, page] of m.pages.entries()) {
      parts.push(
        `<section class="page"><h2>${esc(page.title)}</h2><p class="page-ref">Module ${m.number}, page ${i + 1} of ${m.pages.length} (${esc(m.id)}/${esc(page.id)})</p><div class="prose">${allOpen(page.html)}</div></section>`,
      );
    }
    parts.push(
      `<h2>Posttest bank: Module ${m.number}</h2><p>${m.quiz.questions.length} items; each attempt draws ${m.quiz.draw}.</p>`,
    );
    for (const q of m.quiz.questions) parts.push(questionHtml(q, objectives));
  }

  if (course.evaluation?.length) {
    parts.push(h1('evaluation', 'Course evaluation'));
    parts.push(
      `<p>The Likert statements must be rated to submit; the other items are optional. Each answer is sent to the LMS as an interaction (its id shown here; result "neutral").</p>`,
      `<ol class="evaluation">${course.evaluation
        .map((item) => {
          const list = (rows: string[]) => `<ul>${rows.map((r) => `<li>${r}</li>`).join('')}</ul>`;
          const detail =
            item.type === 'likert'
              ? list([`Scale: ${LIKERT_SCALE.map((p) => `${p.value} ${esc(p.label)}`).join(', ')}`])
              : item.type === 'outcomes'
                ? list([
                    `Scale for each outcome: ${OUTCOME_SCALE.map((p) => `${p.value} ${esc(p.label)}`).join(', ')}`,
                    ...item.outcomes.map((o) => `<span class="qid">${esc(`${item.id}-${o.id}`)}</span> ${esc(o.text)}`),
                  ])
                : item.type === 'choices'
                  ? list([
                      ...item.choices.map((c) => `${esc(c.id)}. ${esc(c.text)}`),
                      `Free text <span class="qid">${esc(item.id)}-other</span>: ${esc(item.other)}`,
                    ])
                  : item.type === 'yesno'
                    ? list([
                        'Yes / No',
                        `Comment <span class="qid">${esc(item.id)}-comment</span>: ${esc(item.comment)}`,
                      ])
                    : '';
          return `<li><span class="qid">${esc(item.id)}</span> (${esc(item.type)}) ${esc(item.prompt)}${detail}</li>`;
        })
        .join('')}</ol>`,
    );
  }

  if (course.glossary?.length) {
    parts.push(h1('glossary', 'Glossary'));
    parts.push(
      `<dl class="glossary">${course.glossary.map((t) => `<div><dt>${esc(t.term)}</dt><dd>${t.html}</dd></div>`).join('')}</dl>`,
    );
  }
  if (course.references?.length) {
    parts.push(h1('references', 'References'));
    parts.push(
      `<ol class="references">${course.references.map((r) => `<li id="ref-${esc(r.id)}"><strong>${esc(r.id)}.</strong> ${r.html}</li>`).join('')}</ol>`,
    );
  }

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(settings.title)}: reviewer's copy (version ${esc(settings.version)})</title>
<style>${STYLE}</style></head>
<body><main>${parts.join('\n')}</main></body></html>`;
}

const STYLE = `
@page { size: Letter; margin: 16mm 16mm 18mm; }
body { font: 10.5pt/1.45 "DejaVu Sans", Arial, sans-serif; color: #000; }
h1 { font-size: 17pt; break-before: page; margin: 0 0 8pt; color: #0b4f57; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 8pt 0 4pt; }
.cover .title { font-size: 24pt; font-weight: 700; margin: 40pt 0 16pt; }
.eyebrow { text-transform: uppercase; letter-spacing: .05em; font-size: 9pt; color: #0b4f57; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 10pt; margin: 4pt 0; }
dl.meta > div { display: contents; }
dl.meta dt { font-weight: 700; }
dl.meta dd { margin: 0; }
.item { border: 1px solid #999; padding: 6pt 8pt; margin: 8pt 0; break-inside: avoid; }
.item h3 { margin-top: 0; }
.qid { font-family: "DejaVu Sans Mono", monospace; font-weight: 700; }
.options li.key { font-weight: 700; }
.page { border-top: 1px solid #bbb; margin-top: 10pt; }
.page-ref { color: #444; font-size: 9pt; margin: 0 0 6pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; }
details { border-left: 3px solid #0b6e78; padding-left: 6pt; margin: 4pt 0; }
summary { font-weight: 700; list-style: none; }
svg { max-width: 100%; height: auto; max-height: 90mm; display: block; margin: 6pt auto; color: #000; }
.tabs .tab-panel { border-left: 3px solid #999; padding-left: 6pt; margin: 4pt 0; }
.activity-label { font-weight: 700; }
.cite { font-size: 75%; }
.term { font: inherit; border: 0; background: none; padding: 0; text-decoration: underline dotted; color: inherit; }
.glossary dt { font-weight: 700; margin-top: 4pt; }
.glossary dd { margin: 0 0 0 12pt; }
.ce-facts div { display: flex; gap: 8pt; }
.ce-facts dt { font-weight: 700; }
.ce-facts dd { margin: 0; }
`;

export async function writeReviewCopy(
  root: string,
  outDir = join(root, 'dist'),
): Promise<{ pdf: string; html: string }> {
  const course = compileCourse(root);
  LEVELS = bankLevels(root);
  // The update log in full (the compiled course keeps only the newest review's notes for learners).
  const report = new Report();
  const log = loadUpdateLog(
    root,
    report,
    {
      references: new Set((course.references ?? []).map((r) => r.id)),
      terms: new Map(),
      directives: { diagram: () => ({ error: 'no diagrams here' }) },
      cited: new Set(),
    },
    isoToday(),
    () => {},
  );
  const html = reviewCopyHtml(course, log);
  mkdirSync(outDir, { recursive: true });
  const htmlPath = join(outDir, 'review-copy.html');
  const pdfPath = join(outDir, 'review-copy.pdf');
  writeFileSync(htmlPath, html);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path: pdfPath,
      format: 'Letter',
      printBackground: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8pt;width:100%;text-align:center;color:#444">${esc(course.settings.title)}, version ${esc(course.settings.version)}: reviewer's copy, page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
    });
  } finally {
    await browser.close();
  }
  return { pdf: pdfPath, html: htmlPath };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  writeReviewCopy(root)
    .then(({ pdf }) => console.log(`Wrote ${pdf.replace(`${root}/`, '')}`))
    .catch((error: unknown) => {
      if (error instanceof ContentError) console.error(error.message);
      else console.error(error);
      process.exitCode = 1;
    });
}
