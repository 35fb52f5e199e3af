/**
 * What Moodle records for a SCORM 1.2 learner, under each setting an administrator may choose, with the course's
 * session talking to a model of Moodle's player (moodle-player.fixture.ts). The real Moodle runs the same journeys
 * in `npm run test:lms`.
 */
import { describe, expect, it } from 'vitest';
import type { Progress, Rules } from '../course/progress.ts';
import { tinyCourse } from '../course/tiny-course.fixture.ts';
import { launchData, progressWithPassed } from './launch.fixture.ts';
import { moodle12, type MoodleSettings } from './moodle-player.fixture.ts';
import { courseRecord } from './record.ts';
import { LmsSession } from './session.ts';

const course = tinyCourse(4);
const rules: Rules = { passMark: 80, attemptLimit: 0, navigation: 'sequential' };

const launch = () => launchData({ masteryPercent: 80, learnerName: 'Learner', learnerId: 'learner' });

const progressWith = (passed: number, score?: number) => progressWithPassed(course, passed, score);

/** A learner's session in a Moodle activity: saves as the course does, then leaves (LMSFinish). */
function journey(settings: MoodleSettings, steps: Progress[]) {
  const moodle = moodle12({ masteryScore: '80', ...settings });
  const session = new LmsSession(moodle, launch(), { scorm12Status: 'passed-incomplete' });
  const saved = steps.map((progress) => {
    session.update(courseRecord(course, progress, rules));
    return session.flush();
  });
  session.terminate();
  return { moodle, session, saved };
}

