/**
 * The LMS side of the preview harness: one "session" = one launch of the SCO.
 *
 * scorm-again does the SCORM runtime work. This module adds what a real LMS adds around it:
 * learner data and resume data loaded before Initialize, persistence on Commit/Terminate
 * (localStorage instead of a server), the stricter SCORM 1.2 length limits real LMSs enforce,
 * and a record of every API call and every SCORM error for the panel and for Playwright.
 */
import { Scorm12API, Scorm2004API } from 'scorm-again';

/**
 * @typedef {'1.2' | '2004'} Version
 * @typedef {Record<string, string>} FlatCmi
 * @typedef {{ name: string, id: string, mode: string, credit: string, mastery: number | null, logLevel: number }} LaunchOptions
 * @typedef {{ version: Version, sco: string, savedAt: string, event: 'commit' | 'terminate', navRequest: string, cmi: FlatCmi }} StoredRecord
 * @typedef {{ session: number, method: string, element: string, value: string, result: string, errorCode: string, failed: boolean,
 *   injected: boolean, at: number }} CallRecord
 * @typedef {{ fail?: string[], failNext?: Record<string, number>, throwOn?: string[], delayMs?: number, delayOn?: string[] }} Faults
 *   Fault injection, by version-neutral method name (Initialize, Terminate, GetValue, SetValue, Commit, GetLastError, ...):
 *   `fail` answers "false" with an error code while a method is listed (an outage); `failNext` does so for the next n
 *   calls; `throwOn` throws; `delayMs` blocks each call of `delayOn` (default: all) like a synchronous LMS on a slow network.
 */

/**
 * SCORM 1.2 limits that scorm-again relaxes on purpose (or might relax in a later version) but
 * real LMSs enforce. A course that overflows them works here only if we enforce them ourselves.
 * 405 is what scorm-again itself uses for an over-long lesson_location, and what the ADL 1.2
 * conformance suite expects for a value that does not fit the element's data type.
 */
const SCORM12_LIMITS = [
  { pattern: /^cmi\.suspend_data$/, max: 4096, type: 'CMIString4096' },
  { pattern: /^cmi\.core\.lesson_location$/, max: 255, type: 'CMIString255' },
  {
    pattern: /^cmi\.interactions\.\d+\.(student_response|correct_responses\.\d+\.pattern)$/,
    max: 255,
    type: 'CMIFeedback',
  },
  {
    pattern: /^cmi\.(objectives\.\d+|interactions\.\d+|interactions\.\d+\.objectives\.\d+)\.id$/,
    max: 255,
    type: 'CMIIdentifier',
    chars: /^[A-Za-z0-9_-]*$/,
  },
];

