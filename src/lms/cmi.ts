/**
 * The mapping from a CourseRecord to SCORM data model elements, per version. Pure: returns element/value pairs
 * in the order they must be sent. The tracker sends only what changed since the last send.
 */
import type { Scorm12StatusMode } from '../course/types.ts';
import type { ScormVersion } from './discovery.ts';
import type { CourseRecord } from './record.ts';
import { clockTime12, duration2004, timespan12, timestamp2004 } from './time-format.ts';

export type CmiWrites = [element: string, value: string][];

/** What the LMS already records at launch; a course never lowers it. */
export interface RecordedStatus {
  lessonStatus12: string;
  completion2004: string;
  success2004: string;
}

function lessonStatus12(record: CourseRecord, mode: Scorm12StatusMode, recorded: string): string {
  // Never lower what the LMS records: a passed or completed learner stays so on relaunch.
  if (recorded === 'passed' || (recorded === 'completed' && !record.allPassed)) return recorded;
  if (record.allPassed) return mode === 'completed-incomplete' ? 'completed' : 'passed';
  if (record.failed && mode !== 'completed-incomplete') return 'failed';
  if (mode === 'passed-failed' && record.anySubmitted) return 'failed';
  return 'incomplete';
}

const percent = (n: number) => String(Math.round(n * 100) / 100);
const scaled = (n: number) => String(Math.round(n) / 100);

export function stateWrites12(record: CourseRecord, mode: Scorm12StatusMode, recorded: RecordedStatus, objectiveIndex: (id: string) => number): CmiWrites {
  const writes: CmiWrites = [['cmi.core.lesson_status', lessonStatus12(record, mode, recorded.lessonStatus12)]];
  if (record.score !== null) {
    writes.push(['cmi.core.score.min', '0'], ['cmi.core.score.max', '100'], ['cmi.core.score.raw', percent(record.score)]);
  }
  writes.push(['cmi.core.lesson_location', record.location], ['cmi.suspend_data', record.suspendData]);
  for (const o of record.objectives) {
    const n = `cmi.objectives.${objectiveIndex(o.id)}`;
    writes.push([`${n}.id`, o.id]);
    if (o.score !== null) writes.push([`${n}.score.min`, '0'], [`${n}.score.max`, '100'], [`${n}.score.raw`, percent(o.score)]);
    writes.push([`${n}.status`, o.passed ? 'passed' : o.failed ? 'failed' : o.attempted ? 'incomplete' : 'not attempted']);
  }
  return writes;
}

export function stateWrites2004(record: CourseRecord, recorded: RecordedStatus, objectiveIndex: (id: string) => number): CmiWrites {
  const completion = recorded.completion2004 === 'completed' || record.allPassed ? 'completed' : 'incomplete';
  const success =
    recorded.success2004 === 'passed' || record.allPassed ? 'passed' : record.failed ? 'failed' : 'unknown';
  const writes: CmiWrites = [
    ['cmi.completion_status', completion],
    ['cmi.success_status', success],
    ['cmi.progress_measure', String(completion === 'completed' ? 1 : record.progressMeasure)],
  ];
  if (record.score !== null) {
    writes.push(['cmi.score.min', '0'], ['cmi.score.max', '100'], ['cmi.score.raw', percent(record.score)], ['cmi.score.scaled', scaled(record.score)]);
  }
  writes.push(['cmi.location', record.location], ['cmi.suspend_data', record.suspendData]);
  for (const o of record.objectives) {
    const n = `cmi.objectives.${objectiveIndex(o.id)}`;
    writes.push([`${n}.id`, o.id]);
    if (o.score !== null) {
      writes.push([`${n}.score.min`, '0'], [`${n}.score.max`, '100'], [`${n}.score.raw`, percent(o.score)], [`${n}.score.scaled`, scaled(o.score)]);
    }
    writes.push(
      [`${n}.success_status`, o.passed ? 'passed' : o.failed ? 'failed' : 'unknown'],
      [`${n}.completion_status`, o.completed ? 'completed' : o.attempted ? 'incomplete' : 'not attempted'],
    );
  }
  return writes;
}

export interface InteractionRecord {
  /** e.g. "m2-q4-a3": question id and attempt number, unique within the course. */
  id: string;
  type: 'choice' | 'true-false';
  /** Chosen option ids as written in the bank (a-f), or ['t'] / ['f'] for true/false. */
  response: string[];
  correct: string[];
  isCorrect: boolean;
  objectiveId: string;
  latencyMs: number;
  at: Date;
  /** Plain-text prompt for LMS reports (2004 description). */
  description: string;
}


function trueFalse(ids: string[], version: ScormVersion): string {
  const t = ids[0] === 't';
  return version === '1.2' ? (t ? 't' : 'f') : t ? 'true' : 'false';
}

export function interactionWrites(version: ScormVersion, index: number, i: InteractionRecord): CmiWrites {
  const n = `cmi.interactions.${index}`;
  const format = (ids: string[]) =>
    i.type === 'true-false' ? trueFalse(ids, version) : [...ids].sort().join(version === '1.2' ? ',' : '[,]');
  if (version === '1.2') {
    return [
      [`${n}.id`, i.id],
      [`${n}.objectives.0.id`, i.objectiveId],
      [`${n}.time`, clockTime12(i.at)],
      [`${n}.type`, i.type],
      [`${n}.correct_responses.0.pattern`, format(i.correct)],
      [`${n}.weighting`, '1'],
      [`${n}.student_response`, format(i.response)],
      [`${n}.result`, i.isCorrect ? 'correct' : 'wrong'],
      [`${n}.latency`, timespan12(i.latencyMs)],
    ];
  }
  return [
    [`${n}.id`, `urn:scp:${i.id}`],
    [`${n}.type`, i.type],
    [`${n}.objectives.0.id`, i.objectiveId],
    [`${n}.timestamp`, timestamp2004(i.at)],
    [`${n}.correct_responses.0.pattern`, format(i.correct)],
    [`${n}.weighting`, '1'],
    [`${n}.learner_response`, format(i.response)],
    [`${n}.result`, i.isCorrect ? 'correct' : 'incorrect'],
    [`${n}.latency`, duration2004(i.latencyMs)],
    [`${n}.description`, i.description.slice(0, 250)],
  ];
}

export function sessionTimeWrite(version: ScormVersion, ms: number): [string, string] {
  return version === '1.2' ? ['cmi.core.session_time', timespan12(ms)] : ['cmi.session_time', duration2004(ms)];
}
