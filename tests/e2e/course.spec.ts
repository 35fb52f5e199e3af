/**
 * The real course in the scorm-again harness, for both SCORM versions: complete it, fail and retry a quiz,
 * leave mid-module and come back, and check what the LMS records. Zero SCORM errors throughout.
 */
import { expect, test } from '@playwright/test';
import { courseFrame, harnessState, openHarness, waitForInitialize } from './fixtures/harness.ts';
import { answerQuiz, completeModule, course, readModulePages } from './fixtures/course.ts';

const versions = [
  { v: '12' as const, name: 'SCORM 1.2' },
  { v: '2004' as const, name: 'SCORM 2004' },
];
const modules = course.modules.length;
const draw = course.modules.map((m) => m.quiz.draw);

for (const { v, name } of versions) {
  test.describe(name, () => {
    test('a learner completes the whole course and the LMS records it', async ({ page }) => {
      test.setTimeout(180_000); // four modules of reading and quizzes
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Start course' }).click();
      await frame.getByRole('button', { name: 'Open module 1' }).click();
      for (let m = 0; m < modules; m++) {
        await completeModule(frame, m);
        const label = m === modules - 1 ? 'Finish the course' : `Continue to Module ${m + 2}`;
        await frame.getByRole('button', { name: label }).click();
      }
      // Every quiz passed: the LMS records the course as passed now; the evaluation (ce.spec.ts) is for the certificate.
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Course evaluation');
      await frame.getByRole('button', { name: 'Exit' }).click();
      await expect(frame.getByRole('heading', { name: 'Your progress is saved' })).toBeVisible();

      const h = await harnessState(page);
      expect(h.errors).toEqual([]);
      expect(h.terminated).toBe(true);
      const cmi = h.stored!.cmi;
      const interactions = draw.reduce((a, b) => a + b, 0);
      if (v === '12') {
        expect(cmi['cmi.core.lesson_status']).toBe('passed');
        expect(cmi['cmi.core.score.raw']).toBe('100');
        expect(cmi['cmi.core.score.min']).toBe('0');
        expect(cmi['cmi.core.score.max']).toBe('100');
        expect(cmi['cmi.core.exit']).toBe('suspend');
        expect(cmi['cmi.core.lesson_location']).toBe('evaluation');
        expect(
          cmi['cmi.core.session_time'] ?? h.calls.findLast((c) => c.element === 'cmi.core.session_time')?.value,
        ).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
        for (let m = 0; m < modules; m++) {
          expect(cmi[`cmi.objectives.${m}.id`]).toBe(course.modules[m]!.id);
          expect(cmi[`cmi.objectives.${m}.status`]).toBe('passed');
          expect(cmi[`cmi.objectives.${m}.score.raw`]).toBe('100');
        }
        expect(
          h.calls.filter((c) => /^cmi\.interactions\.\d+\.id$/.test(c.element) && c.result === 'true'),
        ).toHaveLength(interactions);
        expect(h.calls.filter((c) => c.element.endsWith('.result')).every((c) => c.value === 'correct')).toBe(true);
      } else {
        expect(cmi['cmi.completion_status']).toBe('completed');
        expect(cmi['cmi.success_status']).toBe('passed');
        expect(cmi['cmi.score.scaled']).toBe('1');
        expect(cmi['cmi.score.raw']).toBe('100');
        expect(cmi['cmi.progress_measure']).toBe('1');
        expect(cmi['cmi.exit']).toBe('suspend');
        expect(cmi['cmi.location']).toBe('evaluation');
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
        for (let m = 0; m < modules; m++) {
          expect(cmi[`cmi.objectives.${m}.id`]).toBe(course.modules[m]!.id);
          expect(cmi[`cmi.objectives.${m}.success_status`]).toBe('passed');
          expect(cmi[`cmi.objectives.${m}.completion_status`]).toBe('completed');
        }
        expect(
          cmi['cmi.interactions._count'] ??
            String(Object.keys(cmi).filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k)).length),
        ).toBe(String(interactions));
      }
      // Exactly one Terminate, and nothing after it.
      const terminateAt = h.calls.findIndex((c) => c.method === (v === '12' ? 'LMSFinish' : 'Terminate'));
      expect(h.calls.filter((c) => c.method === (v === '12' ? 'LMSFinish' : 'Terminate'))).toHaveLength(1);
      expect(h.calls.slice(terminateAt + 1).filter((c) => c.session === h.calls[terminateAt]!.session)).toEqual([]);
    });

    test('a learner fails a quiz, reviews the feedback, retries and passes', async ({ page }) => {
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Start course' }).click();
      await frame.getByRole('button', { name: 'Open module 1' }).click();
      await readModulePages(frame, 0);
      await frame.getByRole('button', { name: 'Start the quiz' }).click();
      await answerQuiz(frame, (i) => i === 0); // one right out of five: 20%
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Not passed this time');
      await expect(frame.getByRole('status')).toContainText('Your score: 20%');
      await expect(frame.getByText('Correct answer:').first()).toBeVisible();
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
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Start course' }).click();
      await frame.getByRole('button', { name: 'Open module 1' }).click();
      await readModulePages(frame, 0);
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
      await openHarness(page, { v });
      const frame = courseFrame(page);
      await frame.getByRole('button', { name: 'Start course' }).click();
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
