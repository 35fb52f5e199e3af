/**
 * The accreditation side of the CE activity (issue 12): expiry with a fake clock (before and after the course.yaml
 * expiry date), and the certificate printed to PDF by Chromium and read back as text (one page, every field).
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { displayName, longDate } from '../../src/course/certificate.ts';
import { freshProgress, type View } from '../../src/course/progress.ts';
import { encodeProgress } from '../../src/course/saved-state.ts';
import { course } from './fixtures/course.ts';
import { courseFrame, harnessState, openHarness, seedLms } from './fixtures/harness.ts';
import { progressAt, savedState } from './fixtures/progress.ts';
import { openCourse, press } from './fixtures/ui.ts';

const ce = course.ce!;
const likert = (course.evaluation ?? []).filter((i) => i.type === 'likert');

/** The longest licence a learner can enter: 20 characters and the longest state or territory name. */
const LONGEST_LICENCE = { number: 'RN-0123456789-ABCDEF', state: 'MP' };

/** Every quiz passed and the evaluation submitted on `date`, the learner at `view`. */
function finished(view: View, date = '2026-12-14', licence = { number: '', state: '' }): string {
  const p = freshProgress(course, 4242);
  p.modules = p.modules.map((m) => ({
    ...m,
    visited: m.visited.map(() => true),
    attempts: 1,
    best: 100,
    passed: true,
    attempt: null,
  }));
  p.view = view;
  p.evaluation = { ...p.evaluation, ratings: likert.map(() => 4), submittedOn: date, licence };
  return encodeProgress(course, p);
}

const dayAfter = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function launchOn(page: Page, isoDate: string, view: View = 'complete') {
  await page.clock.install({ time: new Date(`${isoDate}T10:00:00`) });
  await seedLms(page, '12', { 'cmi.suspend_data': finished(view) });
  await openHarness(page, { v: '12', name: 'Doe, Jane' });
  return courseFrame(page);
}

