/** What the LMS tells the course at launch, read once after Initialize, in one shape for every version. */
import type { LmsConnection } from './connection.ts';
import type { RecordedStatus } from './cmi.ts';

export type LmsMode = 'normal' | 'browse' | 'review';

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
}

const ELEMENTS = {
  '1.2': {
    entry: 'cmi.core.entry', suspend: 'cmi.suspend_data', location: 'cmi.core.lesson_location',
    mastery: 'cmi.student_data.mastery_score', name: 'cmi.core.student_name', id: 'cmi.core.student_id',
    mode: 'cmi.core.lesson_mode', credit: 'cmi.core.credit',
  },
  '2004': {
    entry: 'cmi.entry', suspend: 'cmi.suspend_data', location: 'cmi.location',
    mastery: 'cmi.scaled_passing_score', name: 'cmi.learner_name', id: 'cmi.learner_id',
    mode: 'cmi.mode', credit: 'cmi.credit',
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

export function readLaunch(conn: LmsConnection): LaunchData {
  const version = conn.kind === '1.2' ? '1.2' : '2004';
  const el = ELEMENTS[version];
  const get = (element: string) => conn.getValue(element);
  const mode = get(el.mode);
  const objectiveCount = count(get('cmi.objectives._count'));
  return {
    entry: get(el.entry),
    suspendData: get(el.suspend),
    location: get(el.location),
    masteryPercent: masteryPercent(get(el.mastery), version),
    learnerName: get(el.name),
    learnerId: get(el.id),
    mode: mode === 'browse' || mode === 'review' ? mode : 'normal',
    credit: get(el.credit) === 'no-credit' ? 'no-credit' : 'credit',
    recorded: {
      lessonStatus12: version === '1.2' ? get('cmi.core.lesson_status') : '',
      completion2004: version === '2004' ? get('cmi.completion_status') : '',
      success2004: version === '2004' ? get('cmi.success_status') : '',
    },
    interactionCount: conn.kind === 'standalone' ? 0 : count(get('cmi.interactions._count')),
    objectiveIds: Array.from({ length: objectiveCount }, (_, i) => get(`cmi.objectives.${i}.id`)),
  };
}
