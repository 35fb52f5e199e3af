/**
 * The baseline check in the LMS (issue 12, "Measured change"): its answers as interactions "baseline-<item id>"
 * (weighted 0), its score as the objective "baseline", in both SCORM versions, and nothing of it in the course
 * status, score or progress measure.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { correctOptions } from '../course/answer-key.ts';
import { courseMachine } from '../course/course.machine.ts';
import { tinyCourse } from '../course/tiny-course.fixture.ts';
import type { Progress, Rules } from '../course/progress.ts';
import { bridgeCourseToLms } from './bridge.ts';
import { interactionWrites, stateWrites12, stateWrites2004, type InteractionRecord } from './cmi.ts';
import type { LmsConnection } from './connection.ts';
import { launchData, progressWithPassed } from './launch.fixture.ts';
import { courseRecord } from './record.ts';
import { LmsSession } from './session.ts';

const course = tinyCourse();
const rules: Rules = { passMark: 80, attemptLimit: 0, navigation: 'sequential' };
const recorded = { lessonStatus12: 'not attempted', completion2004: 'unknown', success2004: 'unknown' };
const slots = ['m1', 'm2'];
const index = (id: string) => (slots.includes(id) ? slots.indexOf(id) : slots.push(id) - 1);

/** Module 1 being read, the baseline done: first item wrong, second right (50%). */
function afterBaseline(): Progress {
  const p = progressWithPassed(course, 0);
  return { ...p, baseline: { status: 'done', answers: [['a'], ['t']] } };
}

describe('the baseline objective', () => {
  it('SCORM 1.2: objective "baseline" with its score and status "completed", after the module objectives', () => {
    const writes = stateWrites12(courseRecord(course, afterBaseline(), rules), 'passed-incomplete', recorded, index);
    const n = writes.findIndex(([e, v]) => /^cmi\.objectives\.\d+\.id$/.test(e) && v === 'baseline');
    expect(writes.slice(n)).toEqual([
      ['cmi.objectives.2.id', 'baseline'],
      ['cmi.objectives.2.score.min', '0'],
      ['cmi.objectives.2.score.max', '100'],
      ['cmi.objectives.2.score.raw', '50'],
      ['cmi.objectives.2.status', 'completed'],
    ]);
  });

  it('SCORM 2004: objective "baseline" with raw and scaled score, success unknown, completion completed', () => {
    const writes = stateWrites2004(courseRecord(course, afterBaseline(), rules), recorded, index);
    const n = writes.findIndex(([e, v]) => /^cmi\.objectives\.\d+\.id$/.test(e) && v === 'baseline');
    expect(writes.slice(n)).toEqual([
      ['cmi.objectives.2.id', 'baseline'],
      ['cmi.objectives.2.score.min', '0'],
      ['cmi.objectives.2.score.max', '100'],
      ['cmi.objectives.2.score.raw', '50'],
      ['cmi.objectives.2.score.scaled', '0.5'],
      ['cmi.objectives.2.success_status', 'unknown'],
      ['cmi.objectives.2.completion_status', 'completed'],
    ]);
  });

  it('changes nothing else: status, course score and progress measure are those of the same learner without it', () => {
    for (const passed of [0, 1, 2]) {
      const without = progressWithPassed(course, passed);
      const withIt: Progress = { ...without, baseline: { status: 'done', answers: [['c'], ['t']] } };
      const strip = (w: [string, string][]) =>
        w.filter(([e]) => e !== 'cmi.suspend_data' && !e.startsWith('cmi.objectives.2.'));
      expect(strip(stateWrites12(courseRecord(course, withIt, rules), 'passed-incomplete', recorded, index))).toEqual(
        strip(stateWrites12(courseRecord(course, without, rules), 'passed-incomplete', recorded, index)),
      );
      expect(strip(stateWrites2004(courseRecord(course, withIt, rules), recorded, index))).toEqual(
        strip(stateWrites2004(courseRecord(course, without, rules), recorded, index)),
      );
    }
    // A perfect baseline with no quiz passed: still incomplete, no course score.
    const writes = new Map(
      stateWrites12(
        courseRecord(
          course,
          { ...progressWithPassed(course, 0), baseline: { status: 'done', answers: [['c'], ['t']] } },
          rules,
        ),
        'passed-incomplete',
        recorded,
        index,
      ),
    );
    expect(writes.get('cmi.core.lesson_status')).toBe('incomplete');
    expect(writes.has('cmi.core.score.raw')).toBe(false);
    expect(writes.get(`cmi.objectives.${index('baseline')}.score.raw`)).toBe('100');
  });

  it('is not sent before the check is submitted, nor when it was skipped or missed', () => {
    for (const baseline of [
      { status: 'open' as const, answers: [['c'], null] },
      { status: 'skipped' as const, answers: [null, null] },
      { status: 'missed' as const, answers: [null, null] },
    ]) {
      const record = courseRecord(course, { ...progressWithPassed(course, 1), baseline }, rules);
      expect(record.baseline).toBeNull();
      expect(stateWrites12(record, 'passed-incomplete', recorded, index).some(([, v]) => v === 'baseline')).toBe(false);
    }
  });
});

