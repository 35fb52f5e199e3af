/**
 * A strict LMS applies the manifest's pass mark to whatever score the course sends: SCORM 2004's
 * scaled_passing_score turns a score below it into success_status "failed". The course sends no course score until
 * its result is final, so a learner who stops half-way is never recorded as failed. Checked against scorm-again's
 * real 2004 API, with the manifest's value (minNormalizedMeasure 0.8) delivered as an LMS would.
 */
import { Scorm2004API } from 'scorm-again';
import { describe, expect, it } from 'vitest';
import type { Rules } from '../course/progress.ts';
import { progressWithPassed } from './launch.fixture.ts';
import { tinyCourse } from '../course/tiny-course.fixture.ts';
import { scorm2004Connection } from './connection.ts';
import { readLaunch } from './launch.ts';
import { courseRecord } from './record.ts';
import { LmsSession } from './session.ts';

const course = tinyCourse(4);
const rules: Rules = { passMark: 80, attemptLimit: 0, navigation: 'sequential' };

const progressWith = (passed: number, score?: number) => progressWithPassed(course, passed, score);

function strictLms() {
  const api = new Scorm2004API({ logLevel: 5, autocommit: false } as never);
  api.loadFromFlattenedJSON({ 'cmi.scaled_passing_score': '0.8' } as never);
  const conn = scorm2004Connection(api as never);
  conn.initialize();
  const session = new LmsSession(conn, readLaunch(conn), { scorm12Status: 'passed-incomplete' });
  return { api, session };
}

describe('A strict SCORM 2004 LMS that applies scaled_passing_score 0.8', () => {
  it('records a learner who passed module 1 of 4 and stopped as incomplete, not failed', () => {
    const { api, session } = strictLms();
    session.update(courseRecord(course, progressWith(1), rules));
    expect(session.flush()).toBe(true);
    expect(api.GetValue('cmi.success_status')).not.toBe('failed');
    expect(api.GetValue('cmi.completion_status')).toBe('incomplete');
  });

  it('records the finished course as completed and passed, with its score', () => {
    const { api, session } = strictLms();
    session.update(courseRecord(course, progressWith(1), rules));
    session.update(courseRecord(course, progressWith(4, 90), rules));
    expect(session.flush()).toBe(true);
    expect(api.GetValue('cmi.success_status')).toBe('passed');
    expect(api.GetValue('cmi.completion_status')).toBe('completed');
    expect(api.GetValue('cmi.score.scaled')).toBe('0.9');
  });
});
