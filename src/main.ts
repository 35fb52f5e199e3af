import { mount } from 'svelte';
import { loadCourseData, loadPageTexts } from 'virtual:course-data-loader';
import App from './ui/App.svelte';
import { startCourse } from './app/start-course.ts';
import { keepReadingPlace } from './ui/reading-place.ts';
import { keepControlsInView } from './ui/visible-area.ts';
import { deferPageTexts } from './ui/page-texts.svelte.ts';
import './ui/styles.css';

const target = document.getElementById('app')!;

// The course content is data (JSON files in the package), not part of the script: what the first screen needs
// (preloaded by index.html), then the pages' text, fetched once that screen is on show.
loadCourseData().then(
  (course) => {
    deferPageTexts(course, loadPageTexts);
    const running = startCourse(course);
    // The first screen is drawn in a task of its own: starting the course (reading the LMS, restoring progress)
    // and laying out the first screen in one go made one long task that a slow tablet could not answer a tap
    // during (Lighthouse's total blocking time, npm run bench).
    setTimeout(() => {
      mount(App, { target, props: { running } });
      keepReadingPlace(window);
      keepControlsInView(window);
    }, 0);
  },
  (error: unknown) => {
    console.error(error);
    if (showContentProblems(error)) return;
    const box = document.createElement('div');
    box.className = 'load-error';
    box.setAttribute('role', 'alert');
    box.innerHTML =
      '<h1>The course could not open</h1><p>Part of the course did not load. Please close this window and open the course again. If this keeps happening, contact your course administrator.</p>';
    target.replaceChildren(box);
  },
);

/**
 * Live preview only (npm run dev): the content compiler's problems, one "file:line: message" per line, in place of
 * the course, so an author sees what to fix where they look. A built package never has these (the build fails).
 */
function showContentProblems(error: unknown): boolean {
  const problems = (error as { contentProblems?: unknown } | null)?.contentProblems;
  if (!Array.isArray(problems)) return false;
  const box = document.createElement('section');
  box.className = 'load-error content-problems';
  box.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = `The course content has ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix`;
  const hint = document.createElement('p');
  hint.textContent = 'Each line names the file and line. Save the file after fixing it: this page updates by itself.';
  const list = document.createElement('ul');
  for (const problem of problems) {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = String(problem);
    item.append(code);
    list.append(item);
  }
  box.append(title, hint, list);
  target.replaceChildren(box);
  return true;
}
