/**
 * After a failed commit the course sends again everything written since the last successful one, so an LMS that
 * lost the request (or a 2004 player that posts only what is set again) ends up with all of it, and "Saved" is
 * shown only once a commit succeeds.
 */
import { describe, expect, it } from 'vitest';
import type { LmsConnection } from './connection.ts';
import { launchData } from './launch.fixture.ts';
import type { CourseRecord } from './record.ts';
import { LmsSession } from './session.ts';

/** An LMS whose failed commit loses every value set since its last successful commit. */
function forgetfulLms() {
  const stored = new Map<string, string>();
  let uncommitted = new Map<string, string>();
  let failing = false;
  const conn: LmsConnection & { stored: Map<string, string>; fail(on: boolean): void } = {
    kind: '2004',
    errors: [],
    stored,
    fail: (on) => (failing = on),
    initialize: () => true,
    getValue: (e) => stored.get(e) ?? '',
    setValue: (e, v) => (uncommitted.set(e, v), true),
    commit: () => {
      if (!failing) for (const [e, v] of uncommitted) stored.set(e, v);
      uncommitted = new Map();
      return !failing;
    },
    terminate: () => true,
  };
  return conn;
}

const launch = launchData();

const record = (location: string, extra: Partial<CourseRecord> = {}): CourseRecord => ({
  location,
  suspendData: `1|${location}`,
  allPassed: false,
  failed: false,
  anySubmitted: false,
  score: null,
  progressMeasure: 0.5,
  objectives: [],
  ...extra,
});

describe('A failed save', () => {
  it('is sent again whole, and "Saved" comes only when a commit succeeds', () => {
    const lms = forgetfulLms();
    const session = new LmsSession(lms, launch, { scorm12Status: 'passed-incomplete' });
    session.update(record('m1/p1'));
    expect(session.flush()).toBe(true);
    lms.fail(true);
    session.update(record('m4/p9', { allPassed: true, anySubmitted: true, score: 92, progressMeasure: 1 }));
    expect(session.flush()).toBe(false);
    expect(session.status).toBe('retrying');
    expect(lms.stored.get('cmi.location')).toBe('m1/p1');
    lms.fail(false);
    expect(session.flush()).toBe(true);
    expect(session.status).toBe('saved');
    expect(lms.stored.get('cmi.location')).toBe('m4/p9');
    expect(lms.stored.get('cmi.completion_status')).toBe('completed');
    expect(lms.stored.get('cmi.success_status')).toBe('passed');
    expect(lms.stored.get('cmi.score.raw')).toBe('92');
  });
});