/** Per-version differences, so the rest of the code reads the same for both. */
export const VERSIONS = {
  1.2: {
    Api: Scorm12API,
    global: 'API',
    defaultSco: '/scorm12/index.html',
    methods: [
      'LMSInitialize',
      'LMSFinish',
      'LMSGetValue',
      'LMSSetValue',
      'LMSCommit',
      'LMSGetLastError',
      'LMSGetErrorString',
      'LMSGetDiagnostic',
    ],
    initialize: 'LMSInitialize',
    terminate: 'LMSFinish',
    commit: 'LMSCommit',
    setValue: 'LMSSetValue',
    getValue: 'LMSGetValue',
    keys: { entry: 'cmi.core.entry', exit: 'cmi.core.exit', totalTime: 'cmi.core.total_time' },
    /** @param {LaunchOptions} o @returns {FlatCmi} */
    learner: (o) => ({
      'cmi.core.student_id': o.id,
      'cmi.core.student_name': o.name,
      'cmi.core.credit': o.credit,
      'cmi.core.lesson_mode': o.mode,
      ...(o.mastery === null ? {} : { 'cmi.student_data.mastery_score': String(o.mastery) }),
    }),
    /** Set by the LMS each launch (or from the manifest), never carried from the last session. */
    lmsOwned:
      /^cmi\.(core\.(student_id|student_name|credit|lesson_mode|entry|exit|session_time)|student_data\.|launch_data|comments_from_lms)/,
    /** SCORM 1.2 has no attempts in the runtime: LMSs keep the data, only entry tells resume apart. */
    newAttempt: () => false,
    limits: SCORM12_LIMITS,
  },
  2004: {
    Api: Scorm2004API,
    global: 'API_1484_11',
    defaultSco: '/scorm2004/index.html',
    methods: [
      'Initialize',
      'Terminate',
      'GetValue',
      'SetValue',
      'Commit',
      'GetLastError',
      'GetErrorString',
      'GetDiagnostic',
    ],
    initialize: 'Initialize',
    terminate: 'Terminate',
    commit: 'Commit',
    setValue: 'SetValue',
    getValue: 'GetValue',
    keys: { entry: 'cmi.entry', exit: 'cmi.exit', totalTime: 'cmi.total_time' },
    /** @param {LaunchOptions} o @returns {FlatCmi} */
    learner: (o) => ({
      'cmi.learner_id': o.id,
      'cmi.learner_name': o.name,
      'cmi.credit': o.credit,
      'cmi.mode': o.mode,
      // One query option for both versions: a percentage, which 2004 expects scaled to 0..1.
      ...(o.mastery === null ? {} : { 'cmi.scaled_passing_score': String(o.mastery / 100) }),
    }),
    lmsOwned:
      /^cmi\.(learner_id|learner_name|credit|mode|entry|exit|session_time|launch_data|scaled_passing_score|completion_threshold|max_time_allowed|time_limit_action|comments_from_lms)/,
    /** In 2004 anything but a suspended exit ends the attempt: the next launch starts from scratch. */
    newAttempt: (/** @type {boolean} */ suspended) => !suspended,
    limits: [],
  },
};

/** Per learner, as a real LMS keeps it: two learners on one device never share an LMS record. */
const storageKey = (/** @type {Version} */ version, /** @type {string} */ sco, /** @type {string} */ learner) =>
  `lms-preview:${version}:${sco}:${learner}`;

