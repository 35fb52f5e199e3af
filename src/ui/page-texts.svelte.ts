/**
 * The module pages' text arrives in a second file, right after the first screen is on show (see
 * tools/content/vite-plugin.ts): the welcome screen never waits for 30-odd pages it does not show.
 *
 * Each page's `html` becomes a getter over reactive state, so whatever renders a page (Page.svelte's
 * `{@html page.html}` and its interactive-element attachment) updates by itself when the text lands. On a slow
 * network a learner who is quicker than the download sees a short "Loading" line in place of the text.
 */
import type { CourseData } from '../course/types.ts';
import { whenIdle } from './when-idle.ts';

const LOADING = '<p class="page-loading">Loading this page…</p>';
const FAILED =
  '<p class="page-loading" role="alert">This page could not load. Please close the course and open it again; your progress is saved.</p>';

let texts = $state.raw<string[][] | null>(null);
let failed = $state(false);

/** Call before the first render; `load` starts the download (called after the first screen is painted). */
export function deferPageTexts(course: CourseData, load: () => Promise<string[][] | null>): void {
  const pending = course.modules.some((m) => m.pages.some((p) => p.html === ''));
  if (!pending) return; // dev build: the text is already there
  course.modules.forEach((module, m) =>
    module.pages.forEach((page, p) => {
      Object.defineProperty(page, 'html', {
        enumerable: true,
        configurable: true,
        get: () => texts?.[m]?.[p] ?? (failed ? FAILED : LOADING),
      });
    }),
  );
  const start = () =>
    load().then(
      (loaded) => (texts = loaded),
      (error: unknown) => {
        console.error(error);
        failed = true;
      },
    );
  // Low-priority work: once the first screen is painted and has settled (200 ms), when the browser is idle (at
  // most half a second later). The welcome screen never shares the network with text it does not show; the
  // learner, reading it, does not wait for the pages either (about 27 kB gzip, loaded well before a tap).
  requestAnimationFrame(() => setTimeout(() => whenIdle(start, 500), 200));
}
