/**
 * The real course in the scorm-again harness, for both SCORM versions. One whole-course journey per version
 * carries every check that needs a whole course: the CE introduction, all four modules and their quizzes (with no
 * answer given away before submitting), the evaluation, the certificate with the LMS learner's name (on screen, in
 * print media and at a later launch), what the LMS records at the end, the package's Content-Security-Policy
 * (no violation, string-to-code refused), no request outside the package, no dialog, no page error and zero SCORM
 * errors. The other tests start where they need to be, from saved progress.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Frame } from '@playwright/test';
import { htmlToText } from '../../src/text/html-text.ts';
import {
  courseErrors,
  courseFrame,
  harnessState,
  openHarness,
  seedLms,
  waitForInitialize,
} from './fixtures/harness.ts';
import { answerFor, answerQuiz, completeModule, course, readModulePages, takeBaseline } from './fixtures/course.ts';
import { collectPageErrors, courseFrameHandle, packagePath } from './fixtures/reliability.ts';
import { afterBaseline, progressAt, savedState } from './fixtures/progress.ts';
import { cspViolations, watchCsp } from './fixtures/security.ts';

const versions = [
  { v: '12' as const, name: 'SCORM 1.2' },
  { v: '2004' as const, name: 'SCORM 2004' },
];
const modules = course.modules.length;
const draw = course.modules.map((m) => m.quiz.draw);
const likert = (course.evaluation ?? []).filter((i) => i.type === 'likert');
const commentItem = (course.evaluation ?? []).find((i) => i.type === 'comment');
/** 300 characters over two lines: 1.2 keeps 255 of them on one line, 2004 all of them. */
const COMMENT =
  `${'Clear, balanced and useful for triage calls. '.repeat(4)}\nMore on red flags, please. ${'x'.repeat(300)}`.slice(
    0,
    300,
  );

/** Plain text of compiled HTML (entities decoded, as the page shows them), for looking for it in the page. */
const text = htmlToText;

/** Answers the open quiz attempt correctly, checking before each answer and before submitting that nothing gives the answers away. */
async function answerQuizWithoutLeaks(frame: Frame): Promise<void> {
  const total = Number(
    (await frame.locator('.eyebrow', { hasText: /^Question \d+ of \d+$/ }).textContent())!.match(/of (\d+)/)![1],
  );
  const shown: string[] = [];
  for (let i = 0; i < total; i++) {
    await expect(frame.locator('.eyebrow', { hasText: `Question ${i + 1} of ${total}` })).toBeVisible();
    const id = (await frame.locator('fieldset[data-question-id]').getAttribute('data-question-id'))!;
    shown.push(id);
    await expectNoAnswerIn(frame, shown);
    for (const option of answerFor(id, true)) await frame.locator(`fieldset input[value="${option}"]`).check();
    await expectNoAnswerIn(frame, shown);
    await frame.getByRole('button', { name: i === total - 1 ? 'Review answers' : 'Next question' }).click();
  }
  await expect(frame.getByRole('button', { name: 'Submit answers' })).toBeVisible();
  await expectNoAnswerIn(frame, shown);
  await frame.getByRole('button', { name: 'Submit answers' }).click();
}

/**
 * The rationale (which names the answer) and any correctness marker are absent from the DOM and the accessibility
 * tree, and the options of a question carry the same attributes whether right or wrong (ids a-f say nothing).
 */
