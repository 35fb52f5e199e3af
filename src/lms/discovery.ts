/**
 * Finds the LMS's SCORM API object the way the ADL samples do: up the parent frames, then from the opener
 * (the LMS may have launched the course in a pop-up). Every frame access is wrapped in try/catch because a
 * cross-origin frame throws on property access.
 */
import type { Scorm12Api, Scorm2004Api } from './scorm-api.ts';

export type ScormVersion = '1.2' | '2004';

export interface FoundApi {
  version: ScormVersion;
  api: Scorm12Api | Scorm2004Api;
  /** Where it was found, for the diagnostics: "parent 1", "opener parent 0", ... */
  where: string;
}

const MAX_PARENTS = 10;
const NAMES: Record<ScormVersion, string> = { '1.2': 'API', '2004': 'API_1484_11' };

function read(win: Window, name: string): unknown {
  try {
    const value = (win as unknown as Record<string, unknown>)[name];
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined; // cross-origin frame
  }
}

function parentOf(win: Window): Window | null {
  try {
    return win.parent && win.parent !== win ? win.parent : null;
  } catch {
    return null;
  }
}

function openerOf(win: Window): Window | null {
  try {
    return (win.opener as Window | null) ?? null;
  } catch {
    return null;
  }
}

function searchUp(start: Window, name: string, label: string): { api: unknown; where: string } | null {
  let win: Window | null = start;
  for (let depth = 0; win && depth <= MAX_PARENTS; depth++) {
    const api = read(win, name);
    if (api) return { api, where: `${label} ${depth}` };
    win = parentOf(win);
  }
  return null;
}

function hasMethods(api: unknown, methods: string[]): boolean {
  return methods.every((m) => typeof (api as Record<string, unknown>)[m] === 'function');
}

const METHODS: Record<ScormVersion, string[]> = {
  '1.2': ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError'],
  '2004': ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError'],
};

/**
 * Looks for the API of the preferred version first (an LMS may expose both; the package's own version wins),
 * then for the other one.
 */
export function findApi(win: Window, preferred: ScormVersion | null): FoundApi | null {
  const order: ScormVersion[] = preferred === '1.2' ? ['1.2', '2004'] : ['2004', '1.2'];
  for (const version of order) {
    const starts: [Window | null, string][] = [
      [win, 'parent'],
      [openerOf(win), 'opener parent'],
      [
        (() => {
          try {
            return openerOf(win.top ?? win);
          } catch {
            return null;
          }
        })(),
        'top opener parent',
      ],
    ];
    for (const [start, label] of starts) {
      if (!start) continue;
      const hit = searchUp(start, NAMES[version], label);
      if (hit && hasMethods(hit.api, METHODS[version])) {
        return { version, api: hit.api as Scorm12Api & Scorm2004Api, where: hit.where };
      }
    }
  }
  return null;
}

/** The SCORM version this package was built for, from the meta tag the packager writes into index.html. */
export function packageVersion(doc: Document): ScormVersion | null {
  const content = doc.querySelector('meta[name="scorm-version"]')?.getAttribute('content');
  return content === '1.2' || content === '2004' ? content : null;
}
