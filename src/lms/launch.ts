/** What the LMS tells the course at launch, read once after Initialize, in one shape for every version. */
import type { LmsConnection } from './connection.ts';
import type { RecordedObjective, RecordedStatus } from './cmi.ts';

type LmsMode = 'normal' | 'browse' | 'review';

export interface LaunchData {
  entry: string;
  suspendData: string;
  location: string;
  /** The LMS's pass mark in percent, when it gives one. */
  masteryPercent: number | null;
  learnerName: string;
  learnerId: string;
  mode: LmsMode;
  credit: 'credit' | 'no-credit';
  recorded: RecordedStatus;
  interactionCount: number;
  /** Objective ids already in the LMS record, by index. */
  objectiveIds: string[];
  /** The LMS failed (threw or reported a general error) on a value the course needs to resume safely. */
  readFailed?: boolean;
}

const ELEMENTS = {
  '1.2': {
    entry: 'cmi.core.entry',
    suspend: 'cmi.suspend_data',
    location: 'cmi.core.lesson_location',
    mastery: 'cmi.student_data.mastery_score',
    name: 'cmi.core.student_name',
    id: 'cmi.core.student_id',
    mode: 'cmi.core.lesson_mode',
    credit: 'cmi.core.credit',
  },
  '2004': {
    entry: 'cmi.entry',
    suspend: 'cmi.suspend_data',
    location: 'cmi.location',
    mastery: 'cmi.scaled_passing_score',
    name: 'cmi.learner_name',
    id: 'cmi.learner_id',
    mode: 'cmi.mode',
    credit: 'cmi.credit',
  },
} as const;

function count(text: string): number {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) && n >= 0 && n < 100_000 ? n : 0;
}

/** The LMS's pass mark as a percentage, or null when absent or nonsense. */
function masteryPercent(text: string, version: '1.2' | '2004'): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n)) return null;
  const pct = version === '1.2' ? n : n * 100;
  return pct >= 0 && pct <= 100 ? Math.round(pct * 100) / 100 : null;
}

/** A number the LMS holds, or null when absent or nonsense. */
function numberOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Error codes that mean "the LMS could not answer", as opposed to "no value yet" (2004's 403). */
const UNREADABLE = new Set(['exception', '101', '301', '122']);

function recordedObjective(get: (element: string) => string, version: '1.2' | '2004', i: number): RecordedObjective {
  const n = `cmi.objectives.${i}`;
  const score = numberOrNull(get(`${n}.score.raw`));
  if (version === '1.2') {
    const status = get(`${n}.status`);
    return { passed: status === 'passed', completed: status === 'passed' || status === 'completed', score };
  }
  return {
    passed: get(`${n}.success_status`) === 'passed',
    completed: get(`${n}.completion_status`) === 'completed',
    score,
  };
}

export function readLaunch(conn: LmsConnection): LaunchData {
  const version = conn.kind === '1.2' ? '1.2' : '2004';
  const el = ELEMENTS[version];
  const get = (element: string) => conn.getValue(element);
  // A value the course must not guess: without it, a resume could overwrite good LMS data.
  let readFailed = false;
  const getEssential = (element: string) => {
    const lastError = conn.errors.at(-1);
    const value = conn.getValue(element);
    const error = conn.errors.at(-1);
    if (error !== lastError && error && UNREADABLE.has(error.code)) readFailed = true;
    return value;
  };
  const mode = get(el.mode);
  const objectiveCount = count(get('cmi.objectives._count'));
  const objectiveIds = Array.from({ length: objectiveCount }, (_, i) => get(`cmi.objectives.${i}.id`));
  const objectives: Record<string, RecordedObjective> = {};
  objectiveIds.forEach((id, i) => {
    if (id) objectives[id] = recordedObjective(get, version, i);
  });
  return {
    entry: getEssential(el.entry),
    suspendData: getEssential(el.suspend),
    location: getEssential(el.location),
    masteryPercent: masteryPercent(get(el.mastery), version),
    learnerName: get(el.name),
    learnerId: get(el.id),
    mode: mode === 'browse' || mode === 'review' ? mode : 'normal',
    credit: get(el.credit) === 'no-credit' ? 'no-credit' : 'credit',
    recorded: {
      lessonStatus12: version === '1.2' ? getEssential('cmi.core.lesson_status') : '',
      completion2004: version === '2004' ? getEssential('cmi.completion_status') : '',
      success2004: version === '2004' ? getEssential('cmi.success_status') : '',
      score: numberOrNull(get(version === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw')),
      progressMeasure: version === '2004' ? numberOrNull(get('cmi.progress_measure')) : null,
      objectives,
    },
    interactionCount: conn.kind === 'standalone' ? 0 : count(get('cmi.interactions._count')),
    objectiveIds,
    readFailed, // last: properties are read in order, so every essential read above has run
  };
}
