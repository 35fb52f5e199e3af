import { describe, expect, it } from 'vitest';
import type { LmsConnection } from './connection.ts';
import type { LaunchData } from './launch.ts';
import type { CourseRecord } from './record.ts';
import { LmsSession } from './session.ts';

/** An in-memory LMS connection that logs every call, and can be told to fail. */
function fakeConnection(kind: '1.2' | '2004') {
  const data = new Map<string, string>();
  const calls: string[] = [];
  let failing = false;
  const conn: LmsConnection & { data: Map<string, string>; calls: string[]; fail(on: boolean): void } = {
    kind,
    errors: [],
    data,
    calls,
    fail: (on) => (failing = on),
    initialize: () => (calls.push('Initialize'), true),
    getValue: (e) => data.get(e) ?? '',
    setValue: (e, v) => {
      calls.push(`SetValue ${e}=${v}`);
      if (failing) return false;
      data.set(e, v);
      return true;
    },
    commit: () => (calls.push('Commit'), !failing),
    terminate: () => (calls.push('Terminate'), true),
  };
  return conn;
}

function launch(overrides: Partial<LaunchData> = {}): LaunchData {
  return {
    entry: 'ab-initio', suspendData: '', location: '', masteryPercent: null, learnerName: '', learnerId: '',
    mode: 'normal', credit: 'credit', recorded: { lessonStatus12: 'not attempted', completion2004: 'unknown', success2004: 'unknown' },
    interactionCount: 0, objectiveIds: [], ...overrides,
  };
}

function record(overrides: Partial<CourseRecord> = {}): CourseRecord {
  return {
    location: 'm1/p1', suspendData: '1|x', allPassed: false, failed: false, anySubmitted: false, score: null, progressMeasure: 0.1,
    objectives: [{ id: 'm1', passed: false, failed: false, attempted: true, score: null, completed: false }], ...overrides,
  };
}

/** Timers run only when the test says so. */
function manualTimers() {
  const queue: (() => void)[] = [];
  return {
    setTimer: (fn: () => void) => queue.push(fn),
    clearTimer: () => queue.splice(0),
    run: () => queue.splice(0).forEach((fn) => fn()),
  };
}

