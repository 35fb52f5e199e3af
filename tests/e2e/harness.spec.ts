/**
 * The LMS preview harness itself, tested with a tiny fixture SCO (tests/e2e/fixtures/sco/), so the
 * harness can be trusted before it is used to test the real course.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { FIXTURE_SCO, courseFrame, harnessState, openHarness, waitForInitialize } from './fixtures/harness.ts';

const versions = [
  {
    v: '12' as const,
    api: 'API',
    set: 'LMSSetValue',
    getLastError: 'LMSGetLastError',
    k: {
      entry: 'cmi.core.entry',
      location: 'cmi.core.lesson_location',
      suspend: 'cmi.suspend_data',
      exit: 'cmi.core.exit',
      name: 'cmi.core.student_name',
      id: 'cmi.core.student_id',
      mode: 'cmi.core.lesson_mode',
      credit: 'cmi.core.credit',
      mastery: 'cmi.student_data.mastery_score',
      totalTime: 'cmi.core.total_time',
      status: 'cmi.core.lesson_status',
    },
  },
  {
    v: '2004' as const,
    api: 'API_1484_11',
    set: 'SetValue',
    getLastError: 'GetLastError',
    k: {
      entry: 'cmi.entry',
      location: 'cmi.location',
      suspend: 'cmi.suspend_data',
      exit: 'cmi.exit',
      name: 'cmi.learner_name',
      id: 'cmi.learner_id',
      mode: 'cmi.mode',
      credit: 'cmi.credit',
      mastery: 'cmi.scaled_passing_score',
      totalTime: 'cmi.total_time',
      status: 'cmi.completion_status',
    },
  },
];

/** The fixture SCO's frame, for calls made by "the course" itself. */
function scoFrame(page: Page) {
  const frame = page.frames().find((f) => f.url().includes('/fixtures/sco/'));
  if (!frame) throw new Error('fixture SCO frame not found');
  return frame;
}

async function waitForTerminate(page: Page) {
  await expect.poll(() => page.evaluate(() => window.__harness.terminated)).toBe(true);
}

