import { describe, expect, it } from 'vitest';
import type { LmsConnection } from '../lms/connection.ts';
import type { LaunchData } from '../lms/launch.ts';
import { LmsSession } from '../lms/session.ts';
import { diagnosticsSections, reportText } from './session-info.ts';
import { modeNotice } from './mode-notice.ts';

function connection(kind: LmsConnection['kind'], commits = true): LmsConnection {
  return {
    kind,
    errors: [],
    initialize: () => true,
    getValue: () => '',
    setValue: () => true,
    commit: () => commits,
    terminate: () => true,
  };
}

function launch(overrides: Partial<LaunchData> = {}): LaunchData {
  return {
    entry: 'resume',
    suspendData: 'x'.repeat(1024),
    location: 'm2/p3',
    masteryPercent: 90,
    learnerName: 'N',
    learnerId: 'u-42',
    mode: 'normal',
    credit: 'credit',
    recorded: { lessonStatus12: '', completion2004: '', success2004: '' },
    interactionCount: 0,
    objectiveIds: [],
    readFailed: false,
    ...overrides,
  };
}

const noTimers = { setTimer: () => 0, clearTimer: () => {} };
const input = (session: LmsSession) => ({
  settings: { id: 'course-x', version: '2.1.0', title: 'Course X' },
  session,
  apiWhere: 'window.parent (1 level up)',
  passMark: 90,
  now: new Date('2025-01-02T03:04:05Z'),
  userAgent: 'TestBrowser/1',
});
const rows = (session: LmsSession) => new Map(diagnosticsSections(input(session)).flatMap((s) => s.rows));

describe('modeNotice', () => {
  it.each([
    ['normal', 'credit', null],
    ['review', 'credit', 'Review mode'],
    ['browse', 'credit', 'Browse mode'],
    ['review', 'no-credit', 'Review mode'],
    ['normal', 'no-credit', 'No-credit session'],
  ] as const)('%s / %s', (mode, credit, label) => {
    const text = modeNotice({ mode, credit });
    if (label === null) expect(text).toBeNull();
    else expect(text).toBe(`${label}: you can read everything and try the quizzes, but your results are not recorded.`);
  });
});

describe('diagnostics report', () => {
  it('SCORM 1.2: version, API, LMS values, commits and suspend_data against 4096', () => {
    const session = new LmsSession(connection('1.2'), launch(), { scorm12Status: 'passed-incomplete', ...noTimers });
    session.flush();
    const r = rows(session);
    expect(r.get('Course version')).toBe('2.1.0');
    expect(r.get('SCORM version')).toBe('SCORM 1.2');
    expect(r.get('API found')).toBe('window.parent (1 level up)');
    expect(r.get('Mastery score')).toBe('90%');
    expect(r.get('Pass mark in use')).toBe('90% (from the LMS)');
    expect([r.get('Mode'), r.get('Credit'), r.get('Entry'), r.get('Learner id')]).toEqual([
      'normal',
      'credit',
      'resume',
      'u-42',
    ]);
    expect(r.get('Results recorded')).toBe('yes');
    expect([r.get('Commits sent'), r.get('Commits failed')]).toEqual(['1', '0']);
    expect(r.get('suspend_data size')).toBe('1024 of 4096 characters (25.0%)');
    expect(r.get('Location')).toBe('m2/p3');
    expect(r.get('Errors')).toBe('none');
  });

  it('SCORM 2004 in review mode: 64000 limit, results not recorded, failed commits and LMS errors newest first', () => {
    const conn = connection('2004', false);
    conn.errors.push(
      { call: 'SetValue cmi.location', code: '406', text: 'Data Model Element Type Mismatch', diagnostic: '' },
      { call: 'GetValue cmi.score.raw', code: '403', text: 'Data Model Element Value Not Initialized', diagnostic: '' },
      { call: 'Commit', code: '391', text: 'General Commit Failure', diagnostic: 'server said 503' },
    );
    const session = new LmsSession(conn, launch({ mode: 'review', masteryPercent: null, learnerId: '' }), {
      scorm12Status: 'passed-incomplete',
      ...noTimers,
    });
    session.flush();
    const sections = diagnosticsSections(input(session));
    const r = new Map(sections.flatMap((s) => s.rows));
    expect(r.get('SCORM version')).toBe('SCORM 2004 4th Edition');
    expect(r.get('Results recorded')).toBe('no (review mode)');
    expect(r.get('Mastery score')).toBe('not set');
    expect(r.get('Learner id')).toBe('(empty)');
    expect(r.get('Commits failed')).toBe('1');
    expect(r.get('suspend_data size')).toBe('1024 of 64000 characters (1.6%)');
    expect(sections.find((s) => s.title.startsWith('Last LMS errors'))!.rows).toEqual([
      ['Commit', '391 · General Commit Failure · diagnostic: server said 503'],
      ['SetValue cmi.location', '406 · Data Model Element Type Mismatch'],
      ['Not set yet (normal)', 'cmi.score.raw'], // 2004's 403 on a first launch is listed apart
    ]);
  });

  it('the suspend_data size is what the LMS last accepted', () => {
    const session = new LmsSession(connection('1.2'), launch(), { scorm12Status: 'passed-incomplete', ...noTimers });
    session.update({
      location: 'm1/a',
      suspendData: 'y'.repeat(300),
      allPassed: false,
      failed: false,
      anySubmitted: false,
      score: null,
      progressMeasure: 0,
      objectives: [],
    });
    session.flush();
    expect(rows(session).get('suspend_data size')).toBe('300 of 4096 characters (7.3%)');
    expect(rows(session).get('Location')).toBe('m1/a');
  });

  it('no LMS: says so, with no limit', () => {
    const session = new LmsSession(connection('standalone'), launch({ suspendData: '' }), {
      scorm12Status: 'passed-incomplete',
      ...noTimers,
    });
    const r = rows(session);
    expect(r.get('SCORM version')).toMatch(/^none/);
    expect(r.get('suspend_data size')).toBe('0 characters (no LMS: kept on this device)');
  });

  it('plain text: a title line, then one "label: value" line per row under each section', () => {
    const session = new LmsSession(connection('1.2'), launch(), { scorm12Status: 'passed-incomplete', ...noTimers });
    const text = reportText('Course X', diagnosticsSections(input(session)));
    expect(text.split('\n').slice(0, 6)).toEqual([
      'Course X: diagnostics report',
      '',
      'Course',
      '  Title: Course X',
      '  Course id: course-x',
      '  Course version: 2.1.0',
    ]);
    expect(text).toContain('\n  Created: 2025-01-02T03:04:05.000Z\n  Browser: TestBrowser/1\n');
  });
});
