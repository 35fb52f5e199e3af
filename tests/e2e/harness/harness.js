/**
 * Harness page: reads the launch options from the URL, creates the LMS API (lms.js), launches
 * the course in the iframe and shows what the LMS records. Served as-is, no build step.
 *
 * Query options: v=12|2004, name, id, mode=normal|review|browse, credit=credit|no-credit,
 * mastery=0..100 (percent), sco=/path/on/this/server, log=debug,
 * faults={"fail":["Commit"],...} (JSON, see Faults in lms.js; tests can also change window.__harness.faults live).
 * Tests read window.__harness (see tests/e2e/fixtures/harness.ts for its type).
 */
import { VERSIONS, createSession, readStored, clearStored, navRequestOf } from './lms.js';

const query = new URLSearchParams(location.search);
/** @type {string[]} */
const notices = [];

/** @type {import('./lms.js').Version} */
const version = query.get('v') === '2004' ? '2004' : '1.2';
const v = VERSIONS[version];

const defaults = { name: 'Learner, Preview', id: 'learner-1', mode: 'normal', credit: 'credit' };
const oneOf = (/** @type {string | null} */ value, /** @type {string[]} */ allowed, /** @type {string} */ fallback) =>
  value && allowed.includes(value) ? value : fallback;

/** @returns {number | null} */
function parseMastery(/** @type {string | null} */ raw) {
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  if (Number.isFinite(n) && n >= 0 && n <= 100) return n;
  notices.push(`Ignored pass mark "${raw}": use a percentage from 0 to 100.`);
  return null;
}

/** Only paths on this server: the course must share the harness origin to find the API. */
function parseSco(/** @type {string | null} */ raw) {
  if (!raw) return v.defaultSco;
  const url = new URL(raw, location.origin);
  if (raw.startsWith('/') && !raw.startsWith('//') && url.origin === location.origin)
    return url.pathname + url.search + url.hash;
  notices.push(`Ignored launch URL "${raw}": it must be a path on this server, like /fixtures/sco/index.html.`);
  return v.defaultSco;
}

/** @type {import('./lms.js').LaunchOptions} */
const options = {
  name: query.get('name') || defaults.name,
  id: query.get('id') || defaults.id,
  mode: oneOf(query.get('mode'), ['normal', 'review', 'browse'], defaults.mode),
  credit: oneOf(query.get('credit'), ['credit', 'no-credit'], defaults.credit),
  mastery: parseMastery(query.get('mastery')),
  logLevel: query.get('log') === 'debug' ? 1 : 4,
};
const sco = parseSco(query.get('sco'));

/** @returns {import('./lms.js').Faults} */
function parseFaults(/** @type {string | null} */ raw) {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') return parsed;
  } catch {
    /* reported below */
  }
  notices.push(`Ignored faults "${raw}": use JSON such as {"fail":["Commit"]}.`);
  return {};
}
/** One live object for every launch of this page, so a test can start and end an outage at any time. */
const faults = parseFaults(query.get('faults'));

/** @type {string[]} */
const errors = [];
/** @type {import('./lms.js').CallRecord[]} */
const calls = [];
/** @type {ReturnType<typeof createSession> | null} */
let session = null;
let launches = 0;

window.__harness = {
  version,
  sco,
  options,
  errors,
  calls,
  faults,
  get api() {
    return session?.api ?? null;
  },
  get launches() {
    return launches;
  },
  get entry() {
    return session?.state.entry ?? '';
  },
  get initialized() {
    return session?.state.initialized ?? false;
  },
  get terminated() {
    return session?.state.terminated ?? false;
  },
  get commits() {
    return session?.state.commits ?? 0;
  },
  cmi: () => session?.cmi() ?? {},
  stored: () => readStored(version, sco, options.id),
};

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const frame = /** @type {HTMLIFrameElement} */ ($('course'));

/**
 * Points the iframe at about:blank and waits for it to load: by then the course's unload handlers have run against
 * the old API.
 */
function unloadCourse() {
  if (!frame.getAttribute('src')) return Promise.resolve();
  return new Promise((resolve) => {
    frame.addEventListener('load', () => resolve(undefined), { once: true });
    frame.src = 'about:blank';
  });
}

async function launch({ reset = false } = {}) {
  for (const id of ['relaunch', 'reset']) /** @type {HTMLButtonElement} */ ($(id)).disabled = true;
  await unloadCourse();
  session?.dispose();
  if (reset) clearStored(version, sco, options.id);
  launches += 1;
  session = createSession({
    version,
    sco,
    options,
    session: launches,
    faults,
    errors,
    calls,
    onChange: scheduleRender,
  });
  // The API must exist before the course loads: it looks for it once, at start-up.
  /** @type {any} */ (window)[v.global] = session.api;
  frame.src = sco;
  scheduleRender();
  for (const id of ['relaunch', 'reset']) /** @type {HTMLButtonElement} */ ($(id)).disabled = false;
}