async function expectNoAnswerIn(frame: Frame, questionIds: string[]): Promise<void> {
  const questions = course.modules.flatMap((m) => m.quiz.questions).filter((q) => questionIds.includes(q.id));
  const dom = await frame.evaluate(() => document.documentElement.outerHTML.replace(/\s+/g, ' '));
  const tree = await frame.locator('body').ariaSnapshot();
  for (const q of questions) {
    const why = text(q.rationale).slice(0, 60);
    expect(dom, `rationale of ${q.id} in the DOM`).not.toContain(why);
    expect(tree, `rationale of ${q.id} in the accessibility tree`).not.toContain(why);
  }
  // No attribute anywhere says which option is right (class, data-*, aria-*, hidden inputs ...).
  const attributes = await frame.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${a.name}="${a.value}"`)),
  );
  expect(attributes.filter((a) => /correct|right-answer|solution|answer-key/i.test(a))).toEqual([]);
  const options = await frame.locator('fieldset[data-question-id] input').evaluateAll((inputs) =>
    inputs.map((i) =>
      [...i.attributes]
        .map((a) => a.name)
        .filter((n) => n !== 'value' && n !== 'checked')
        .sort()
        .join(' '),
    ),
  );
  expect(new Set(options).size).toBeLessThanOrEqual(1);
}

for (const { v, name } of versions) {
  test.describe(name, () => {
    test('a learner completes the whole course, the evaluation and the certificate with the LMS name; the LMS records it, and nothing breaks the security policy or leaves the package', async ({
      page,
    }) => {
      // The one whole-course journey of each version: four modules of reading and quizzes, then the CE frame.
      test.slow();
      const html = readFileSync(
        join(process.cwd(), 'dist', v === '12' ? 'scorm12' : 'scorm2004', 'index.html'),
        'utf8',
      );
      const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
      // 'self', plus only hashes of known inline scripts (the file:// notice), never 'unsafe-inline'.
      expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')*(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
      expect(csp).toMatch(/object-src 'none'/);

      await watchCsp(page);
      const errors = collectPageErrors(page);
      const requests: string[] = [];
      page.on('request', (request) => {
        // The course's own requests: its frame, whatever URL it loads (the harness page around it is the LMS).
        if (request.frame() !== page.mainFrame()) requests.push(request.url());
      });
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });

      await openHarness(page, { v, name: 'Doe, Jane' });
      const frame = courseFrame(page);
      const doc = await courseFrameHandle(page);
      if (course.ce) {
        // The CE introduction comes before module 1, with the Start action.
        for (const section of course.ce.intro)
          await expect(frame.getByRole('heading', { level: 2, name: section.title })).toBeVisible();
      }
      await frame.getByRole('button', { name: 'Start course' }).click();
      // The baseline check before Module 1 (tests/e2e/baseline.spec.ts checks what the LMS receives from it).
      await takeBaseline(frame);
      await frame.getByRole('button', { name: 'Open module 1' }).click();
      for (let m = 0; m < modules; m++) {
        if (m === 0) {
          await readModulePages(frame, 0);
          await frame.getByRole('button', { name: 'Start the quiz' }).click();
          await answerQuizWithoutLeaks(doc);
          await expect(frame.getByRole('heading', { level: 1 })).toHaveText('You passed');
        } else {
          await completeModule(frame, m);
        }
        const label = m === modules - 1 ? 'Finish the course' : `Continue to Module ${m + 2}`;
        await frame.getByRole('button', { name: label }).click();
      }

      // Every quiz passed: the LMS records the course as passed now; the evaluation is for the certificate.
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Course evaluation');
      const location = v === '12' ? 'cmi.core.lesson_location' : 'cmi.location';
      await expect.poll(async () => (await harnessState(page)).cmi[location]).toBe('evaluation');
      const quizzesDone = await harnessState(page);
      const atEvaluation = quizzesDone.cmi;
      // One per baseline item, then one per question of every attempt.
      const interactions = course.baseline!.questions.length + draw.reduce((a, b) => a + b, 0);
      if (v === '12') {
        expect(atEvaluation['cmi.core.lesson_status']).toBe('passed');
        expect(atEvaluation['cmi.core.score.raw']).toBe('100');
        expect(atEvaluation['cmi.core.score.min']).toBe('0');
        expect(atEvaluation['cmi.core.score.max']).toBe('100');
        for (let m = 0; m < modules; m++) {
          expect(atEvaluation[`cmi.objectives.${m}.id`]).toBe(course.modules[m]!.id);
          expect(atEvaluation[`cmi.objectives.${m}.status`]).toBe('passed');
          expect(atEvaluation[`cmi.objectives.${m}.score.raw`]).toBe('100');
        }
        expect(
          quizzesDone.calls.filter((c) => /^cmi\.interactions\.\d+\.id$/.test(c.element) && c.result === 'true'),
        ).toHaveLength(interactions);
        expect(quizzesDone.calls.filter((c) => c.element.endsWith('.result')).every((c) => c.value === 'correct')).toBe(
          true,
        );
      } else {
        expect(atEvaluation['cmi.completion_status']).toBe('completed');
        expect(atEvaluation['cmi.success_status']).toBe('passed');
        expect(atEvaluation['cmi.score.scaled']).toBe('1');
        expect(atEvaluation['cmi.score.raw']).toBe('100');
        expect(atEvaluation['cmi.progress_measure']).toBe('1');
        for (let m = 0; m < modules; m++) {
          expect(atEvaluation[`cmi.objectives.${m}.id`]).toBe(course.modules[m]!.id);
          expect(atEvaluation[`cmi.objectives.${m}.success_status`]).toBe('passed');
          expect(atEvaluation[`cmi.objectives.${m}.completion_status`]).toBe('completed');
        }
        expect(
          atEvaluation['cmi.interactions._count'] ??
            String(Object.keys(atEvaluation).filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k)).length),
        ).toBe(String(interactions));
      }

      // The evaluation: Submit waits until every statement is rated.
      expect(likert.length).toBeGreaterThanOrEqual(1);
      const submit = frame.getByRole('button', { name: 'Submit evaluation' });
      await expect(submit).toBeDisabled();
      for (const [i, item] of likert.entries()) {
        await frame
          .getByRole('group', { name: item.prompt })
          .getByRole('radio', { name: i === 0 ? 'Strongly agree' : 'Agree', exact: true })
          .check();
      }
      if (commentItem) await frame.getByRole('textbox', { name: commentItem.prompt }).fill(COMMENT);
      await submit.click();

      await expect(frame.getByRole('heading', { level: 1 })).toContainText('You have completed');
      if (course.ce?.closing) await expect(frame.locator('.closing')).toBeVisible();
      await frame.getByRole('button', { name: 'View your certificate' }).click();
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Certificate of Completion');
      const certificate = frame.locator('.certificate');
      await expect(certificate.getByTestId('certificate-name')).toHaveText('Jane Doe');
      await expect(certificate).toContainText(course.settings.title);
      await expect(certificate).toContainText(/Completion date\s*[A-Z][a-z]+ \d{1,2}, \d{4}/);
      if (course.ce) {
        await expect(certificate).toContainText(course.ce.providerName);
        await expect(certificate).toContainText(course.ce.providerAddress);
        await expect(certificate).toContainText(course.ce.activityId);
        await expect(certificate).toContainText(course.ce.practiceGap.outcome);
        await expect(certificate).toContainText(course.ce.accreditationStatement);
        await expect(certificate).toContainText(`${course.ce.contactHours} contact hour`);
      }

      // Print media: only the certificate, on one page; a picture of it for the docs.
      await page.emulateMedia({ media: 'print' });
      await expect(frame.locator('.topbar')).toBeHidden();
      await expect(frame.getByRole('button', { name: 'Print' })).toBeHidden();
      await expect(certificate).toBeVisible();
      const box = await certificate.boundingBox();
      // 250 mm at 96 dpi is 945 px: shorter than the printable height of A4 and Letter with 12 mm margins.
      expect(box!.height).toBeLessThanOrEqual(950);
      if (v === '12') {
        // A portrait frame (768 x 1024, near a sheet's proportions) shows the whole page as it prints.
        const viewport = page.viewportSize()!;
        await page.setViewportSize({ width: 1280, height: 1400 });
        await page.getByRole('combobox', { name: 'Frame' }).selectOption('tablet-portrait');
        await expect(certificate).toBeInViewport({ ratio: 1 });
        // SCREENSHOTS=1 refreshes the picture in docs/ (README); otherwise a test run leaves the repository alone.
        if (process.env.SCREENSHOTS) {
          mkdirSync('docs/screenshots', { recursive: true });
          await page.locator('#course').screenshot({ path: 'docs/screenshots/certificate-print.png' });
        }
        await page.setViewportSize(viewport);
      }
      await page.emulateMedia({ media: 'screen' });

      await frame.getByRole('button', { name: 'Exit' }).click();
      await expect(frame.getByRole('heading', { name: 'Your progress is saved' })).toBeVisible();
      await expect.poll(async () => (await harnessState(page)).terminated).toBe(true);

      const h = await harnessState(page);
      expect(h.errors).toEqual([]);
      const cmi = h.stored!.cmi;
      expect(cmi[v === '12' ? 'cmi.core.lesson_status' : 'cmi.success_status']).toBe('passed');
      expect(cmi[v === '12' ? 'cmi.core.score.raw' : 'cmi.score.raw']).toBe('100');
      expect(cmi[v === '12' ? 'cmi.core.exit' : 'cmi.exit']).toBe('suspend');
      expect(cmi[location]).toBe('certificate');
      if (v === '12') {
        expect(
          cmi['cmi.core.session_time'] ?? h.calls.findLast((c) => c.element === 'cmi.core.session_time')?.value,
        ).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
      } else {
        const terminate = h.calls.findIndex((c) => c.method === 'Terminate');
        expect(h.calls[terminate - 1]).toMatchObject({
          element: 'adl.nav.request',
          value: 'suspendAll',
          result: 'true',
        });
        // Terminate commits by itself: the course's last calls are the session time and the navigation request.
        expect(h.calls[terminate - 2]).toMatchObject({ method: 'SetValue', element: 'cmi.session_time' });
        expect(h.calls.findLast((c) => c.element === 'cmi.session_time')?.value).toMatch(
          /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/,
        );
      }
      // Exactly one Terminate, and nothing after it.
      const terminateAt = h.calls.findIndex((c) => c.method === (v === '12' ? 'LMSFinish' : 'Terminate'));
      expect(h.calls.filter((c) => c.method === (v === '12' ? 'LMSFinish' : 'Terminate'))).toHaveLength(1);
      expect(h.calls.slice(terminateAt + 1).filter((c) => c.session === h.calls[terminateAt]!.session)).toEqual([]);

      // The evaluation's interactions come after the quizzes' ones.
      const ids = Object.keys(cmi).filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k));
      const byId = (id: string) => {
        const key = ids.find((k) => cmi[k] === (v === '12' ? id : `urn:scp:${id}`));
        expect(key, `interaction ${id}`).toBeDefined();
        expect(Number(key!.split('.')[2])).toBeGreaterThanOrEqual(interactions);
        return key!.replace(/\.id$/, '');
      };
      for (const [i, item] of likert.entries()) {
        const n = byId(item.id);
        expect(cmi[`${n}.type`]).toBe('likert');
        expect(cmi[`${n}.result`]).toBe('neutral');
        const response = v === '12' ? `${n}.student_response` : `${n}.learner_response`;
        // 1.2 student_response is write-only in scorm-again's record; the call log has the value sent.
        const sent = cmi[response] ?? h.calls.findLast((c) => c.element === response)?.value;
        expect(sent).toBe(i === 0 ? '5' : '4');
      }
      if (commentItem) {
        const n = byId(commentItem.id);
        const response = v === '12' ? `${n}.student_response` : `${n}.learner_response`;
        const sent = cmi[response] ?? h.calls.findLast((c) => c.element === response)?.value;
        expect(cmi[`${n}.type`]).toBe(v === '12' ? 'fill-in' : 'long-fill-in');
        const oneLine = COMMENT.replace(/\s+/g, ' ').trim();
        expect(sent).toBe(v === '12' ? oneLine.slice(0, 255) : oneLine);
      }

      // The whole run: no policy violation, nothing requested outside the package, no dialog, no page error.
      expect(await cspViolations(doc)).toEqual([]);
      const origin = new URL(page.url()).origin;
      const outside = requests.filter(
        (url) => !url.startsWith(`${origin}${packagePath(v)}`) && !/^(data|blob):/.test(url),
      );
      expect(requests.length).toBeGreaterThan(2);
      expect(outside).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(courseErrors(h.errors)).toEqual([]);

      // The policy is really in force: a string turned into code is refused (and reported). Run from a task of the
      // page itself: DevTools' own evaluation, which Playwright uses, is allowed to bypass the policy.
      await doc.evaluate(() => {
        const w = window as unknown as { __codeFromString?: string };
        setTimeout(() => {
          try {
            w.__codeFromString = String(new Function('return 1 + 1')());
          } catch (error) {
            w.__codeFromString = (error as Error).name;
          }
        });
      });
      await expect
        .poll(() => doc.evaluate(() => (window as unknown as { __codeFromString?: string }).__codeFromString))
        .toBe('EvalError');
      await expect.poll(() => cspViolations(doc)).toEqual([expect.stringMatching(/^script-src/)]);

      // A later launch: the certificate is still there, from the resume prompt.
      await page.reload();
      await waitForInitialize(page);
      await frame.getByRole('button', { name: 'Resume: your certificate' }).click();
      await expect(frame.locator('.certificate').getByTestId('certificate-name')).toHaveText('Jane Doe');
    });

    test('a learner fails a quiz, reviews the feedback, retries and passes', async ({ page }) => {
      await seedLms(page, v, { 'cmi.suspend_data': savedState(progressAt('quizIntro', 0)).suspendData });
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Resume: Module 1 quiz' }).click();
      await frame.getByRole('button', { name: 'Start the quiz' }).click();
      await answerQuiz(frame, (i) => i === 0); // one right out of five: 20%
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Not passed this time');
      await expect(frame.getByRole('status')).toContainText('Your score: 20%');
      // Feedback that teaches (quizFeedback: concepts): which questions were missed, not the correct options.
      await expect(frame.locator('.feedback-item .tag', { hasText: /^Incorrect$/ }).first()).toBeVisible();
      await expect(frame.getByText('Correct answer:')).toHaveCount(0);
      const cmi = async (element: string) => (await harnessState(page)).cmi[element];
      const scoreRaw = v === '12' ? 'cmi.core.score.raw' : 'cmi.score.raw';
      // The module's objective carries its score; the course score waits until the course result is final, so an
      // LMS applying the mastery score cannot record a half-finished learner as failed.
      await expect.poll(() => cmi('cmi.objectives.0.score.raw')).toBe('20');
      expect(await cmi(scoreRaw)).toBeFalsy();
      expect(await cmi(v === '12' ? 'cmi.core.lesson_status' : 'cmi.success_status')).toBe(
        v === '12' ? 'incomplete' : 'unknown',
      );

      await frame.getByRole('button', { name: 'Try again' }).click();
      await answerQuiz(frame, true);
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText('You passed');
      await expect.poll(() => cmi('cmi.objectives.0.score.raw')).toBe('100');
      expect(await cmi(scoreRaw)).toBeFalsy();
      expect(await cmi(v === '12' ? 'cmi.objectives.0.status' : 'cmi.objectives.0.success_status')).toBe('passed');
      const h = await harnessState(page);
      const results = h.calls.filter((c) => /^cmi\.interactions\.\d+\.result$/.test(c.element)).map((c) => c.value);
      const wrong = v === '12' ? 'wrong' : 'incorrect';
      expect(results).toEqual(
        [...Array(5)].map((_, i) => (i === 0 ? 'correct' : wrong)).concat(Array(5).fill('correct')),
      );
      expect(h.errors).toEqual([]);
    });

    test('a learner who leaves mid-quiz comes back to the same question with the answers given so far', async ({
      page,
    }) => {
      await seedLms(page, v, { 'cmi.suspend_data': savedState(progressAt('quizIntro', 0)).suspendData });
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Resume: Module 1 quiz' }).click();
      await frame.getByRole('button', { name: 'Start the quiz' }).click();
      const first = await frame.locator('fieldset[data-question-id]').getAttribute('data-question-id');
      const choice = await frame.locator('input').first().getAttribute('value');
      await frame.locator('input').first().check();
      await frame.getByRole('button', { name: 'Next question' }).click();
      await expect(frame.locator('.eyebrow', { hasText: 'Question 2 of 5' })).toBeVisible();

      await page.reload(); // the LMS relaunches the course with the data it kept
      await waitForInitialize(page);
      await frame.getByRole('button', { name: 'Resume: Module 1 quiz' }).click();
      await expect(frame.locator('.eyebrow', { hasText: 'Question 2 of 5' })).toBeVisible();
      await frame.getByRole('button', { name: 'Back' }).click();
      await expect(frame.locator('fieldset[data-question-id]')).toHaveAttribute('data-question-id', first!);
      await expect(frame.locator(`input[value="${choice}"]`)).toBeChecked();
      const h = await harnessState(page);
      expect(h.entry).toBe('resume');
      expect(h.errors).toEqual([]);
    });

    test('a learner who leaves mid-module comes back to the same page', async ({ page }) => {
      // A learner who has taken the baseline check, on the course menu.
      await seedLms(page, v, { 'cmi.suspend_data': savedState(afterBaseline()).suspendData });
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Resume: the course menu' }).click();
      await frame.getByRole('button', { name: 'Open module 1' }).click();
      for (let i = 0; i < 3; i++) await frame.getByRole('button', { name: 'Next', exact: true }).click();
      const title = course.modules[0]!.pages[3]!.title;
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title);
      await page.reload();
      await waitForInitialize(page);
      await frame.getByRole('button', { name: 'Resume: Module 1, page 4' }).click();
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText(title);
      const h = await harnessState(page);
      expect(h.cmi[v === '12' ? 'cmi.core.lesson_location' : 'cmi.location']).toBe(
        `m1/${course.modules[0]!.pages[3]!.id}`,
      );
      expect(h.errors).toEqual([]);
    });
  });
}