describe('A SCORM 1.2 learner in Moodle', () => {
  const finished = [progressWith(0), progressWith(1), progressWith(2), progressWith(4, 90)];

  it.each([
    ['Require status: passed', { completionStatusRequired: 2 }],
    ['Require status: passed or completed', { completionStatusRequired: 6 }],
    ['Require minimum score 80', { completionStatusRequired: 0, completionScoreRequired: 80 }],
    ['Force completed on, require passed or completed', { forcecompleted: true, completionStatusRequired: 6 }],
    ['Mastery score overrides status off', { masteryoverride: false, completionStatusRequired: 2 }],
  ] as const)('who finishes the course gets activity completion (%s)', (_, settings) => {
    const { moodle, saved } = journey({ masteryoverride: true, ...settings }, finished);
    expect(saved).toEqual([true, true, true, true]);
    expect(moodle.db.get('cmi.core.lesson_status')).toBe('passed');
    expect(Number(moodle.db.get('cmi.core.score.raw'))).toBe(90);
    expect(moodle.completed()).toBe(true);
  });

  it('who leaves after module 1 of 4 is neither failed nor locked out under the mastery override', () => {
    const { moodle } = journey({ masteryoverride: true }, [progressWith(0), progressWith(1)]);
    expect(moodle.db.get('cmi.core.lesson_status')).toBe('incomplete');
    expect(moodle.db.has('cmi.core.score.raw')).toBe(false);
    expect(moodle.nextLaunchMode()).toBe('normal');
    expect(moodle.completed()).toBe(false);
  });

  it('with Force completed on, no save fails and the score reaches the database', () => {
    const { moodle, session, saved } = journey({ forcecompleted: true }, finished);
    expect(saved.every(Boolean)).toBe(true);
    expect(session.failedCommits).toBe(0);
    expect(moodle.db.get('cmi.core.score.raw')).toBe('90');
  });

  it('a score whose commit Moodle lost reaches the database in the same session, and "Saved" waits for it', () => {
    const moodle = moodle12({ masteryScore: '80', forcecompleted: true, completionStatusRequired: 2 });
    const queue: (() => void)[] = [];
    const session = new LmsSession(moodle, launch(), {
      scorm12Status: 'passed-incomplete',
      setTimer: (fn) => queue.push(fn),
      clearTimer: () => queue.splice(0),
    });
    const runOne = () => queue.splice(0).forEach((fn) => fn());
    session.update(courseRecord(course, progressWith(3), rules));
    runOne();
    session.update(courseRecord(course, progressWith(4, 95), rules));
    runOne(); // the status is committed
    expect(moodle.db.get('cmi.core.lesson_status')).toBe('passed');
    moodle.dropRequests(true);
    runOne(); // the score's commit is lost; Moodle's player counts it as sent all the same
    expect(session.status).toBe('retrying');
    moodle.dropRequests(false);
    for (let i = 0; i < 5 && queue.length > 0; i++) runOne();
    expect(session.status).toBe('saved');
    expect(moodle.db.get('cmi.core.score.raw')).toBe('95');
    expect(moodle.completed()).toBe(true);
  });

  /** A session on timers the test runs by hand: settle() runs them until the session is idle. */
  function timedSession(moodle: ReturnType<typeof moodle12>, launched = launch()) {
    const queue: (() => void)[] = [];
    const session = new LmsSession(moodle, launched, {
      scorm12Status: 'passed-incomplete',
      setTimer: (fn) => queue.push(fn),
      clearTimer: () => queue.splice(0),
    });
    const settle = () => {
      for (let i = 0; i < 20 && queue.length > 0; i++) queue.splice(0).forEach((fn) => fn());
    };
    return { session, settle };
  }

  const objectivesIn = (db: Map<string, string>) =>
    course.modules.map((_, i) => [
      db.get(`cmi.objectives.${i}.id`),
      db.get(`cmi.objectives.${i}.status`),
      db.get(`cmi.objectives.${i}.score.raw`),
    ]);

  it('objectives a save stored only in part (Moodle failed halfway) reach the database whole in the same session', () => {
    const moodle = moodle12({ masteryScore: '80' });
    const { session, settle } = timedSession(moodle);
    moodle.failStoring(/^cmi\.objectives\.2\.id$/);
    session.update(courseRecord(course, progressWith(1, 90), rules));
    settle();
    expect(session.failedCommits).toBe(1);
    expect(session.status).toBe('saved');
    expect(objectivesIn(moodle.db)).toEqual([
      [course.modules[0]!.id, 'passed', '90'],
      [course.modules[1]!.id, 'not attempted', undefined],
      [course.modules[2]!.id, 'not attempted', undefined],
      [course.modules[3]!.id, 'not attempted', undefined],
    ]);
    expect(moodle.db.get('cmi.core.lesson_status')).toBe('incomplete');
  });

  it('a passed status whose save failed reaches the database in the same session, with completion recorded', () => {
    const moodle = moodle12({ masteryScore: '80', completionStatusRequired: 2 });
    const { session, settle } = timedSession(moodle);
    session.update(courseRecord(course, progressWith(3), rules));
    settle();
    moodle.failStoring(/^cmi\.core\.lesson_status$/);
    session.update(courseRecord(course, progressWith(4, 95), rules));
    settle();
    expect(session.failedCommits).toBe(1);
    expect(session.status).toBe('saved');
    expect(moodle.db.get('cmi.core.lesson_status')).toBe('passed');
    expect(moodle.db.get('cmi.core.score.raw')).toBe('95');
    expect(moodle.completed()).toBe(true);
  });

  it('a status lost with the score already stored brings the score after it, so Moodle checks completion', () => {
    // "Require status: passed": Moodle checks completion on a status only when it replaces completed or passed.
    const moodle = moodle12({ masteryScore: '80', completionStatusRequired: 2 });
    const { session, settle } = timedSession(moodle);
    session.update(courseRecord(course, progressWith(3), rules));
    settle();
    moodle.dropRequests(true);
    session.update(courseRecord(course, progressWith(4, 95), rules));
    settle(); // status and score both lost, and retried until the LMS answers again
    moodle.dropRequests(false);
    settle();
    expect(moodle.db.get('cmi.core.lesson_status')).toBe('passed');
    expect(moodle.db.get('cmi.core.score.raw')).toBe('95');
    expect(moodle.completed()).toBe(true);
  });

  it('progress a failed save lost reaches the database in the same session, without another step', () => {
    const moodle = moodle12({ masteryScore: '80' });
    const { session, settle } = timedSession(moodle);
    session.update(courseRecord(course, progressWith(0), rules));
    settle();
    moodle.dropRequests(true);
    const later = courseRecord(course, progressWith(2, 85), rules);
    session.update(later);
    settle();
    expect(session.status).toBe('retrying');
    moodle.dropRequests(false);
    settle();
    expect(session.status).toBe('saved');
    expect(moodle.db.get('cmi.suspend_data')).toBe(later.suspendData);
    expect(objectivesIn(moodle.db).map(([, status]) => status)).toEqual([
      'passed',
      'passed',
      'not attempted',
      'not attempted',
    ]);
  });

  it('an objective Moodle holds without its id (an earlier failed save) gets it at the next launch', () => {
    const moodle = moodle12({ masteryScore: '80' });
    moodle.db.set('cmi.objectives.0.id', course.modules[0]!.id);
    moodle.db.set('cmi.objectives.1.score.raw', '100'); // the fields of objective 1 without its id
    moodle.relaunch();
    const ids = [course.modules[0]!.id, ''];
    const { session, settle } = timedSession(moodle, { ...launch(), entry: 'resume', objectiveIds: ids });
    session.update(courseRecord(course, progressWith(0), rules));
    settle();
    expect(course.modules.map((_, i) => moodle.db.get(`cmi.objectives.${i}.id`))).toEqual(
      course.modules.map((m) => m.id),
    );
    expect(moodle.db.has('cmi.objectives.4.id')).toBe(false);
  });

  it('a status whose commit Moodle lost reaches it at the next launch', () => {
    const moodle = moodle12({ masteryScore: '80', completionStatusRequired: 2 });
    const first = new LmsSession(moodle, launch(), { scorm12Status: 'passed-incomplete' });
    first.update(courseRecord(course, progressWith(3), rules));
    expect(first.flush()).toBe(true);
    moodle.dropRequests(true);
    first.update(courseRecord(course, progressWith(4, 95), rules));
    expect(first.flush()).toBe(false);
    expect(first.status).toBe('retrying');
    first.terminate();
    moodle.dropRequests(false);
    moodle.relaunch();
    expect(moodle.db.get('cmi.core.lesson_status')).toBe('incomplete');
    // The next launch reads what Moodle holds, and the course sends what is missing: status first, then the score.
    const next = new LmsSession(
      moodle,
      { ...launch(), entry: 'resume', recorded: { ...launch().recorded, lessonStatus12: 'incomplete' } },
      { scorm12Status: 'passed-incomplete' },
    );
    next.update(courseRecord(course, progressWith(4, 95), rules));
    expect(next.flush()).toBe(true);
    expect(moodle.db.get('cmi.core.lesson_status')).toBe('passed');
    expect(Number(moodle.db.get('cmi.core.score.raw'))).toBe(95);
    expect(moodle.completed()).toBe(true);
  });
});