/** @returns {StoredRecord | null} */
export function readStored(/** @type {Version} */ version, /** @type {string} */ sco, /** @type {string} */ learner) {
  try {
    const raw = localStorage.getItem(storageKey(version, sco, learner));
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function clearStored(/** @type {Version} */ version, /** @type {string} */ sco, /** @type {string} */ learner) {
  localStorage.removeItem(storageKey(version, sco, learner));
}

/** SCORM 1.2 method names -> the 2004 names that fault options use for both versions. */
const NEUTRAL = /** @type {Record<string, string>} */ ({
  LMSInitialize: 'Initialize',
  LMSFinish: 'Terminate',
  LMSGetValue: 'GetValue',
  LMSSetValue: 'SetValue',
  LMSCommit: 'Commit',
  LMSGetLastError: 'GetLastError',
  LMSGetErrorString: 'GetErrorString',
  LMSGetDiagnostic: 'GetDiagnostic',
});

/** The error an injected "false" leaves behind: 1.2 has only general errors; 2004 has one per method. */
const FAULT_CODES = {
  1.2: () => 101,
  2004: (/** @type {string} */ m) =>
    ({ Initialize: 102, Terminate: 111, GetValue: 301, SetValue: 351, Commit: 391 })[m] ?? 101,
};

/** Which fault applies to this call, if any (consumes one `failNext` count). @param {Faults} faults @param {string} name */
function faultFor(faults, name) {
  if (faults.throwOn?.includes(name)) return 'throw';
  if (faults.fail?.includes(name)) return 'fail';
  const next = faults.failNext?.[name] ?? 0;
  if (next > 0) {
    /** @type {Record<string, number>} */ (faults.failNext)[name] = next - 1;
    return 'fail';
  }
  return null;
}

/**
 * A synchronous LMS on a slow network blocks the course's thread for the whole call: like such an LMS, the call
 * waits for a synchronous request to the preview server (`/harness/slow`, which answers after `ms`). The thread is
 * blocked, and the machine's CPU stays free for the rest of the test run (a busy loop here burned a core).
 */
function block(/** @type {number} */ ms) {
  const request = new XMLHttpRequest();
  request.open('GET', `/harness/slow?ms=${ms}`, false);
  request.send();
}

/** getFlattenedCMI() also lists empty collections as `{}`: keep the string leaves only. */
function stringsOnly(/** @type {Record<string, unknown>} */ flat) {
  /** @type {FlatCmi} */
  const out = {};
  for (const [key, value] of Object.entries(flat)) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
  }
  return out;
}

/**
 * What the LMS hands the SCO at launch: learner data, entry, and (on resume) the previous data.
 * @param {Version} version @param {LaunchOptions} options @param {StoredRecord | null} stored
 * @returns {{ entry: string, data: FlatCmi }}
 */
export function launchData(version, options, stored) {
  const v = VERSIONS[version];
  if (!stored) return { entry: 'ab-initio', data: { ...v.learner(options), [v.keys.entry]: 'ab-initio' } };
  const suspended = stored.cmi[v.keys.exit] === 'suspend' || stored.navRequest === 'suspendAll';
  if (v.newAttempt(suspended))
    return { entry: 'ab-initio', data: { ...v.learner(options), [v.keys.entry]: 'ab-initio' } };
  const entry = suspended ? 'resume' : '';
  /** @type {FlatCmi} */
  const carried = {};
  for (const [key, value] of Object.entries(stored.cmi)) {
    if (value !== '' && !v.lmsOwned.test(key)) carried[key] = value;
  }
  return { entry, data: { ...carried, ...v.learner(options), [v.keys.entry]: entry } };
}

/**
 * The 2004 navigation request the course set (adl.nav.request), '' for 1.2.
 * @param {Scorm12API | Scorm2004API} api
 */
export function navRequestOf(api) {
  return api instanceof Scorm2004API ? (api.adl?.nav?.request ?? '') : '';
}

const preview = (/** @type {string} */ s) =>
  s.length > 60 ? `${JSON.stringify(s.slice(0, 40))}… (${s.length} chars)` : JSON.stringify(s);

/**
 * Creates the API for one launch, preloaded and instrumented.
 * @param {{ version: Version, sco: string, options: LaunchOptions, session: number, faults?: Faults,
 *   errors: string[], calls: CallRecord[], onChange: (call: CallRecord | null) => void }} params
 */
export function createSession({ version, sco, options, session, faults = {}, errors, calls, onChange }) {
  const v = VERSIONS[version];
  const state = { initialized: false, terminated: false, commits: 0, disposed: false, entry: '' };
  /** Error-level log lines raised inside an API call; folded into that call's error entry. */
  /** @type {string[] | null} */
  let inCall = null;

  const api = new v.Api({
    autocommit: false, // commits happen when the course asks, as with a strict LMS
    logLevel: options.logLevel,
    // Record the course's own pass/fail decision; a 1.2 LMS may override it from mastery_score,
    // but a test of the course must see what the course sent.
    mastery_override: false,
    onLogMessage: (/** @type {number | string} */ level, /** @type {string} */ message) => {
      const isError = level === 4 || level === 'ERROR';
      if (isError && inCall) inCall.push(message);
      else if (isError) errors.push(`scorm-again: ${message}`);
      const log = isError ? console.error : level === 3 || level === 'WARN' ? console.warn : console.debug;
      log(`[scorm-again] ${message}`);
    },
  });

  const stored = readStored(version, sco, options.id);
  const launch = launchData(version, options, stored);
  state.entry = launch.entry;
  api.loadFromFlattenedJSON(launch.data);

  const persist = (/** @type {'commit' | 'terminate'} */ event) => {
    if (state.disposed) return;
    const cmi = stringsOnly(api.getFlattenedCMI());
    // What the LMS keeps is the running total: the total at launch plus this session's time.
    cmi[v.keys.totalTime] = api.cmi.getCurrentTotalTime();
    /** @type {StoredRecord} */
    const record = {
      version,
      sco,
      savedAt: new Date().toISOString(),
      event,
      cmi,
      navRequest: navRequestOf(api),
    };
    try {
      localStorage.setItem(storageKey(version, sco, options.id), JSON.stringify(record));
    } catch (err) {
      console.warn('LMS preview: could not store the LMS data in localStorage', err);
    }
  };

  /** SCORM 1.2 limit check; returns the diagnostic when the value breaks a limit. */
  const limitViolation = (/** @type {string} */ element, /** @type {unknown} */ value) => {
    const text = String(value);
    for (const limit of v.limits) {
      if (!limit.pattern.test(element)) continue;
      if (text.length > limit.max)
        return `${element} is ${limit.type}: at most ${limit.max} characters in SCORM 1.2 (real LMSs reject more), got ${text.length}`;
      if (limit.chars && !limit.chars.test(text))
        return `${element} is ${limit.type}: only letters, digits, - and _ in SCORM 1.2, got ${JSON.stringify(text)}`;
    }
    return null;
  };

  /** The API's methods by name, to wrap each one. */
  const methods = /** @type {Record<string, (...args: unknown[]) => string>} */ (/** @type {unknown} */ (api));
  for (const method of v.methods) {
    const original = /** @type {(...args: unknown[]) => string} */ (methods[method]);
    const name = NEUTRAL[method] ?? method;
    methods[method] = (/** @type {unknown[]} */ ...args) => {
      if (state.disposed) console.warn(`LMS preview: ${method} called on an API from an earlier launch`);
      const element = method === v.setValue || method === v.getValue ? String(args[0] ?? '') : '';
      const value = method === v.setValue ? String(args[1]) : String(args[0] ?? '');
      const at = Math.round(performance.now());
      if (faults.delayMs && (!faults.delayOn || faults.delayOn.includes(name))) block(faults.delayMs);
      const fault = faultFor(faults, name);
      if (fault === 'throw') {
        /** @type {CallRecord} */
        const call = {
          session,
          method,
          element,
          value,
          result: 'throw',
          errorCode: '',
          failed: true,
          injected: true,
          at,
        };
        calls.push(call);
        errors.push(`[injected] ${method}(${JSON.stringify(element || value)}) threw`);
        if (!state.disposed) onChange(call);
        throw new Error(`LMS preview: injected fault, ${method} threw`);
      }
      inCall = [];
      /** @type {string} */
      let result;
      const violation = method === v.setValue && api.isInitialized() ? limitViolation(element, args[1]) : null;
      if (fault === 'fail') {
        // The call never reaches the data model: a SetValue is lost, a Commit persists nothing.
        api.throwSCORMError(element, FAULT_CODES[version](name), 'injected fault: the LMS is unavailable');
        result = 'false';
      } else if (violation) {
        api.throwSCORMError(element, 405, violation);
        result = 'false';
      } else {
        result = original.apply(api, args);
      }
      const errorCode = String(api.lastErrorCode);
      const logged = inCall;
      inCall = null;

      const failed = (result === 'false' && errorCode !== '0') || logged.length > 0;
      /** @type {CallRecord} */
      const call = {
        session,
        method,
        element,
        failed,
        result: String(result),
        errorCode,
        injected: fault !== null,
        at,
        value: method === v.getValue ? String(result) : value,
      };
      calls.push(call);
      if (failed) {
        const shown =
          method === v.setValue
            ? `${JSON.stringify(element)}, ${preview(call.value)}`
            : JSON.stringify(element || call.value);
        const detail = violation ?? api.getLmsErrorMessageDetails(errorCode, false);
        errors.push(
          `${fault ? '[injected] ' : ''}${method}(${shown}) returned ${JSON.stringify(call.result)}, error ${errorCode}: ${detail}`,
        );
      }

      if (result === 'true' && !state.disposed) {
        if (method === v.initialize) state.initialized = true;
        if (method === v.commit) {
          state.commits += 1;
          persist('commit');
        }
        if (method === v.terminate && !state.terminated) {
          state.terminated = true;
          persist('terminate');
        }
      }
      if (!state.disposed) onChange(call);
      return result;
    };
  }

  return {
    api,
    state,
    /** Live data model, as flattened element -> value strings. */
    cmi() {
      const flat = stringsOnly(api.getFlattenedCMI());
      // scorm-again leaves 1.2 total_time out of its JSON; the LMS view should show it.
      if (!(v.keys.totalTime in flat))
        flat[v.keys.totalTime] = String(/** @type {Scorm12API} */ (api).cmi.core?.total_time ?? '');
      return flat;
    },
    /** After this, late calls from an unloading course no longer touch storage or the panel. */
    dispose() {
      state.disposed = true;
    },
  };
}
