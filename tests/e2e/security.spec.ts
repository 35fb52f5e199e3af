/**
 * Security in the browser: five injection probes in what the LMS provides (learner name, suspend_data, location)
 * fire nothing and show as text. The package's Content-Security-Policy over a whole course run, the requests of that
 * run and the answers kept out of the page before submitting are checked in the journey of course.spec.ts. The
 * hostile Markdown fixture is a unit test (tests/unit/hostile-content.test.ts); `npm audit --omit=dev` is run by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { displayName } from '../../src/course/certificate.ts';
import { encodeProgress } from '../../src/course/saved-state.ts';
import { openHarness, seedLms, type LaunchOptions } from './fixtures/harness.ts';
import { course } from './fixtures/course.ts';
import {
  VERSIONS,
  collectPageErrors,
  completedProgress,
  courseFrameHandle,
  recordFor,
} from './fixtures/reliability.ts';
import { cspViolations, watchCsp } from './fixtures/security.ts';

for (const { v, label } of VERSIONS) {
  test.describe(label, () => {
    const finished = completedProgress();
    const PROBES: { what: string; options?: LaunchOptions; cmi?: Record<string, string> }[] = [
      { what: 'learner name with <img onerror>', options: { name: `<img src=x onerror="top.__pwned='name-img'">` } },
      {
        what: 'learner name that closes the markup and opens a <script>',
        options: { name: `"></p></div><script>top.__pwned='name-script'</script>` },
      },
      {
        what: 'learner name "Last, First" with <svg onload>',
        options: {
          name: `Doe<svg onload="top.__pwned='name-svg'">, Jane<iframe srcdoc="<script>top.__pwned=1</script>">`,
        },
      },
      {
        what: 'suspend_data with markup in its fields',
        cmi: {
          'cmi.suspend_data': `2|${encodeProgress(course, finished).split('|')[1]}|<img src=x onerror="top.__pwned='suspend'">|7.0.0.0`,
        },
      },
      {
        what: 'location with a javascript: URL and markup',
        cmi: { location: `javascript:top.__pwned='location'//"><img src=x onerror="top.__pwned='location'">` },
      },
    ];
    for (const probe of PROBES) {
      test(`an injection probe in the ${probe.what} fires nothing and shows as text`, async ({ page }) => {
        await watchCsp(page);
        const errors = collectPageErrors(page);
        const dialogs: string[] = [];
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        const { location, ...cmi } = probe.cmi ?? {};
        const seeded = { ...recordFor(v, finished, location ?? 'complete'), ...cmi };
        if (location) seeded[v === '12' ? 'cmi.core.lesson_location' : 'cmi.location'] = location;
        await seedLms(page, v, seeded);
        await openHarness(page, { v, ...probe.options });
        const frame = await courseFrameHandle(page);
        await frame.getByRole('button', { name: /^Resume: / }).click();
        await expect(frame.getByRole('heading', { level: 1 })).toBeVisible();
        if (probe.options?.name) {
          // The certificate shows the LMS's name: as text, exactly as given (first name first).
          await frame.getByRole('button', { name: 'View your certificate' }).click();
          await expect(frame.getByTestId('certificate-name')).toHaveText(displayName(probe.options.name));
        }
        // A handler would have fired by now: every image of the page has loaded or failed, and two frames are drawn.
        await frame.evaluate(
          () =>
            new Promise<void>((done) => {
              const tick = () =>
                [...document.images].every((image) => image.complete)
                  ? requestAnimationFrame(() => requestAnimationFrame(() => done()))
                  : requestAnimationFrame(tick);
              tick();
            }),
        );
        // The package's own inline scripts (hashed in its CSP, e.g. the file:// notice) are not injections.
        const own = [
          ...readFileSync(
            join(process.cwd(), 'dist', v === '12' ? 'scorm12' : 'scorm2004', 'index.html'),
            'utf8',
          ).matchAll(/<script>([\s\S]*?)<\/script>/g),
        ].map((m) => m[1]!);
        const injected = await frame
          .locator('img[src="x"], svg, iframe, script:not([src]), [onerror], [onload]')
          .evaluateAll(
            (els, own) =>
              els
                .filter((e) => e.tagName !== 'svg' || e.hasAttribute('onload'))
                .filter((e) => !(e.tagName === 'SCRIPT' && own.includes(e.textContent ?? '')))
                .map((e) => e.outerHTML.slice(0, 80)),
            own,
          );
        expect(injected).toEqual([]);
        expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
        expect(await cspViolations(frame)).toEqual([]);
        expect(dialogs).toEqual([]);
        expect(errors).toEqual([]);
      });
    }
  });
}