for (const { v, api, set, getLastError, k } of versions) {
  test.describe(`SCORM ${v === '12' ? '1.2' : '2004'}`, () => {
    test("the SCO's writes appear in the harness cmi data and storage", async ({ page }) => {
      await openHarness(page, { v, sco: FIXTURE_SCO });
      const h = await harnessState(page);

      expect(h.version).toBe(v === '12' ? '1.2' : '2004');
      expect(h.entry).toBe('ab-initio');
      expect(h.cmi[k.entry]).toBe('ab-initio');
      expect(h.cmi[k.location]).toBe('page-1');
      expect(h.cmi[k.suspend]).toBe('{"visit":1}');
      expect(h.cmi[k.exit]).toBe('suspend');
      expect(h.cmi[k.status]).toBe('incomplete');
      expect(h.cmi[k.credit]).toBe('credit');
      expect(h.cmi[k.mode]).toBe('normal');
      expect(h.commits).toBe(1);
      expect(h.stored?.event).toBe('commit');
      expect(h.stored?.cmi[k.suspend]).toBe('{"visit":1}');
      expect(
        h.calls.some(
          (c) => c.method === set && c.element === k.location && c.value === 'page-1' && c.result === 'true',
        ),
      ).toBe(true);
      expect(h.errors).toEqual([]);

      // The panel shows the same data.
      await expect(page.locator('#cmi tr', { hasText: k.suspend })).toContainText('{"visit":1}');
      await expect(page.locator('#calls')).toContainText('page-1');
      await expect(page.locator('#error-count')).toHaveText('0');
    });

    test('a reload resumes with entry "resume" and the stored location and suspend_data', async ({ page }) => {
      await openHarness(page, { v, sco: FIXTURE_SCO });
      await page.reload();
      await waitForInitialize(page);

      const frame = courseFrame(page);
      await expect(frame.locator('#entry')).toHaveText('"resume"');
      await expect(frame.locator('#location')).toHaveText('"page-1"');
      await expect(frame.locator('#suspend')).toHaveText('"{\\"visit\\":1}"');
      await expect(frame.locator('#visit')).toHaveText('2');

      const h = await harnessState(page);
      expect(h.entry).toBe('resume');
      expect(h.cmi[k.entry]).toBe('resume');
      expect(h.cmi[k.suspend]).toBe('{"visit":2}');
      expect(h.stored?.cmi[k.location]).toBe('page-2');
      expect(h.cmi[k.totalTime]).toMatch(v === '12' ? /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/ : /^P/);
      expect(h.errors).toEqual([]);
    });

    test('Relaunch re-creates the API from stored data; a normal exit ends the attempt as an LMS would', async ({
      page,
    }) => {
      await openHarness(page, { v, sco: FIXTURE_SCO });
      const frame = courseFrame(page);

      await frame.getByRole('button', { name: 'Suspend and exit' }).click();
      await waitForTerminate(page);
      expect((await harnessState(page)).stored?.event).toBe('terminate');
      await expect(page.locator('#notice')).toContainText('ended the session');

      await page.getByRole('button', { name: 'Relaunch' }).click();
      await waitForInitialize(page, 2);
      await expect(frame.locator('#visit')).toHaveText('2');
      expect((await harnessState(page)).entry).toBe('resume');
      const sameApi = await page.evaluate(
        (name) => (window as unknown as Record<string, unknown>)[name] === window.__harness.api,
        api,
      );
      expect(sameApi).toBe(true);

      await frame.getByRole('button', { name: 'Complete and exit' }).click();
      await waitForTerminate(page);
      expect((await harnessState(page)).stored?.cmi[v === '12' ? 'cmi.core.lesson_status' : 'cmi.success_status']).toBe(
        'passed',
      );

      await page.getByRole('button', { name: 'Relaunch' }).click();
      await waitForInitialize(page, 3);
      const h = await harnessState(page);
      if (v === '12') {
        // SCORM 1.2 keeps the data; entry is "" because the last exit was not a suspend.
        expect(h.entry).toBe('');
        expect(h.cmi['cmi.core.lesson_status']).toBe('passed');
        expect(h.cmi['cmi.core.score.raw']).toBe('80');
      } else {
        // SCORM 2004: a non-suspend exit ends the attempt; the next launch starts fresh.
        expect(h.entry).toBe('ab-initio');
        expect(h.cmi['cmi.success_status']).toBe('unknown');
        expect(h.cmi['cmi.score.scaled']).toBe('');
      }
      await expect(frame.locator('#visit')).toHaveText('1');
      expect(h.errors).toEqual([]);
      expect(h.calls.filter((c) => c.failed)).toEqual([]);
    });

    test('Reset LMS data clears the stored data and starts a fresh attempt', async ({ page }) => {
      await openHarness(page, { v, sco: FIXTURE_SCO });
      await page.reload();
      await waitForInitialize(page);
      expect((await harnessState(page)).stored?.cmi[k.suspend]).toBe('{"visit":2}');

      await page.getByRole('button', { name: 'Reset LMS data' }).click();
      await waitForInitialize(page, 2);
      await expect(courseFrame(page).locator('#entry')).toHaveText('"ab-initio"');
      const h = await harnessState(page);
      expect(h.entry).toBe('ab-initio');
      expect(h.cmi[k.suspend]).toBe('{"visit":1}');
      // The fixture commits at start-up, so storage holds the new attempt only.
      expect(h.stored?.cmi[k.suspend]).toBe('{"visit":1}');
      expect(h.stored?.cmi[k.entry]).toBe('ab-initio');
      expect(h.errors).toEqual([]);
    });

    test('launch options from the query reach the cmi data', async ({ page }) => {
      await openHarness(page, {
        v,
        sco: FIXTURE_SCO,
        name: 'Doe, Jane',
        id: 'nurse-42',
        mode: 'review',
        credit: 'no-credit',
        mastery: 90,
      });
      await expect(courseFrame(page).locator('#learner')).toHaveText('Doe, Jane');
      const h = await harnessState(page);
      expect(h.cmi[k.name]).toBe('Doe, Jane');
      expect(h.cmi[k.id]).toBe('nurse-42');
      expect(h.cmi[k.mode]).toBe('review');
      expect(h.cmi[k.credit]).toBe('no-credit');
      expect(h.cmi[k.mastery]).toBe(v === '12' ? '90' : '0.9');
      expect(h.errors).toEqual([]);
      // The form shows the options it launched with.
      await expect(page.getByLabel('SCORM version')).toHaveValue(v);
      await expect(page.getByLabel('Learner name')).toHaveValue('Doe, Jane');
    });

    test('a failed call is recorded as a SCORM error', async ({ page }) => {
      await openHarness(page, { v, sco: FIXTURE_SCO });
      const result = await scoFrame(page).evaluate(
        ({ api, set, getLastError }) => {
          const lms = (window.parent as unknown as Record<string, Record<string, (...a: string[]) => string>>)[api]!;
          return { result: lms[set]!('cmi.no_such_element', 'x'), error: lms[getLastError]!() };
        },
        { api, set, getLastError },
      );
      expect(result.result).toBe('false');
      expect(result.error).not.toBe('0');
      const h = await harnessState(page);
      expect(h.errors).toHaveLength(1);
      expect(h.errors[0]).toContain('cmi.no_such_element');
      await expect(page.locator('#error-count')).toHaveText('1');
      await expect(page.locator('#errors')).toContainText('cmi.no_such_element');
    });
  });
}