test.describe('activity expiry (fake clock)', () => {
  test('on the expiry date the certificate is still issued', async ({ page }) => {
    const frame = await launchOn(page, ce.expires);
    await expect(frame.getByTestId('expired-note')).toHaveCount(0);
    await frame.getByRole('button', { name: /^Resume:/ }).click();
    await frame.getByRole('button', { name: 'View your certificate' }).click();
    await expect(frame.locator('.certificate').getByTestId('certificate-name')).toHaveText('Jane Doe');
  });

  test('the day after expiry the course opens and reads, says no contact hours, issues no certificate, and still records', async ({
    page,
  }) => {
    const frame = await launchOn(page, dayAfter(ce.expires, 1));
    const note = frame.getByTestId('expired-note');
    await expect(note).toContainText(`This activity expired on ${longDate(ce.expires)}`);
    await expect(note).toContainText('contact hours can no longer be awarded');
    await frame.getByRole('button', { name: /^Resume:/ }).click();
    await expect(frame.getByTestId('expired-note')).toContainText('no certificate is issued');
    await expect(frame.getByRole('button', { name: 'View your certificate' })).toHaveCount(0);
    // Still readable: a module opens from the menu.
    await frame.getByRole('button', { name: 'Back to the course menu' }).click();
    await expect(frame.getByRole('button', { name: 'View your certificate' })).toHaveCount(0);
    await frame.getByRole('button', { name: 'Review module 1' }).click();
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText(course.modules[0]!.pages[0]!.title);
    // The LMS still receives the learner's record.
    await expect.poll(async () => (await harnessState(page)).stored?.cmi['cmi.core.lesson_status']).toBe('passed');
    // The bookmark of the page just opened reaches the LMS with the next commit (polled: the commit is not instant).
    await expect.poll(async () => (await harnessState(page)).stored?.cmi['cmi.core.lesson_location']).toMatch(/^m1\//);
  });

  test('a learner who left on the certificate and comes back after expiry gets the completion summary, not Print', async ({
    page,
  }) => {
    const frame = await launchOn(page, dayAfter(ce.expires, 1), 'certificate');
    await frame.getByRole('button', { name: 'Resume: your completion summary' }).click();
    await expect(frame.getByTestId('expired-note')).toContainText('no certificate is issued');
    await expect(frame.getByRole('button', { name: 'Print' })).toHaveCount(0);
    await expect(frame.locator('.certificate')).toHaveCount(0);
    await expect(frame.getByRole('button', { name: 'View your certificate' })).toHaveCount(0);
    await expect.poll(async () => (await harnessState(page)).stored?.cmi['cmi.core.lesson_location']).toBe('complete');
  });
});

test("one duration: the menu's module minutes and the rest add up to the total the welcome screen states", async ({
  page,
}, info) => {
  await openCourse(page, { saved: progressAt('menu', 1) });
  // The welcome screen and the evaluation state the same figure.
  await expect(page.getByText(`about ${ce.estimatedMinutes} minutes in all`)).toBeVisible();
  expect(course.evaluation!.some((i) => i.prompt.includes(`about ${ce.estimatedMinutes} minutes`))).toBe(true);
  await press(page.getByRole('button', { name: /^Resume: / }), info);
  await expect(page.locator('.card .eyebrow')).toHaveCount(course.modules.length);
  const perModule = await page.locator('.card .eyebrow').allTextContents();
  const minutes = perModule.map((text) => Number(/· (\d+) min$/.exec(text.trim())?.[1]));
  expect(minutes).toHaveLength(course.modules.length);
  const total = page.getByTestId('menu-time');
  await expect(total).toContainText(`About ${ce.estimatedMinutes} minutes in all`);
  const rest = Number(/and (\d+) minutes for the introduction/.exec((await total.textContent()) ?? '')?.[1]);
  expect(minutes.reduce((a, b) => a + b, 0) + rest).toBe(ce.estimatedMinutes);
});

for (const v of ['12', '2004'] as const) {
  test(`SCORM ${v}: the evaluation's outcome ratings, commitment, barriers and bias answer reach the LMS as interactions`, async ({
    page,
  }) => {
    const saved = progressAt('evaluation', course.modules.length - 1, { passed: course.modules.length });
    await seedLms(page, v, { 'cmi.suspend_data': savedState(saved).suspendData });
    await openHarness(page, { v, name: 'Doe, Jane' });
    const frame = courseFrame(page);
    await frame.getByRole('button', { name: /^Resume:/ }).click();
    const items = course.evaluation!;
    const outcomes = items.find((i) => i.type === 'outcomes')!;
    const [commit, barriers] = items.filter((i) => i.type === 'choices');
    const bias = items.find((i) => i.type === 'yesno')!;
    if (
      outcomes.type !== 'outcomes' ||
      commit?.type !== 'choices' ||
      barriers?.type !== 'choices' ||
      bias.type !== 'yesno'
    )
      throw new Error('the course evaluation lacks an outcomes, two choices or a yes/no item');
    // One rating per learning outcome, each labelled with the outcome's text from the modules.
    expect(outcomes.outcomes.map((o) => o.text)).toEqual(
      course.modules.flatMap((m) => m.objectives.map((o) => o.text)),
    );
    const first = outcomes.outcomes[0]!;
    await frame.getByRole('group', { name: first.text }).getByRole('radio', { name: 'Fully met' }).check();
    await frame
      .getByRole('group', { name: commit.prompt })
      .getByRole('checkbox', { name: commit.choices[2]!.text })
      .check();
    await frame
      .getByRole('group', { name: commit.prompt })
      .getByRole('checkbox', { name: commit.choices[0]!.text })
      .check();
    await frame.getByRole('textbox', { name: commit.other }).fill('Add a leaflet to the clinic. Ünïcödé ok');
    await frame.getByRole('group', { name: bias.prompt }).getByRole('radio', { name: 'No' }).check();
    await frame.getByRole('textbox', { name: bias.comment }).fill('One clinic named');
    for (const item of items.filter((i) => i.type === 'likert')) {
      await frame.getByRole('group', { name: item.prompt }).getByRole('radio', { name: 'Agree', exact: true }).check();
    }
    await frame.getByRole('button', { name: 'Submit evaluation' }).click();
    await expect(frame.getByRole('heading', { level: 1 })).toContainText('You have completed');

    await expect
      .poll(async () => Object.values((await harnessState(page)).cmi).filter((x) => /eval-/.test(x)).length)
      .toBeGreaterThan(0);
    const h = await harnessState(page);
    expect(h.errors).toEqual([]);
    const cmi = h.cmi;
    const sent = (id: string) => {
      const key = Object.keys(cmi).find(
        (k) => /^cmi\.interactions\.\d+\.id$/.test(k) && cmi[k] === (v === '12' ? id : `urn:scp:${id}`),
      );
      expect(key, `interaction ${id}`).toBeDefined();
      const n = key!.replace(/\.id$/, '');
      const response = `${n}.${v === '12' ? 'student_response' : 'learner_response'}`;
      return {
        type: cmi[`${n}.type`],
        result: cmi[`${n}.result`],
        response: cmi[response] ?? h.calls.findLast((c) => c.element === response)?.value,
      };
    };
    expect(sent(`${outcomes.id}-${first.id}`)).toEqual({ type: 'likert', result: 'neutral', response: '3' });
    expect(sent(commit.id)).toEqual({ type: 'choice', result: 'neutral', response: v === '12' ? 'a,c' : 'a[,]c' });
    expect(sent(`${commit.id}-other`)).toEqual({
      type: v === '12' ? 'fill-in' : 'long-fill-in',
      result: 'neutral',
      response: 'Add a leaflet to the clinic. Ünïcödé ok',
    });
    expect(sent(bias.id)).toEqual({ type: 'true-false', result: 'neutral', response: v === '12' ? 'f' : 'false' });
    expect(sent(`${bias.id}-comment`).response).toBe('One clinic named');
    // Nothing for what was left unanswered: the other outcomes and the barriers.
    const ids = Object.keys(cmi)
      .filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k))
      .map((k) => cmi[k]!);
    expect(ids.filter((id) => id.includes(barriers.id))).toEqual([]);
    expect(ids.filter((id) => id.includes(`${outcomes.id}-`))).toHaveLength(1);
  });
}

