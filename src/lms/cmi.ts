/**
 * The mapping from a CourseRecord to SCORM data model elements, per version. Pure: returns element/value pairs
 * in the order they must be sent. The tracker sends only what changed since the last send.
 */
import { respelled } from '../course/saved-state.ts';
import { truncateText } from '../text/truncate.ts';
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
  /** Course score (raw, 0-100), when the LMS has one. */
  score?: number | null;
  /** 2004 progress_measure, when the LMS has one. */
  progressMeasure?: number | null;
  /** By objective id (= module id). */
  objectives?: Record<string, RecordedObjective>;
}

export interface RecordedObjective {
  passed: boolean;
  completed: boolean;
  /** Raw score 0-100, when the LMS has one. */
  score: number | null;
}

const higher = (a: number | null, b: number | null | undefined): number | null =>
  b == null ? a : a === null ? b : Math.max(a, b);

/**
 * The record raised to what the LMS already holds, so that no write lowers a score, a pass or a completion, even
 * when progress could not be restored (bad suspend_data, a course update, a device that lost its data).
 */
function atLeastRecorded(record: CourseRecord, recorded: RecordedStatus): CourseRecord {
  return {
    ...record,
    // No course score before the result is final (record.ts), even one the LMS holds from an earlier version.
    score: record.score === null ? null : higher(record.score, recorded.score),
    progressMeasure: Math.max(record.progressMeasure, recorded.progressMeasure ?? 0),
    objectives: record.objectives.map((o) => {
      const r = recorded.objectives?.[o.id];
      if (!r) return o;
      return {
        ...o,
        passed: o.passed || r.passed,
        failed: o.failed && !r.passed,
        completed: o.completed || r.completed,
        attempted: o.attempted || r.passed || r.completed,
        score: higher(o.score, r.score),
      };
    }),
  };
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

export function stateWrites12(
  current: CourseRecord,
  mode: Scorm12StatusMode,
  recorded: RecordedStatus,
  objectiveIndex: (id: string) => number,
): CmiWrites {
  const record = atLeastRecorded(current, recorded);
  const writes: CmiWrites = [['cmi.core.lesson_status', lessonStatus12(record, mode, recorded.lessonStatus12)]];
  if (record.score !== null) {
    writes.push(
      ['cmi.core.score.min', '0'],
      ['cmi.core.score.max', '100'],
      ['cmi.core.score.raw', percent(record.score)],
    );
  }
  writes.push(['cmi.core.lesson_location', record.location], ['cmi.suspend_data', record.suspendData]);
  for (const o of record.objectives) {
    const n = `cmi.objectives.${objectiveIndex(o.id)}`;
    writes.push([`${n}.id`, o.id]);
    if (o.score !== null)
      writes.push([`${n}.score.min`, '0'], [`${n}.score.max`, '100'], [`${n}.score.raw`, percent(o.score)]);
    writes.push([
      `${n}.status`,
      o.passed ? 'passed' : o.failed ? 'failed' : o.attempted ? 'incomplete' : 'not attempted',
    ]);
  }
  if (record.baseline) {
    // Not graded: "completed", never passed or failed, and nothing of it reaches the course status or score.
    const n = `cmi.objectives.${objectiveIndex(record.baseline.id)}`;
    writes.push(
      [`${n}.id`, record.baseline.id],
      [`${n}.score.min`, '0'],
      [`${n}.score.max`, '100'],
      [`${n}.score.raw`, percent(record.baseline.score)],
      [`${n}.status`, 'completed'],
    );
  }
  return writes;
}

export function stateWrites2004(
  current: CourseRecord,
  recorded: RecordedStatus,
  objectiveIndex: (id: string) => number,
): CmiWrites {
  const record = atLeastRecorded(current, recorded);
  const completion = recorded.completion2004 === 'completed' || record.allPassed ? 'completed' : 'incomplete';
  const success =
    recorded.success2004 === 'passed' || record.allPassed ? 'passed' : record.failed ? 'failed' : 'unknown';
  const writes: CmiWrites = [
    ['cmi.completion_status', completion],
    ['cmi.success_status', success],
    ['cmi.progress_measure', String(completion === 'completed' ? 1 : record.progressMeasure)],
  ];
  if (record.score !== null) {
    writes.push(
      ['cmi.score.min', '0'],
      ['cmi.score.max', '100'],
      ['cmi.score.raw', percent(record.score)],
      ['cmi.score.scaled', scaled(record.score)],
    );
  }
  writes.push(['cmi.location', record.location], ['cmi.suspend_data', record.suspendData]);
  for (const o of record.objectives) {
    const n = `cmi.objectives.${objectiveIndex(o.id)}`;
    writes.push([`${n}.id`, o.id]);
    if (o.score !== null) {
      writes.push(
        [`${n}.score.min`, '0'],
        [`${n}.score.max`, '100'],
        [`${n}.score.raw`, percent(o.score)],
        [`${n}.score.scaled`, scaled(o.score)],
      );
    }
    writes.push(
      [`${n}.success_status`, o.passed ? 'passed' : o.failed ? 'failed' : 'unknown'],
      [`${n}.completion_status`, o.completed ? 'completed' : o.attempted ? 'incomplete' : 'not attempted'],
    );
  }
  if (record.baseline) {
    // Not graded: success "unknown", completion "completed"; the course status and score ignore it.
    const n = `cmi.objectives.${objectiveIndex(record.baseline.id)}`;
    writes.push(
      [`${n}.id`, record.baseline.id],
      [`${n}.score.min`, '0'],
      [`${n}.score.max`, '100'],
      [`${n}.score.raw`, percent(record.baseline.score)],
      [`${n}.score.scaled`, scaled(record.baseline.score)],
      [`${n}.success_status`, 'unknown'],
      [`${n}.completion_status`, 'completed'],
    );
  }
  return writes;
}

export type InteractionRecord = QuestionInteraction | SurveyInteraction;

interface QuestionInteraction {
  /** e.g. "m2-q4-a3": question id and attempt number, unique within the course; "baseline-pre-m2-1" for an item of
   *  the baseline check. */
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
  /** 1 for a posttest item; 0 for a baseline item (it never counts towards a score the course reports). */
  weighting?: number;
}

/** An answer to the course evaluation: no right answer, so the result is "neutral". */
export interface SurveyInteraction {
  /** The evaluation item id, e.g. "eval-balance", "eval-outcome-m1-o2", "eval-commit-other". */
  id: string;
  /**
   * likert: 1.2 and 2004 "likert"; comment: 1.2 "fill-in" (255 characters), 2004 "long-fill-in"; choices: "choice";
   * yesno: "true-false".
   */
  type: 'likert' | 'comment' | 'choices' | 'yesno';
  /** The rating ("1"-"5"), the choice ids ("a,c"), "t" / "f", or the text as typed. */
  response: string;
  at: Date;
  /** Plain-text prompt for LMS reports (2004 description). */
  description: string;
}

/**
 * A comment as both versions accept it: one line (the data types have no line breaks), not starting with "{"
 * (2004 would read it as a {lang=...} delimiter), cut to the version's limit without splitting a character.
 */
export function commentResponse(text: string, version: ScormVersion): string {
  const line = text.replace(/\s+/g, ' ').trim().replace(/^\{/, '(');
  const max = version === '1.2' ? 255 : 4000;
  return truncateText(line, max);
}

const isSurvey = (i: InteractionRecord): i is SurveyInteraction =>
  i.type === 'likert' || i.type === 'comment' || i.type === 'choices' || i.type === 'yesno';

function surveyResponse(version: ScormVersion, i: SurveyInteraction): string {
  if (i.type === 'comment') return commentResponse(i.response, version);
  if (version === '1.2') return i.response;
  if (i.type === 'yesno') return trueFalse([i.response], version);
  return i.type === 'choices' ? i.response.split(',').join('[,]') : i.response;
}

function surveyWrites(version: ScormVersion, n: string, i: SurveyInteraction): CmiWrites {
  const response = surveyResponse(version, i);
  const type = i.type === 'yesno' ? 'true-false' : i.type === 'choices' ? 'choice' : i.type;
  if (version === '1.2') {
    return [
      [`${n}.id`, i.id],
      [`${n}.time`, clockTime12(i.at)],
      [`${n}.type`, type === 'comment' ? 'fill-in' : type],
      [`${n}.student_response`, response],
      [`${n}.result`, 'neutral'],
    ];
  }
  return [
    [`${n}.id`, `urn:scp:${i.id}`],
    [`${n}.type`, type === 'comment' ? 'long-fill-in' : type],
    [`${n}.timestamp`, timestamp2004(i.at)],
    [`${n}.learner_response`, response],
    [`${n}.result`, 'neutral'],
    [`${n}.description`, truncateText(i.description, 250)],
  ];
}

function trueFalse(ids: string[], version: ScormVersion): string {
  const t = ids[0] === 't';
  return version === '1.2' ? (t ? 't' : 'f') : t ? 'true' : 'false';
}

export function interactionWrites(version: ScormVersion, index: number, i: InteractionRecord): CmiWrites {
  const n = `cmi.interactions.${index}`;
  if (isSurvey(i)) return surveyWrites(version, n, i);
  const format = (ids: string[]) =>
    i.type === 'true-false' ? trueFalse(ids, version) : [...ids].sort().join(version === '1.2' ? ',' : '[,]');
  if (version === '1.2') {
    return [
      [`${n}.id`, i.id],
      [`${n}.objectives.0.id`, i.objectiveId],
      [`${n}.time`, clockTime12(i.at)],
      [`${n}.type`, i.type],
      [`${n}.correct_responses.0.pattern`, format(i.correct)],
      [`${n}.weighting`, String(i.weighting ?? 1)],
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
    [`${n}.weighting`, String(i.weighting ?? 1)],
    [`${n}.learner_response`, format(i.response)],
    [`${n}.result`, i.isCorrect ? 'correct' : 'incorrect'],
    [`${n}.latency`, duration2004(i.latencyMs)],
    [`${n}.description`, truncateText(i.description, 250)],
  ];
}

export function sessionTimeWrite(version: ScormVersion, ms: number): [string, string] {
  return version === '1.2' ? ['cmi.core.session_time', timespan12(ms)] : ['cmi.session_time', duration2004(ms)];
}

/** Raw scores, the course's and the objectives'. */
const RAW_SCORE = /^cmi\.(core\.|objectives\.\d+\.)?score\.raw$/;
/** 1.2 statuses: the course's and the objectives'. */
const STATUS_12 = /^cmi\.(core\.lesson_status|objectives\.\d+\.status)$/;
/**
 * Another status of the 1.2 vocabulary for each one. "passed" steps aside to "completed" so that the real value,
 * replacing a completed one, makes Moodle run its completion check (it runs it on a status only in that case).
 */
const STATUS_STAND_IN: Record<string, string> = {
  passed: 'completed',
  completed: 'incomplete',
  failed: 'incomplete',
  incomplete: 'browsed',
  browsed: 'incomplete',
  'not attempted': 'browsed',
};

/**
 * A stand-in for a value the LMS may have lost in a failed commit: a valid value of the same element that differs
 * from it. It is sent and committed first, and the real value after it, because a player that posts only values
 * that changed since its last request (Moodle's 1.2 player, which counts a failed request's values as posted) would
 * otherwise never post the real one again. Null: the element has no safe stand-in, and its value is simply sent
 * again, as in 2004: ids cannot change once set there, Moodle's 2004 player re-sends the record with every commit,
 * and each extra commit is one more whole-record beacon when the tab closes (tests/lms/MOODLE-FINDINGS.md §10).
 */
export function standIn(version: ScormVersion, element: string, value: string): string | null {
  if (version !== '1.2') return null;
  if (RAW_SCORE.test(element)) {
    const n = Number(value);
    return String(Math.round((n >= 0.01 ? n - 0.01 : n + 0.01) * 100) / 100);
  }
  if (STATUS_12.test(element)) return STATUS_STAND_IN[value] ?? null;
  // The saved progress, spelled so that it reads the same, within 1.2's 4,096 characters.
  if (element === 'cmi.suspend_data') return value !== '' && value.length < 4096 ? respelled(value) : null;
  // An objective's id (CMIIdentifier, up to 255 characters).
  if (/^cmi\.objectives\.\d+\.id$/.test(element) && value !== '')
    return value.length < 255 ? `${value}-` : value.slice(0, -1);
  return null;
}