describe('LmsSession', () => {
  it('sets exit to suspend from the start and reports incomplete, then passed (SCORM 1.2)', () => {
    const conn = fakeConnection('1.2');
    const timers = manualTimers();
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...timers });
    session.update(record());
    timers.run();
    expect(conn.data.get('cmi.core.exit')).toBe('suspend');
    expect(conn.data.get('cmi.core.lesson_status')).toBe('incomplete');
    expect(conn.data.get('cmi.core.session_time')).toMatch(/^\d{2,4}:\d{2}:\d{2}\.\d{2}$/);
    session.update(record({ allPassed: true, anySubmitted: true, score: 90 }));
    timers.run();
    expect(conn.data.get('cmi.core.lesson_status')).toBe('passed');
    expect(conn.data.get('cmi.core.score.raw')).toBe('90');
  });

  it('never lowers a status the LMS already records', () => {
    const conn = fakeConnection('1.2');
    const session = new LmsSession(conn, launch({ recorded: { lessonStatus12: 'passed', completion2004: '', success2004: '' } }), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    session.update(record());
    session.flush();
    expect(conn.data.get('cmi.core.lesson_status')).toBe('passed');

    const conn04 = fakeConnection('2004');
    const s04 = new LmsSession(conn04, launch({ recorded: { lessonStatus12: '', completion2004: 'completed', success2004: 'passed' } }), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    s04.update(record());
    s04.flush();
    expect(conn04.data.get('cmi.completion_status')).toBe('completed');
    expect(conn04.data.get('cmi.success_status')).toBe('passed');
  });

  it('sends only what changed, and coalesces a burst of changes into one commit', () => {
    const conn = fakeConnection('2004');
    const timers = manualTimers();
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...timers });
    session.update(record({ location: 'm1/p1' }));
    session.update(record({ location: 'm1/p2' }));
    session.update(record({ location: 'm1/p3' }));
    timers.run();
    expect(conn.calls.filter((c) => c === 'Commit')).toHaveLength(1);
    expect(conn.calls.filter((c) => c.startsWith('SetValue cmi.location'))).toEqual(['SetValue cmi.location=m1/p3']);
    conn.calls.length = 0;
    session.update(record({ location: 'm1/p3' }));
    timers.run();
    expect(conn.calls).toEqual([]);
  });

  it('keeps unsent data through an outage, says so, and sends it when the LMS accepts again', () => {
    const conn = fakeConnection('2004');
    const timers = manualTimers();
    const statuses: string[] = [];
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...timers });
    session.onStatus((s) => statuses.push(s));
    conn.fail(true);
    session.update(record({ location: 'm2/p1' }));
    timers.run();
    timers.run();
    expect(session.status).toBe('retrying');
    conn.fail(false);
    timers.run();
    expect(session.status).toBe('saved');
    expect(conn.data.get('cmi.location')).toBe('m2/p1');
    expect(statuses).toContain('retrying');
  });

  it('terminates exactly once; 2004 sets suspendAll and does not commit right before Terminate', () => {
    const conn = fakeConnection('2004');
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    session.update(record());
    session.terminate();
    session.terminate();
    session.update(record({ location: 'later' }));
    session.flush();
    expect(conn.calls.filter((c) => c === 'Terminate')).toHaveLength(1);
    expect(conn.calls.at(-1)).toBe('Terminate');
    expect(conn.calls.at(-2)).toBe('SetValue adl.nav.request=suspendAll');
    expect(conn.calls.slice(-4)).not.toContain('Commit');
    expect(conn.data.get('cmi.session_time')).toMatch(/^PT/);
  });

  it('commits before LMSFinish in SCORM 1.2', () => {
    const conn = fakeConnection('1.2');
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    session.update(record());
    session.terminate();
    expect(conn.calls.slice(-2)).toEqual(['Commit', 'Terminate']);
  });

  it('records nothing that changes results in review mode', () => {
    const conn = fakeConnection('1.2');
    const session = new LmsSession(conn, launch({ mode: 'review' }), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    session.update(record({ allPassed: true, score: 100, anySubmitted: true }));
    session.recordInteractions([{ id: 'm1-q1-a1', type: 'choice', response: ['a'], correct: ['a'], isCorrect: true, objectiveId: 'm1-o1', latencyMs: 1, at: new Date(), description: '' }]);
    session.flush();
    expect(conn.data.has('cmi.core.lesson_status')).toBe(false);
    expect(conn.data.has('cmi.core.score.raw')).toBe(false);
    expect([...conn.data.keys()].some((k) => k.startsWith('cmi.interactions'))).toBe(false);
  });

  it('appends interactions after those the LMS already has, in each version\'s format', () => {
    const interaction = { id: 'm1-q2-a1', type: 'choice' as const, response: ['c', 'a'], correct: ['a', 'c'], isCorrect: true, objectiveId: 'm1-o1', latencyMs: 65_000, at: new Date(2026, 10, 25, 9, 5, 7), description: 'Which?' };
    const c12 = fakeConnection('1.2');
    const s12 = new LmsSession(c12, launch({ interactionCount: 3 }), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    s12.recordInteractions([interaction]);
    s12.flush();
    expect(c12.data.get('cmi.interactions.3.id')).toBe('m1-q2-a1');
    expect(c12.data.get('cmi.interactions.3.student_response')).toBe('a,c');
    expect(c12.data.get('cmi.interactions.3.result')).toBe('correct');
    expect(c12.data.get('cmi.interactions.3.latency')).toBe('00:01:05.00');
    expect(c12.data.get('cmi.interactions.3.time')).toBe('09:05:07');

    const c04 = fakeConnection('2004');
    const s04 = new LmsSession(c04, launch(), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    s04.recordInteractions([{ ...interaction, type: 'true-false', response: ['f'], correct: ['t'], isCorrect: false }]);
    s04.flush();
    expect(c04.data.get('cmi.interactions.0.learner_response')).toBe('false');
    expect(c04.data.get('cmi.interactions.0.correct_responses.0.pattern')).toBe('true');
    expect(c04.data.get('cmi.interactions.0.result')).toBe('incorrect');
    expect(c04.data.get('cmi.interactions.0.timestamp')).toBe('2026-11-25T09:05:07');
    // id is set before any other field of the interaction (SCORM 2004 error 408 otherwise)
    const first = c04.calls.findIndex((c) => c.startsWith('SetValue cmi.interactions.0.'));
    expect(c04.calls[first]).toMatch(/^SetValue cmi\.interactions\.0\.id=/);
  });
});