test('the learner adds a licence to the certificate: checked as typed, kept for the next visit', async ({
  page,
}, info) => {
  const saved = progressAt('certificate', course.modules.length - 1, {
    passed: course.modules.length,
    evaluated: true,
  });
  await openCourse(page, { saved });
  await press(page.getByRole('button', { name: 'Resume: your certificate' }), info);
  const number = page.getByRole('textbox', { name: 'Licence number' });
  const state = page.getByRole('combobox', { name: 'State or territory that issued it' });
  const show = page.getByRole('button', { name: 'Show on the certificate' });
  await number.fill('RN 12345');
  await show.click();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toHaveAccessibleDescription(/Use only letters, digits and single hyphens/);
  await expect(state).toHaveAccessibleDescription('Choose the state or territory that issued this licence.');
  await expect(page.getByTestId('certificate-licence')).toHaveCount(0);
  await number.fill('R'.repeat(21));
  await expect(number).toHaveAccessibleDescription('Use at most 20 characters.');
  await number.fill('RN-12345');
  await state.selectOption({ label: 'Ohio' });
  await show.click();
  await expect(number).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByTestId('certificate-licence')).toHaveText('RN-12345, Ohio');
  // Saved with the progress: the next launch prints it again.
  await openCourse(page);
  await press(page.getByRole('button', { name: 'Resume: your certificate' }), info);
  await expect(page.getByTestId('certificate-licence')).toHaveText('RN-12345, Ohio');
  await expect(page.getByRole('textbox', { name: 'Licence number' })).toHaveValue('RN-12345');
});

test('the certificate prints on one page with every field, read back from the PDF', async ({ browser }) => {
  // The course alone (no harness around it) with a minimal SCORM 1.2 API, so that the printed page is the course's.
  const context = await browser.newContext();
  const page = await context.newPage();
  const values: Record<string, string> = {
    'cmi.core.student_name': 'Doe, Jane',
    'cmi.core.student_id': 'jd-1',
    'cmi.core.entry': 'resume',
    'cmi.core.lesson_status': 'passed',
    'cmi.core.lesson_mode': 'normal',
    'cmi.core.credit': 'credit',
    'cmi.suspend_data': finished('certificate', '2026-12-14', LONGEST_LICENCE),
  };
  await page.addInitScript((initial: Record<string, string>) => {
    const cmi: Record<string, string> = { ...initial };
    (window as unknown as { API: unknown }).API = {
      LMSInitialize: () => 'true',
      LMSFinish: () => 'true',
      LMSGetValue: (k: string) => cmi[k] ?? (k.endsWith('._count') ? '0' : ''),
      LMSSetValue: (k: string, v: string) => ((cmi[k] = v), 'true'),
      LMSCommit: () => 'true',
      LMSGetLastError: () => '0',
      LMSGetErrorString: () => '',
      LMSGetDiagnostic: () => '',
    };
  }, values);
  await page.goto('/scorm12/index.html');
  await page.getByRole('button', { name: 'Resume: your certificate' }).click();
  const certificate = page.locator('.certificate');
  await expect(certificate.getByTestId('certificate-name')).toHaveText(displayName('Doe, Jane'));

  for (const format of ['Letter', 'A4'] as const) {
    const pdf = await page.pdf({ format });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    expect(doc.numPages, `${format}: one page`).toBe(1);
    const { text } = await extractText(doc, { mergePages: true });
    // Compared without case: the provider's name prints in capitals (CSS text-transform).
    const all = text.replace(/\s+/g, ' ').toLowerCase();
    for (const field of [
      ce.providerName,
      ce.providerAddress,
      'Certificate of Completion',
      'Jane Doe',
      course.settings.title,
      ce.activityId,
      longDate('2026-12-14'),
      `${ce.contactHours} contact hour`,
      ce.accreditationStatement,
      ce.practiceGap.outcome,
      `Course version ${course.settings.version}`,
      `Nursing licence ${LONGEST_LICENCE.number}, Northern Mariana Islands`,
    ]) {
      expect(all, `${format}: ${field}`).toContain(field.replace(/\s+/g, ' ').toLowerCase());
    }
    // Nothing of the app around it.
    expect(all).not.toContain('exit');
  }
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 816, height: 1056 });
  // SCREENSHOTS=1 refreshes the picture in docs/ (README); otherwise a test run leaves the repository alone.
  if (process.env.SCREENSHOTS) {
    mkdirSync('docs/screenshots', { recursive: true });
    await certificate.screenshot({ path: 'docs/screenshots/certificate.png' });
  }
  await context.close();
});