test.describe('SCORM 1.2 limits a real LMS enforces', () => {
  /** LMSSetValue from inside the course frame, as the course would call it. */
  async function setValue(page: Page, element: string, value: string) {
    return scoFrame(page).evaluate(
      ([element, value]) => {
        const api = (window.parent as unknown as { API: Record<string, (...a: string[]) => string> }).API;
        const result = api.LMSSetValue!(element!, value!);
        return { result, error: api.LMSGetLastError!() };
      },
      [element, value],
    );
  }

  test('suspend_data: 4097 characters are rejected with 405, 4096 accepted', async ({ page }) => {
    await openHarness(page, { v: '12', sco: FIXTURE_SCO });

    expect(await setValue(page, 'cmi.suspend_data', 'x'.repeat(4097))).toEqual({ result: 'false', error: '405' });
    let h = await harnessState(page);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatch(/LMSSetValue\("cmi\.suspend_data".*error 405.*4096/);
    expect(h.cmi['cmi.suspend_data']).toBe('{"visit":1}');

    expect(await setValue(page, 'cmi.suspend_data', 'y'.repeat(4096))).toEqual({ result: 'true', error: '0' });
    await scoFrame(page).evaluate(() =>
      (window.parent as unknown as { API: { LMSCommit(p: string): string } }).API.LMSCommit(''),
    );
    h = await harnessState(page);
    expect(h.errors).toHaveLength(1);
    expect(h.stored?.cmi['cmi.suspend_data']).toHaveLength(4096);
  });

  test('lesson_location over 255 characters, long responses and non-spec identifiers are rejected', async ({
    page,
  }) => {
    await openHarness(page, { v: '12', sco: FIXTURE_SCO });
    expect(await setValue(page, 'cmi.core.lesson_location', 'l'.repeat(256))).toEqual({
      result: 'false',
      error: '405',
    });
    expect(await setValue(page, 'cmi.core.lesson_location', 'l'.repeat(255))).toEqual({ result: 'true', error: '0' });
    expect(await setValue(page, 'cmi.interactions.0.id', 'q.1')).toEqual({ result: 'false', error: '405' });
    expect(await setValue(page, 'cmi.interactions.0.id', 'q-1_a')).toEqual({ result: 'true', error: '0' });
    expect(await setValue(page, 'cmi.interactions.0.type', 'fill-in')).toEqual({ result: 'true', error: '0' });
    expect(await setValue(page, 'cmi.interactions.0.student_response', 'r'.repeat(256))).toEqual({
      result: 'false',
      error: '405',
    });
    expect((await harnessState(page)).errors).toHaveLength(3);
  });
});

test("SCORM 2004 keeps scorm-again's 64000-character suspend_data limit", async ({ page }) => {
  await openHarness(page, { v: '2004', sco: FIXTURE_SCO });
  const results = await scoFrame(page).evaluate(() => {
    const api = (window.parent as unknown as { API_1484_11: Record<string, (...a: string[]) => string> }).API_1484_11;
    return [api.SetValue!('cmi.suspend_data', 'x'.repeat(64000)), api.SetValue!('cmi.suspend_data', 'x'.repeat(64001))];
  });
  expect(results).toEqual(['true', 'false']);
  expect((await harnessState(page)).errors).toHaveLength(1);
});

test.describe('preview server', () => {
  test('serves each root with its content type and no caching', async ({ request }) => {
    const checks: Array<[string, RegExp]> = [
      ['/', /^text\/html/],
      ['/harness/harness.js', /^text\/javascript/],
      ['/harness/harness.css', /^text\/css/],
      ['/scorm-again/esm/scorm-again.js', /^text\/javascript/],
      ['/fixtures/sco/index.html', /^text\/html/],
    ];
    for (const [path, type] of checks) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['content-type'], path).toMatch(type);
      expect(response.headers()['cache-control'], path).toBe('no-store');
    }
  });

  test('answers 404 for unknown paths and for paths escaping their folder, and 405 for other methods', async ({
    request,
  }) => {
    expect((await request.get('/nothing-here')).status()).toBe(404);
    expect((await request.get('/harness/missing.js')).status()).toBe(404);
    // Encoded slashes survive URL normalisation, so these reach the server: nothing outside the folder is served.
    for (const path of [
      '/harness/..%2f..%2f..%2fpackage.json',
      '/harness/../../../package.json',
      '/scorm-again/..%2f..%2fpackage.json',
      '/fixtures/%2e%2e%2f%2e%2e%2fe2e%2fharness.spec.ts',
      '/scorm12/%2e%2e/%2e%2e/package.json',
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).not.toContain('"devDependencies"');
    }
    // The course folder named without its slash: redirected, so the course's relative URLs resolve.
    const folder = await request.get('/scorm12', { maxRedirects: 0 });
    expect(folder.status()).toBe(301);
    expect(folder.headers()['location']).toBe('/scorm12/');
    expect((await request.post('/harness/harness.js')).status()).toBe(405);
  });
});

