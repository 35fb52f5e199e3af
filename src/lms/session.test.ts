import { describe, expect, it } from 'vitest';
import type { LmsConnection } from './connection.ts';
import type { CourseRecord } from './record.ts';
import { LmsSession } from './session.ts';
import { localBackup, readBackup } from './backup.ts';
import { memoryStorage } from './memory-storage.fixture.ts';
import { launchData } from './launch.fixture.ts';

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

const launch = launchData;

function record(overrides: Partial<CourseRecord> = {}): CourseRecord {
  return {
    location: 'm1/p1',
    suspendData: '1|x',
    allPassed: false,
    failed: false,
    anySubmitted: false,
    score: null,
    progressMeasure: 0.1,
    objectives: [{ id: 'm1', passed: false, failed: false, attempted: true, score: null, completed: false }],
    ...overrides,
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
    conn.calls.length = 0;
    timers.run();
    expect(conn.data.get('cmi.core.lesson_status')).toBe('passed');
    // The score follows in a commit of its own, once the LMS has committed the new status.
    expect(conn.data.get('cmi.core.score.raw')).toBeUndefined();
    timers.run();
    expect(conn.data.get('cmi.core.score.raw')).toBe('90');
    const order = conn.calls.map((c) => c.split('=')[0]);
    expect(order.indexOf('SetValue cmi.core.lesson_status')).toBeLessThan(order.indexOf('Commit'));
    expect(order.indexOf('Commit')).toBeLessThan(order.indexOf('SetValue cmi.core.score.raw'));
  });

  it('never lowers a status the LMS already records, and does not even rewrite it', () => {
    const conn = fakeConnection('1.2');
    const session = new LmsSession(
      conn,
      launch({ recorded: { lessonStatus12: 'passed', completion2004: '', success2004: '' } }),
      { scorm12Status: 'passed-incomplete', ...manualTimers() },
    );
    session.update(record());
    session.flush();
    expect(conn.calls.filter((c) => c.startsWith('SetValue cmi.core.lesson_status'))).toEqual([]);

    const conn04 = fakeConnection('2004');
    const s04 = new LmsSession(
      conn04,
      launch({ recorded: { lessonStatus12: '', completion2004: 'completed', success2004: 'passed' } }),
      { scorm12Status: 'passed-incomplete', ...manualTimers() },
    );
    s04.update(record());
    s04.flush();
    expect(conn04.calls.filter((c) => /SetValue cmi\.(completion|success)_status/.test(c))).toEqual([]);
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
    const session = new LmsSession(conn, launch({ mode: 'review' }), {
      scorm12Status: 'passed-incomplete',
      ...manualTimers(),
    });
    session.update(record({ allPassed: true, score: 100, anySubmitted: true }));
    session.recordInteractions([
      {
        id: 'm1-q1-a1',
        type: 'choice',
        response: ['a'],
        correct: ['a'],
        isCorrect: true,
        objectiveId: 'm1-o1',
        latencyMs: 1,
        at: new Date(),
        description: '',
      },
    ]);
    session.flush();
    expect(conn.data.has('cmi.core.lesson_status')).toBe(false);
    expect(conn.data.has('cmi.core.score.raw')).toBe(false);
    expect([...conn.data.keys()].some((k) => k.startsWith('cmi.interactions'))).toBe(false);
  });

  it("appends interactions after those the LMS already has, in each version's format", () => {
    const interaction = {
      id: 'm1-q2-a1',
      type: 'choice' as const,
      response: ['c', 'a'],
      correct: ['a', 'c'],
      isCorrect: true,
      objectiveId: 'm1-o1',
      latencyMs: 65_000,
      at: new Date(2026, 10, 25, 9, 5, 7),
      description: 'Which?',
    };
    const c12 = fakeConnection('1.2');
    const s12 = new LmsSession(c12, launch({ interactionCount: 3 }), {
      scorm12Status: 'passed-incomplete',
      ...manualTimers(),
    });
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
  it.each([
    ['1.2', ['Commit', 'Commit', 'Terminate']],
    ['2004', ['Terminate']],
  ] as const)(
    '%s: a learner who leaves right after the last quiz is recorded in these requests: %j',
    (kind, requests) => {
      const conn = fakeConnection(kind);
      const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...manualTimers() });
      const done = { passed: true, failed: false, attempted: true, score: 92, completed: true };
      session.update(record({ allPassed: true, anySubmitted: true, score: 92, objectives: [{ id: 'm1', ...done }] }));
      expect(session.terminate()).toBe(true);
      // 1.2: the status in a commit of its own, then the score (Moodle's completion check). 2004: one request, as
      // Moodle sends each one as a beacon when the tab closes and the browser drops them past 64 KiB in flight.
      expect(conn.calls.filter((c) => c === 'Commit' || c === 'Terminate')).toEqual(requests);
      expect(conn.data.get(kind === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw')).toBe('92');
    },
  );

  it('2004: a score whose commit failed is sent again as it is, in one commit (no stand-in as for 1.2)', () => {
    const conn = fakeConnection('2004');
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    const done = { passed: true, failed: false, attempted: true, score: 92, completed: true };
    session.update(record({ allPassed: true, anySubmitted: true, score: 92, objectives: [{ id: 'm1', ...done }] }));
    const commit = conn.commit;
    conn.commit = () => false;
    expect(session.flush()).toBe(false);
    conn.commit = commit;
    const before = conn.calls.length;
    expect(session.flush()).toBe(true);
    const again = conn.calls.slice(before);
    expect(again.filter((c) => c === 'Commit')).toHaveLength(1);
    expect(again).toContain('SetValue cmi.score.raw=92');
    expect(again.some((c) => /^SetValue cmi\.score\.raw=91\.99/.test(c))).toBe(false);
  });

  it('a flush with nothing the LMS lacks makes no request (a tab hidden and shown again)', () => {
    const conn = fakeConnection('2004');
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    session.update(record());
    expect(session.flush()).toBe(true);
    const requests = conn.calls.length;
    expect(session.flush()).toBe(true);
    expect(conn.calls.length).toBe(requests);
    session.update(record({ location: 'm1/p2' }));
    expect(session.flush()).toBe(true);
    expect(conn.calls.slice(requests)).toContain('Commit');
  });

  it('keeps uncommitted writes on the device during an outage, and forgets them once the LMS commits', () => {
    const conn = fakeConnection('1.2');
    const timers = manualTimers();
    const storage = memoryStorage();
    const backup = localBackup(storage, 'course', '1.2', 'nurse-a');
    const session = new LmsSession(conn, launch({ suspendData: '1|old', learnerId: 'nurse-a' }), {
      scorm12Status: 'passed-incomplete',
      backup,
      ...timers,
    });
    conn.fail(true);
    session.update(record({ suspendData: '1|new', location: 'm1/p2' }));
    timers.run();
    expect(session.status).toBe('retrying');
    expect(readBackup(storage, 'course', '1.2', 'nurse-a', '1|old')).toEqual([
      ['cmi.core.lesson_location', 'm1/p2'],
      ['cmi.suspend_data', '1|new'],
    ]);
    conn.fail(false);
    timers.run();
    expect(session.status).toBe('saved');
    expect(storage.length).toBe(0);
  });

  it('a Commit that fails keeps the copy even though every SetValue was accepted', () => {
    const conn = fakeConnection('2004');
    const storage = memoryStorage();
    const session = new LmsSession(conn, launch({ learnerId: 'nurse-a' }), {
      scorm12Status: 'passed-incomplete',
      backup: localBackup(storage, 'c', '2004', 'nurse-a'),
      ...manualTimers(),
    });
    session.update(record({ suspendData: '1|new' }));
    conn.commit = () => false;
    expect(session.flush()).toBe(false);
    expect(conn.data.get('cmi.suspend_data')).toBe('1|new');
    expect(readBackup(storage, 'c', '2004', 'nurse-a', '')).toContainEqual(['cmi.suspend_data', '1|new']);
  });

  it('keeps the latest progress on the device while a 1.2 save that failed is sent again through a stand-in', () => {
    const conn = fakeConnection('1.2');
    const timers = manualTimers();
    const storage = memoryStorage();
    const session = new LmsSession(conn, launch({ suspendData: '1|old', learnerId: 'nurse-a' }), {
      scorm12Status: 'passed-incomplete',
      backup: localBackup(storage, 'course', '1.2', 'nurse-a'),
      ...timers,
    });
    const commit = conn.commit;
    conn.commit = () => false; // every SetValue accepted, the commit lost
    session.update(record({ suspendData: '1|new' }));
    timers.run();
    expect(session.status).toBe('retrying');
    session.update(record({ suspendData: '1|newer' }));
    expect(readBackup(storage, 'course', '1.2', 'nurse-a', '1|old')).toContainEqual(['cmi.suspend_data', '1|newer']);
    conn.commit = commit;
    for (let i = 0; i < 5; i++) timers.run();
    expect(session.status).toBe('saved');
    expect(conn.data.get('cmi.suspend_data')).toBe('1|newer');
  });

  it('a value changed back during an outage is not overwritten later by the stale one', () => {
    const conn = fakeConnection('2004');
    const timers = manualTimers();
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...timers });
    session.update(record({ location: 'm1/p1' }));
    timers.run();
    conn.fail(true);
    session.update(record({ location: 'm1/p2' }));
    timers.run();
    session.update(record({ location: 'm1/p1' }));
    conn.fail(false);
    timers.run();
    expect(conn.data.get('cmi.location')).toBe('m1/p1');
    expect(conn.calls.filter((c) => c.startsWith('SetValue cmi.location=m1/p2'))).toHaveLength(1); // only the refused try
  });

  it('retries with growing delays, and one refused SetValue holds back the rest (order matters)', () => {
    const conn = fakeConnection('2004');
    const delays: number[] = [];
    const queue: (() => void)[] = [];
    const session = new LmsSession(conn, launch(), {
      scorm12Status: 'passed-incomplete',
      setTimer: (fn, ms) => (delays.push(ms), queue.push(fn)),
      clearTimer: () => undefined,
    });
    conn.fail(true);
    session.update(record());
    for (let i = 0; i < 5; i++) queue.shift()!();
    expect(delays).toEqual([250, 1000, 2000, 4000, 8000, 15000]);
    expect(conn.calls.filter((c) => c.startsWith('SetValue'))).toHaveLength(5); // one try per round
    expect(session.status).toBe('retrying');
  });

  it('drops a value the LMS can never accept instead of retrying it for ever', () => {
    const conn = fakeConnection('1.2');
    const setValue = conn.setValue;
    conn.setValue = (e, v) => {
      if (e === 'cmi.core.lesson_location') {
        conn.errors.push({ call: `SetValue ${e}`, code: '405', text: 'Incorrect Data Type', diagnostic: '' });
        return false;
      }
      return setValue(e, v);
    };
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    session.update(record());
    expect(session.flush()).toBe(true);
    expect(conn.data.get('cmi.suspend_data')).toBe('1|x');
    expect(session.status).toBe('saved');
  });

  it('an API that throws is a failure like any other (the connection turns it into false)', async () => {
    const { scorm12Connection } = await import('./connection.ts');
    const boom = () => {
      throw new Error('LMS exploded');
    };
    const api = {
      LMSInitialize: () => 'true',
      LMSFinish: boom,
      LMSGetValue: boom,
      LMSSetValue: boom,
      LMSCommit: boom,
      LMSGetLastError: boom,
      LMSGetErrorString: boom,
      LMSGetDiagnostic: boom,
    };
    const conn = scorm12Connection(api);
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    session.update(record());
    expect(() => session.flush()).not.toThrow();
    expect(session.status).toBe('retrying');
    expect(() => session.terminate()).not.toThrow();
    expect(conn.errors.every((e) => e.code === 'exception')).toBe(true);
  });

  it('a slow LMS: a save yields to the browser after each call that used up its slice, and commits once', () => {
    const conn = fakeConnection('2004');
    let clock = 0;
    const setValue = conn.setValue;
    conn.setValue = (e, v) => ((clock += 2000), setValue(e, v)); // every call blocks for 2 s
    const queue: (() => void)[] = [];
    const session = new LmsSession(conn, launch(), {
      scorm12Status: 'passed-incomplete',
      now: () => clock,
      setTimer: (fn) => queue.push(fn),
      clearTimer: () => undefined,
    });
    session.update(record({ location: 'm1/p1' }));
    session.update(record({ location: 'm1/p2' })); // a burst of changes ...
    let slices = 0;
    while (queue.length) {
      const before = conn.calls.length;
      queue.shift()!();
      slices++;
      expect(conn.calls.length - before).toBeLessThanOrEqual(1); // ... never more than one slow call per task
      if (slices === 3) session.update(record({ location: 'm1/p3' })); // more input while saving joins this save
    }
    expect(conn.calls.filter((c) => c === 'Commit')).toHaveLength(1);
    expect(conn.data.get('cmi.location')).toBe('m1/p3');
    expect(session.status).toBe('saved');
  });

  it('a fast LMS saves in a single task', () => {
    const conn = fakeConnection('1.2');
    const timers = manualTimers();
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', now: () => 0, ...timers });
    session.update(record());
    timers.run();
    expect(conn.calls.at(-1)).toBe('Commit');
  });

  it('terminates once, calls nothing afterwards, and returns whether the LMS took everything', () => {
    const conn = fakeConnection('1.2');
    const session = new LmsSession(conn, launch(), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    session.update(record());
    expect(session.terminate()).toBe(true);
    const calls = conn.calls.length;
    expect(session.terminate()).toBe(true);
    session.update(record({ location: 'elsewhere' }));
    session.recordInteractions([
      {
        id: 'm1-q1-a1',
        type: 'choice',
        response: ['a'],
        correct: ['a'],
        isCorrect: true,
        objectiveId: 'm1-o1',
        latencyMs: 1,
        at: new Date(),
        description: '',
      },
    ]);
    expect(session.flush()).toBe(false);
    expect(conn.calls.length).toBe(calls);

    const down = fakeConnection('2004');
    const s04 = new LmsSession(down, launch(), { scorm12Status: 'passed-incomplete', ...manualTimers() });
    down.fail(true);
    s04.update(record());
    expect(s04.terminate()).toBe(false);
  });

  it('a relaunch that changes nothing writes nothing but exit and session time', () => {
    const conn = fakeConnection('1.2');
    const timers = manualTimers();
    const session = new LmsSession(
      conn,
      launch({
        suspendData: '1|x',
        location: 'm1/p1',
        recorded: { lessonStatus12: 'incomplete', completion2004: '', success2004: '' },
      }),
      { scorm12Status: 'passed-incomplete', ...timers },
    );
    session.update(record({ objectives: [] }));
    timers.run();
    expect(conn.calls.filter((c) => c.startsWith('SetValue')).map((c) => c.split('=')[0])).toEqual([
      'SetValue cmi.core.exit',
      'SetValue cmi.core.session_time',
    ]);
  });

  it('review and browse sessions write nothing from the record, not even the bookmark', () => {
    for (const mode of ['review', 'browse'] as const) {
      const conn = fakeConnection('2004');
      const session = new LmsSession(conn, launch({ mode }), { scorm12Status: 'passed-incomplete', ...manualTimers() });
      session.update(record({ location: 'm3/p1', suspendData: '1|changed' }));
      session.replay([['cmi.suspend_data', '1|copy']]);
      session.flush();
      expect([...conn.data.keys()].sort()).toEqual(['cmi.exit', 'cmi.session_time']);
    }
  });

  it('replays a device copy: the bookmark as it was, answer records after those the LMS has', () => {
    const conn = fakeConnection('1.2');
    const session = new LmsSession(conn, launch({ interactionCount: 4 }), {
      scorm12Status: 'passed-incomplete',
      ...manualTimers(),
    });
    session.replay([
      ['cmi.suspend_data', '1|copy'],
      ['cmi.location', 'm1/p9'], // the other package's element: not for this LMS
      ['cmi.interactions.7.id', 'm1-q1-a1'],
      ['cmi.interactions.7.result', 'correct'],
      ['cmi.interactions.8.id', 'm1-q2-a1'],
    ]);
    session.flush();
    expect(conn.data.get('cmi.suspend_data')).toBe('1|copy');
    expect(conn.data.has('cmi.location')).toBe(false);
    expect(conn.data.get('cmi.interactions.4.id')).toBe('m1-q1-a1');
    expect(conn.data.get('cmi.interactions.4.result')).toBe('correct');
    expect(conn.data.get('cmi.interactions.5.id')).toBe('m1-q2-a1');
  });
});