describe('the baseline answers as interactions', () => {
  const item: InteractionRecord = {
    id: 'baseline-pre-m1-1',
    type: 'choice',
    response: ['a'],
    correct: ['c'],
    isCorrect: false,
    objectiveId: 'm1-o1',
    latencyMs: 12_500,
    at: new Date(Date.UTC(2026, 10, 30, 8, 5, 0)),
    description: 'Prompt pre-m1-1',
    weighting: 0,
  };

  it('SCORM 1.2: id baseline-<item>, weighting 0, the module objective, result wrong/correct', () => {
    expect(interactionWrites('1.2', 7, item)).toEqual([
      ['cmi.interactions.7.id', 'baseline-pre-m1-1'],
      ['cmi.interactions.7.objectives.0.id', 'm1-o1'],
      ['cmi.interactions.7.time', expect.stringMatching(/^\d\d:\d\d:\d\d$/)],
      ['cmi.interactions.7.type', 'choice'],
      ['cmi.interactions.7.correct_responses.0.pattern', 'c'],
      ['cmi.interactions.7.weighting', '0'],
      ['cmi.interactions.7.student_response', 'a'],
      ['cmi.interactions.7.result', 'wrong'],
      ['cmi.interactions.7.latency', '00:00:12.50'],
    ]);
  });

  it('SCORM 2004: urn:scp:baseline-<item>, weighting 0, result incorrect, the prompt as description', () => {
    expect(interactionWrites('2004', 0, { ...item, type: 'true-false', response: ['t'], correct: ['f'] })).toEqual([
      ['cmi.interactions.0.id', 'urn:scp:baseline-pre-m1-1'],
      ['cmi.interactions.0.type', 'true-false'],
      ['cmi.interactions.0.objectives.0.id', 'm1-o1'],
      ['cmi.interactions.0.timestamp', '2026-11-30T08:05:00'],
      ['cmi.interactions.0.correct_responses.0.pattern', 'false'],
      ['cmi.interactions.0.weighting', '0'],
      ['cmi.interactions.0.learner_response', 'true'],
      ['cmi.interactions.0.result', 'incorrect'],
      ['cmi.interactions.0.latency', 'PT12.5S'],
      ['cmi.interactions.0.description', 'Prompt pre-m1-1'],
    ]);
  });
});

describe('a learner takes the baseline check (machine, bridge and session together)', () => {
  function fakeLms(kind: '1.2' | '2004') {
    const data = new Map<string, string>();
    const conn: LmsConnection = {
      kind,
      errors: [],
      initialize: () => true,
      getValue: (e) => data.get(e) ?? '',
      setValue: (e, v) => (data.set(e, v), true),
      commit: () => true,
      terminate: () => true,
    };
    return { conn, data };
  }

  it.each(['1.2', '2004'] as const)(
    'SCORM %s: the LMS receives each answer once, on submission, and the score',
    (kind) => {
      const { conn, data } = fakeLms(kind);
      const session = new LmsSession(conn, launchData(), {
        scorm12Status: 'passed-incomplete',
        setTimer: () => 0,
        clearTimer: () => undefined,
      });
      let clock = 1_800_000_000_000;
      const actor = createActor(courseMachine, { input: { course, rules, saved: null, learnerSeed: 3 } }).start();
      bridgeCourseToLms(actor, session, () => clock);
      actor.send({ type: 'START' });
      actor.send({ type: 'START_BASELINE' });
      const [first, second] = course.baseline!.questions;
      clock += 4_000;
      actor.send({ type: 'ANSWER', selected: ['a'] });
      actor.send({ type: 'NEXT' });
      clock += 2_000;
      actor.send({ type: 'ANSWER', selected: correctOptions(second!) });
      actor.send({ type: 'NEXT' });
      session.flush();
      expect(data.has('cmi.interactions.0.id')).toBe(false);
      actor.send({ type: 'SUBMIT' });
      session.flush();
      const prefix = kind === '1.2' ? '' : 'urn:scp:';
      expect([data.get('cmi.interactions.0.id'), data.get('cmi.interactions.1.id')]).toEqual([
        `${prefix}baseline-${first!.id}`,
        `${prefix}baseline-${second!.id}`,
      ]);
      expect(data.get('cmi.interactions.0.weighting')).toBe('0');
      expect(data.get('cmi.interactions.0.result')).toBe(kind === '1.2' ? 'wrong' : 'incorrect');
      expect(data.get('cmi.interactions.1.result')).toBe('correct');
      expect(data.get('cmi.interactions.0.latency')).toBe(kind === '1.2' ? '00:00:04.00' : 'PT4S');
      const objective = [...data].find(([e, v]) => /^cmi\.objectives\.\d+\.id$/.test(e) && v === 'baseline')![0];
      const n = objective.replace(/\.id$/, '');
      expect(data.get(`${n}.score.raw`)).toBe('50');
      // The course itself: still incomplete, no course score, module 1 open.
      if (kind === '1.2') {
        expect(data.get('cmi.core.lesson_status')).toBe('incomplete');
        expect(data.has('cmi.core.score.raw')).toBe(false);
      } else {
        // success_status stays "unknown" as the launch had it: nothing to write.
        expect(data.get('cmi.completion_status')).toBe('incomplete');
        expect(data.has('cmi.success_status')).toBe(false);
        expect(data.get('cmi.progress_measure')).toBe('0');
        expect(data.has('cmi.score.raw')).toBe(false);
      }
      expect(data.get(kind === '1.2' ? 'cmi.core.lesson_location' : 'cmi.location')).toBe('menu');
      expect(actor.getSnapshot().can({ type: 'OPEN_MODULE', module: 0 })).toBe(true);
    },
  );
});
