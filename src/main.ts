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
    mount(App, { target, props: { running } });
    keepReadingPlace(window);
    keepControlsInView(window);
  },
  (error: unknown) => {
    console.error(error);
    const box = document.createElement('div');
    box.className = 'load-error';
    box.setAttribute('role', 'alert');
    box.innerHTML =
      '<h1>The course could not open</h1><p>Part of the course did not load. Please close this window and open the course again. If this keeps happening, contact your course administrator.</p>';
    target.replaceChildren(box);
  },
);