test('the launch form switches version and options; the frame can fill the width', async ({ page }) => {
  await openHarness(page, { v: '12', sco: FIXTURE_SCO });
  await page.getByLabel('SCORM version').selectOption('2004');
  await page.getByText('Launch options').click();
  await page.getByLabel('Learner name').fill('Doe, Jane');
  await page.getByRole('button', { name: 'Launch', exact: true }).click();
  await page.waitForURL(/v=2004/);
  await waitForInitialize(page);
  // Defaults and empty fields stay out of the URL.
  expect(new URL(page.url()).search).toBe(`?v=2004&name=Doe%2C+Jane&sco=${encodeURIComponent(FIXTURE_SCO)}`);
  const h = await harnessState(page);
  expect(h.version).toBe('2004');
  expect(h.cmi['cmi.learner_name']).toBe('Doe, Jane');

  const frame = page.locator('#course');
  const tabletWidth = (await frame.boundingBox())?.width ?? 0;
  expect(tabletWidth).toBeLessThanOrEqual(1024);
  await page.getByLabel('Frame').selectOption('full');
  await expect(page.locator('#stage')).toHaveAttribute('data-size', 'full');
  expect((await frame.boundingBox())?.height ?? 0).toBeGreaterThan(400);
});

test('the harness page has no accessibility violations', async ({ page }) => {
  await openHarness(page, { v: '12', sco: FIXTURE_SCO });
  await expect(page.locator('#cmi tr').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