// ---------------------------------------------------------------- panel rendering

let renderQueued = false;
let lastRender = -Infinity;
/** At most about four renders a second: a burst of calls (one save) is shown once, after it. */
const RENDER_EVERY_MS = 250;
function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  const run = () =>
    requestAnimationFrame(() => {
      renderQueued = false;
      lastRender = performance.now();
      render();
    });
  const wait = lastRender + RENDER_EVERY_MS - performance.now();
  if (wait > 0) setTimeout(run, wait);
  else run();
}

const shorten = (/** @type {string} */ s, max = 160) =>
  s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s;

/** @type {Record<string, string>} */
let lastCmi = {};
let renderedErrors = 0;
let renderedCalls = 0;
let lastCallSession = 0;

function render() {
  if (!session) return;
  const cmi = session.cmi();
  renderSummary(cmi);
  renderCmi(cmi);
  renderErrors();
  renderCalls();
  renderNotice(cmi);
}

function renderSummary(/** @type {Record<string, string>} */ cmi) {
  if (!session) return;
  const s = session.state;
  const stored = readStored(version, sco, options.id);
  /** @type {[string, string][]} */
  const rows = [
    ['Launch', `#${launches}, entry "${s.entry}"`],
    ['Session', s.terminated ? 'terminated' : s.initialized ? 'running' : 'waiting for Initialize'],
    ...(version === '1.2'
      ? /** @type {[string, string][]} */ ([
          ['Status', cmi['cmi.core.lesson_status'] ?? ''],
          ['Score', cmi['cmi.core.score.raw'] || '–'],
          ['Location', cmi['cmi.core.lesson_location'] || '–'],
        ])
      : /** @type {[string, string][]} */ ([
          ['Completion', cmi['cmi.completion_status'] ?? ''],
          ['Success', cmi['cmi.success_status'] ?? ''],
          ['Score', cmi['cmi.score.scaled'] ? `${cmi['cmi.score.scaled']} scaled` : cmi['cmi.score.raw'] || '–'],
          ['Location', cmi['cmi.location'] || '–'],
        ])),
    ['Commits', String(s.commits)],
    ['Stored', stored ? `${new Date(stored.savedAt).toLocaleTimeString()} (${stored.event})` : 'nothing yet'],
  ];
  const dl = $('summary');
  dl.replaceChildren(
    ...rows.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }),
  );
}

/** The cmi table's rows by element, to update only what changed (the table is long once a quiz is recorded). */
/** @type {Map<string, HTMLTableRowElement>} */
const cmiRows = new Map();

/** One row of the cmi table; `changed` highlights it briefly. */
function cmiRow(/** @type {string} */ key, /** @type {string} */ value, /** @type {boolean} */ changed) {
  const tr = document.createElement('tr');
  if (changed) tr.className = 'changed';
  if (value === '') tr.classList.add('empty');
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = key;
  const td = document.createElement('td');
  td.textContent = shorten(value);
  if (value.length > 160) td.title = `${value.length} characters`;
  tr.append(th, td);
  return tr;
}

function renderCmi(/** @type {Record<string, string>} */ cmi) {
  const keys = Object.keys(cmi);
  const sameElements = keys.length === cmiRows.size && keys.every((key, i) => [...cmiRows.keys()][i] === key);
  if (sameElements) {
    // The same elements in the same order: the last update's highlight goes, and only changed rows are replaced.
    for (const row of cmiRows.values()) row.classList.remove('changed');
    for (const key of keys) {
      const value = /** @type {string} */ (cmi[key]);
      if (lastCmi[key] === value) continue;
      const row = cmiRow(key, value, true);
      cmiRows.get(key)?.replaceWith(row);
      cmiRows.set(key, row);
    }
  } else {
    cmiRows.clear();
    for (const key of keys) {
      const value = /** @type {string} */ (cmi[key]);
      cmiRows.set(key, cmiRow(key, value, key in lastCmi && lastCmi[key] !== value));
    }
    $('cmi').replaceChildren(...cmiRows.values());
  }
  lastCmi = cmi;
}

function renderErrors() {
  const list = $('errors');
  for (; renderedErrors < errors.length; renderedErrors++) {
    const li = document.createElement('li');
    li.textContent = shorten(errors[renderedErrors] ?? '', 400);
    list.append(li);
  }
  $('error-count').textContent = String(errors.length);
  $('error-count').classList.toggle('bad', errors.length > 0);
  $('no-errors').hidden = errors.length > 0;
}

