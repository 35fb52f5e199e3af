import { describe, expect, it } from 'vitest';
import { findApi } from './discovery.ts';

const api12 = Object.fromEntries(
  ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError'].map((m) => [
    m,
    () => 'true',
  ]),
);
const api2004 = Object.fromEntries(
  ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError'].map((m) => [m, () => 'true']),
);

/** A stand-in window: `parent` and `opener` links, and properties that a cross-origin frame refuses to show. */
function win(
  props: Record<string, unknown> = {},
  links: { parent?: Window; opener?: Window | null; foreign?: boolean } = {},
): Window {
  const w: Record<string, unknown> = { ...props, opener: links.opener ?? null };
  w.parent = links.parent ?? w;
  w.top = links.parent ? (links.parent as unknown as { top: unknown }).top : w;
  if (!links.foreign) return w as unknown as Window;
  // Like a cross-origin WindowProxy: parent and opener are readable, anything else throws a SecurityError.
  const proxy = new Proxy(w, {
    get(target, key) {
      if (key === 'parent' || key === 'opener' || key === 'top') return target[key as string];
      throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
    },
  });
  if (!links.parent) w.parent = w.top = proxy; // a top window is its own parent
  return proxy as unknown as Window;
}

describe('API discovery', () => {
  it('finds the API several frames up', () => {
    const top = win({ API_1484_11: api2004 });
    let w = top;
    for (let i = 0; i < 5; i++) w = win({}, { parent: w });
    expect(findApi(w, '2004')).toMatchObject({ version: '2004', where: 'parent 5' });
  });

  it('walks past a cross-origin frame without an exception', () => {
    const top = win({ API: api12 });
    const foreign = win({}, { parent: top, foreign: true });
    const course = win({}, { parent: foreign });
    expect(() => findApi(course, '1.2')).not.toThrow();
    expect(findApi(course, '1.2')).toMatchObject({ version: '1.2', where: 'parent 2' });
  });

  it('finds the API in the opener of a pop-up, and in the opener of its top window', () => {
    const lms = win({ API: api12 });
    expect(findApi(win({}, { opener: lms }), '1.2')).toMatchObject({ where: 'opener parent 0' });
    const popupTop = win({}, { opener: lms });
    expect(findApi(win({}, { parent: popupTop }), '1.2')).toMatchObject({ version: '1.2' });
  });

  it('returns null, never throws, when every frame is foreign or has no API; prefers the package version', () => {
    const foreignTop = win({ API: api12 }, { foreign: true });
    expect(findApi(win({}, { parent: foreignTop, opener: win({}, { foreign: true }) }), '1.2')).toBeNull();
    expect(findApi(win({ API: api12, API_1484_11: api2004 }), '1.2')?.version).toBe('1.2');
    expect(findApi(win({ API: { LMSInitialize: 'not a function' } }), '1.2')).toBeNull();
  });
});
