/**
 * One interface over SCORM 1.2, SCORM 2004 and "no LMS" (device storage). Every call is guarded: an API method
 * that throws or answers "false" counts as a failure and is recorded, never thrown into the course.
 */
import type { Scorm12Api, Scorm2004Api } from './scorm-api.ts';
import type { ScormVersion } from './discovery.ts';

type ConnectionKind = ScormVersion | 'standalone';

export interface LmsError {
  call: string;
  code: string;
  text: string;
  diagnostic: string;
}

export interface LmsConnection {
  readonly kind: ConnectionKind;
  initialize(): boolean;
  getValue(element: string): string;
  setValue(element: string, value: string): boolean;
  commit(): boolean;
  terminate(): boolean;
  /** Recent failures, newest last (for the diagnostics and tests). */
  readonly errors: LmsError[];
}

interface RawCalls {
  initialize(): string;
  terminate(): string;
  getValue(element: string): string;
  setValue(element: string, value: string): string;
  commit(): string;
  lastError(): string;
  errorString(code: string): string;
  diagnostic(code: string): string;
}

const MAX_ERRORS = 50;

/** Wraps raw API calls so that exceptions and "false" answers become recorded failures. */
class ScormConnection implements LmsConnection {
  readonly errors: LmsError[] = [];
  constructor(
    readonly kind: ScormVersion,
    private readonly raw: RawCalls,
  ) {}

  private record(call: string): void {
    let code = '';
    let text = '';
    let diagnostic = '';
    try {
      code = String(this.raw.lastError());
      text = String(this.raw.errorString(code));
      diagnostic = String(this.raw.diagnostic(code));
    } catch {
      code = code || 'exception';
    }
    this.errors.push({ call, code, text, diagnostic });
    if (this.errors.length > MAX_ERRORS) this.errors.shift();
  }

  private call(call: string, run: () => string): string | null {
    try {
      return String(run());
    } catch (error) {
      this.errors.push({ call, code: 'exception', text: String(error), diagnostic: '' });
      if (this.errors.length > MAX_ERRORS) this.errors.shift();
      return null;
    }
  }

  private succeeded(call: string, run: () => string): boolean {
    const result = this.call(call, run);
    if (result === 'true') return true;
    if (result !== null) this.record(call);
    return false;
  }

  initialize(): boolean {
    return this.succeeded('Initialize', () => this.raw.initialize());
  }
  terminate(): boolean {
    return this.succeeded('Terminate', () => this.raw.terminate());
  }
  commit(): boolean {
    return this.succeeded('Commit', () => this.raw.commit());
  }
  setValue(element: string, value: string): boolean {
    return this.succeeded(`SetValue ${element}`, () => this.raw.setValue(element, value));
  }
  getValue(element: string): string {
    const value = this.call(`GetValue ${element}`, () => this.raw.getValue(element));
    if (value === null) return '';
    // An empty answer may be a real empty value or an error; only a non-zero error code is a failure.
    if (value === '') {
      const code = this.call('GetLastError', () => this.raw.lastError());
      if (code && code !== '0') this.record(`GetValue ${element}`);
    }
    return value;
  }
}

export function scorm12Connection(api: Scorm12Api): LmsConnection {
  return new ScormConnection('1.2', {
    initialize: () => api.LMSInitialize(''),
    terminate: () => api.LMSFinish(''),
    getValue: (e) => api.LMSGetValue(e),
    setValue: (e, v) => api.LMSSetValue(e, v),
    commit: () => api.LMSCommit(''),
    lastError: () => api.LMSGetLastError(),
    errorString: (c) => api.LMSGetErrorString(c),
    diagnostic: (c) => api.LMSGetDiagnostic(c),
  });
}

export function scorm2004Connection(api: Scorm2004Api): LmsConnection {
  return new ScormConnection('2004', {
    initialize: () => api.Initialize(''),
    terminate: () => api.Terminate(''),
    getValue: (e) => api.GetValue(e),
    setValue: (e, v) => api.SetValue(e, v),
    commit: () => api.Commit(''),
    lastError: () => api.GetLastError(),
    errorString: (c) => api.GetErrorString(c),
    diagnostic: (c) => api.GetDiagnostic(c),
  });
}

/**
 * No LMS: the course keeps its data on this device (localStorage) under SCORM 2004 element names, so the same
 * mapping code serves. Writes stay in memory until commit, like an LMS.
 */
export function standaloneConnection(storage: Storage | null, key: string): LmsConnection {
  let data: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '{}');
    if (parsed && typeof parsed === 'object') {
      data = Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string')) as Record<
        string,
        string
      >;
    }
  } catch {
    data = {}; // unreadable device data: start afresh rather than fail
  }
  const errors: LmsError[] = [];
  const persist = (): boolean => {
    try {
      storage?.setItem(key, JSON.stringify(data));
      return storage !== null;
    } catch (error) {
      errors.push({ call: 'Commit', code: 'storage', text: String(error), diagnostic: '' });
      return false;
    }
  };
  return {
    kind: 'standalone',
    errors,
    initialize: () => {
      data['cmi.entry'] = data['cmi.suspend_data'] ? 'resume' : 'ab-initio';
      return true;
    },
    getValue: (element) => data[element] ?? '',
    setValue: (element, value) => {
      // Answer-by-answer records serve an LMS's reports; on a device they would only grow without use.
      if (element.startsWith('cmi.interactions.')) return true;
      data[element] = value;
      return true;
    },
    commit: persist,
    terminate: persist,
  };
}
