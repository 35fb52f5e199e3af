/**
 * The LMS launch layouts that discovery must cope with, on one page with the same LMS as the harness (lms.js):
 *
 *   layout=popup           the course opens in a new window; the API is in its opener
 *   layout=nested&depth=N  the course sits N frames below the API (an LMS's frame set)
 *   layout=foreign-middle  one of those frames comes from another origin; the course is back on this one
 *   layout=foreign-course  the course itself comes from another origin: the API is out of its reach
 *
 * Other query options as in harness.js: v, name, id, mode, credit, mastery, faults. The other origin is
 * http://foreign.localhost:<this port> (browsers resolve *.localhost to this machine); `foreign` overrides it.
 * window.__harness has the same shape as on the harness page (tests/e2e/fixtures/harness.ts).
 */
import { VERSIONS, createSession, readStored } from './lms.js';

const query = new URLSearchParams(location.search);
/** @type {import('./lms.js').Version} */
const version = query.get('v') === '2004' ? '2004' : '1.2';
const v = VERSIONS[version];
const layout = query.get('layout') ?? 'nested';
const depth = Math.max(1, Math.min(20, Number(query.get('depth')) || 3));
const foreign = query.get('foreign') ?? `${location.protocol}//foreign.localhost:${location.port}`;
const sco = v.defaultSco;

/** @type {import('./lms.js').LaunchOptions} */
const options = {
  name: query.get('name') || 'Learner, Preview',
  id: query.get('id') || 'learner-1',
  mode: query.get('mode') || 'normal',
  credit: query.get('credit') || 'credit',
  mastery: query.get('mastery') ? Number(query.get('mastery')) : null,
  logLevel: 4,
};
/** @type {import('./lms.js').Faults} */
const faults = query.get('faults') ? JSON.parse(/** @type {string} */ (query.get('faults'))) : {};
/** @type {string[]} */
const errors = [];
/** @type {import('./lms.js').CallRecord[]} */
const calls = [];
const session = createSession({ version, sco, options, session: 1, faults, errors, calls, onChange: () => {} });
/** @type {any} */ (window)[v.global] = session.api;

window.__harness = {
  version,
  sco,
  options,
  errors,
  calls,
  faults,
  layout,
  api: session.api,
  launches: 1,
  get entry() {
    return session.state.entry;
  },
  get initialized() {
    return session.state.initialized;
  },
  get terminated() {
    return session.state.terminated;
  },
  get commits() {
    return session.state.commits;
  },
  cmi: () => session.cmi(),
  stored: () => readStored(version, sco, options.id),
};

const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));
const text = /** @type {HTMLElement} */ (document.getElementById('layout-text'));
const frame = (/** @type {string} */ src, /** @type {string} */ title) => {
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = title;
  iframe.id = 'course';
  stage.append(iframe);
};
const framed = (/** @type {string} */ origin, /** @type {number} */ levels) =>
  `${origin}/harness/frame.html?depth=${levels}&sco=${encodeURIComponent(location.origin + sco)}`;

if (layout === 'popup') {
  text.textContent = 'The course opens in its own window; the API stays here, in its opener.';
  const button = /** @type {HTMLButtonElement} */ (document.getElementById('open-popup'));
  button.hidden = false;
  button.addEventListener('click', () => window.open(sco, 'course', 'popup,width=1024,height=768'));
} else if (layout === 'foreign-middle') {
  text.textContent = `The course is two frames down; the frame between comes from ${foreign}.`;
  frame(framed(foreign, 1), 'LMS frame from another origin');
} else if (layout === 'foreign-course') {
  text.textContent = `The course comes from ${foreign}: it cannot reach this page's API.`;
  frame(foreign + sco, 'Course from another origin');
} else {
  text.textContent = `The course is ${depth} frames below the API.`;
  frame(depth === 1 ? sco : framed(location.origin, depth - 1), 'LMS frame');
}