const QUERIES = /GetLastError|GetErrorString|GetDiagnostic/;
const MAX_CALL_ROWS = 400;

function renderCalls() {
  const body = $('calls');
  for (; renderedCalls < calls.length; renderedCalls++) {
    const call = calls[renderedCalls];
    if (!call) continue;
    if (call.session !== lastCallSession) {
      lastCallSession = call.session;
      const tr = document.createElement('tr');
      tr.className = 'separator';
      const td = document.createElement('td');
      td.colSpan = 3;
      td.textContent = `Launch ${call.session}`;
      tr.append(td);
      body.prepend(tr);
    }
    const tr = document.createElement('tr');
    if (QUERIES.test(call.method)) tr.classList.add('query');
    if (call.failed) tr.classList.add('failed');
    const number = document.createElement('td');
    number.textContent = String(renderedCalls + 1);
    // One readable line per call: Method element = "value" (a narrow panel has no room for columns).
    const what = document.createElement('td');
    const method = document.createElement('span');
    method.className = 'method';
    method.textContent = call.method;
    const isSet = call.method.endsWith('SetValue');
    const isGet = call.method.endsWith('GetValue');
    const args = isSet
      ? ` ${call.element} = ${JSON.stringify(shorten(call.value, 60))}`
      : isGet
        ? ` ${call.element}`
        : call.value
          ? ` ${call.value}`
          : '';
    what.append(method, args);
    const result = document.createElement('td');
    const returned = isGet ? JSON.stringify(shorten(call.result, 60)) : call.result;
    result.textContent = call.errorCode === '0' ? returned : `${returned} (${call.errorCode})`;
    tr.append(number, what, result);
    body.prepend(tr);
  }
  while (body.childElementCount > MAX_CALL_ROWS) body.lastElementChild?.remove();
}

function renderNotice(/** @type {Record<string, string>} */ cmi) {
  const notice = $('notice');
  const lines = [...notices];
  if (session?.state.terminated) {
    const exit = cmi[version === '1.2' ? 'cmi.core.exit' : 'cmi.exit'] || '(none)';
    const nav = navRequestOf(session.api);
    lines.push(
      `The course ended the session (exit: ${exit}${nav && nav !== '_none_' ? `, navigation request: ${nav}` : ''}). ` +
        'A real LMS would close it now. Relaunch to start the next session.',
    );
  }
  notice.textContent = lines.join(' ');
  notice.hidden = lines.length === 0;
}

// ---------------------------------------------------------------- controls

function setUpControls() {
  const form = /** @type {HTMLFormElement} */ ($('launch-form'));
  /** @type {HTMLSelectElement} */ ($('version')).value = version === '2004' ? '2004' : '12';
  for (const [name, fallback] of Object.entries({ ...defaults, mastery: '', sco: '' })) {
    const input = /** @type {HTMLInputElement | HTMLSelectElement} */ (form.elements.namedItem(name));
    if (input instanceof HTMLInputElement) {
      input.value = query.get(name) ?? '';
      input.placeholder = name === 'sco' ? v.defaultSco : fallback;
    } else {
      input.value = /** @type {any} */ (options)[name];
    }
  }
  // The launch URL placeholder names the default course of the version about to be launched.
  const versionSelect = /** @type {HTMLSelectElement} */ ($('version'));
  versionSelect.addEventListener('change', () => {
    /** @type {HTMLInputElement} */ ($('opt-sco')).placeholder =
      VERSIONS[versionSelect.value === '2004' ? '2004' : '1.2'].defaultSco;
  });
  // Keep the URL short and shareable: leave out empty fields and defaults.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && value !== '' && value !== /** @type {any} */ (defaults)[name])
        params.set(name, value);
    }
    location.search = params.toString();
  });

  $('relaunch').addEventListener('click', () => void launch());
  $('reset').addEventListener('click', () => void launch({ reset: true }));

  const sizeSelect = /** @type {HTMLSelectElement} */ ($('frame-size'));
  const sizeKey = 'lms-preview:frame-size';
  sizeSelect.value = localStorage.getItem(sizeKey) ?? 'tablet';
  if (!sizeSelect.value) sizeSelect.value = 'tablet';
  const applySize = () => {
    $('stage').dataset.size = sizeSelect.value;
    localStorage.setItem(sizeKey, sizeSelect.value);
  };
  sizeSelect.addEventListener('change', applySize);
  applySize();

  const showQueries = /** @type {HTMLInputElement} */ ($('show-queries'));
  showQueries.addEventListener('change', () =>
    $('calls').closest('table')?.classList.toggle('show-queries', showQueries.checked),
  );

  document.title = `LMS preview · SCORM ${version}`;
}

setUpControls();
void launch();
