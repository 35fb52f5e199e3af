/**
 * A model of Moodle 4.3's SCORM 1.2 player and its server side, faithful to the behaviours that decide a learner's
 * record (mod/scorm/datamodels/scorm_12.js, datamodel.php, locallib.php scorm_insert_track, lib.php
 * scorm_update_grades, classes/completion/custom_completion.php). The real Moodle runs in `npm run test:lms`; this
 * model lets the unit tests pin the same rules in milliseconds.
 *
 * - LMSCommit sends only elements whose value differs from the last one collected, and marks them collected before
 *   the request: the values of a failed request are not sent again unless they change (scores are kept as numbers,
 *   so "80" and "80.0" are the same value).
 * - The request lists the score before the status (the `cmi.core.score` object is created first).
 * - The server stores element by element. A score triggers the completion check; a status triggers it only when the
 *   value it replaces was already completed/passed (the preloaded row is compared, not the new value).
 * - "Force completed": a score arriving while the stored status is `incomplete` throws, failing the request after
 *   the elements before it were stored.
 * - "Mastery score overrides status" at LMSFinish: with a mastery score and a score, the status becomes passed or
 *   failed by comparing them.
 * - A stored passed, completed or failed status ends the attempt: the next launch is in review mode.
 * - A request that fails halfway keeps the elements stored before the failure (no transaction).
 */
import type { LmsConnection } from './connection.ts';

export interface MoodleSettings {
  forcecompleted?: boolean;
  masteryoverride?: boolean;
  /** The manifest's adlcp:masteryscore. */
  masteryScore?: string;
  /** Require status: 2 passed, 4 completed, 6 either (Moodle's bit mask). */
  completionStatusRequired?: 0 | 2 | 4 | 6;
  /** Require minimum score. */
  completionScoreRequired?: number;
}

export interface MoodleModel extends LmsConnection {
  /** What Moodle's database holds for the attempt. */
  db: Map<string, string>;
  /** Activity completion as Moodle records it. */
  completed: () => boolean;
  nextLaunchMode: () => 'normal' | 'review';
  /** Make the next requests fail in transit (a network error). */
  dropRequests: (on: boolean) => void;
  /**
   * Make the next request that stores a matching element fail there, after storing the elements before it: what
   * Moodle 4.3 does when two learners' saves create the same new element name at once (scorm_get_elementid).
   */
  failStoring: (element: RegExp) => void;
  /** The learner launches again: the player page loads afresh from the database. */
  relaunch: () => void;
}

const STATUS = 'cmi.core.lesson_status';
const SCORE = 'cmi.core.score.raw';
const SCORES = /score\.(raw|min|max)$/;
const READ_ONLY = /^cmi\.(core\.(student_id|student_name|credit|entry|total_time|lesson_mode)|student_data\.)/;

const order = (element: string) =>
  element.startsWith('cmi.core.score.') ? 0 : element.startsWith('cmi.core.') ? 1 : 2;

export function moodle12(settings: MoodleSettings = {}): MoodleModel {
  const db = new Map<string, string>();
  const js = new Map<string, string>();
  const collected = new Map<string, string>();
  const load = () => {
    js.clear();
    js.set(STATUS, 'not attempted');
    js.set('cmi.student_data.mastery_score', settings.masteryScore ?? '');
    for (const [e, v] of db) js.set(e, v);
    collected.clear();
    for (const [e, v] of js) collected.set(e, v);
  };
  load();
  let completed = false;
  let dropping = false;
  let failAt: RegExp | null = null;

  const statusRule = settings.completionStatusRequired ?? 6;
  const completionState = (): boolean => {
    const status = db.get(STATUS) ?? '';
    const byStatus =
      statusRule === 0 ||
      (statusRule === 6
        ? status === 'passed' || status === 'completed'
        : status === (statusRule === 2 ? 'passed' : 'completed'));
    const min = settings.completionScoreRequired;
    const byScore = min === undefined || (db.has(SCORE) && Number(db.get(SCORE)) >= min);
    return byStatus && byScore;
  };

  const insertTrack = (element: string, value: string) => {
    if (failAt?.test(element)) {
      failAt = null;
      throw new Error('duplicate key value violates unique constraint "mdl_scorelem_ele_uix"');
    }
    if (settings.forcecompleted) {
      if (element === STATUS && value === 'incomplete' && db.has(SCORE)) value = 'completed';
      if (element === SCORE && db.get(STATUS) === 'incomplete')
        throw new Error('Attempt to read property "valueid" on null');
    }
    const previous = db.get(element);
    db.set(element, value);
    const trackValue = previous ?? value;
    if (element === SCORE || (element === STATUS && (trackValue === 'completed' || trackValue === 'passed')))
      completed = completionState();
  };

  const request = (storeTotalTime: boolean): boolean => {
    if (storeTotalTime && settings.masteryoverride && js.get('cmi.student_data.mastery_score') && js.get(SCORE)) {
      const passed = Number(js.get(SCORE)) >= Number(js.get('cmi.student_data.mastery_score'));
      js.set(STATUS, passed ? 'passed' : 'failed');
    }
    const same = (e: string, a: string | undefined, b: string) =>
      a === b || (SCORES.test(e) && a !== undefined && a !== '' && Number(a) === Number(b));
    const changed = [...js].filter(
      ([e, v]) => e !== 'cmi.core.session_time' && !READ_ONLY.test(e) && !same(e, collected.get(e), v),
    );
    changed.sort((a, b) => order(a[0]) - order(b[0]));
    for (const [e, v] of changed) collected.set(e, v);
    if (dropping) return false;
    try {
      for (const [e, v] of changed) insertTrack(e, v);
      return true;
    } catch {
      return false;
    }
  };

  return {
    kind: '1.2',
    errors: [],
    db,
    completed: () => completed,
    nextLaunchMode: () => (['passed', 'completed', 'failed'].includes(db.get(STATUS) ?? '') ? 'review' : 'normal'),
    dropRequests: (on) => (dropping = on),
    failStoring: (element) => (failAt = element),
    relaunch: load,
    initialize: () => true,
    getValue: (element) => js.get(element) ?? '',
    setValue: (element, value) => (js.set(element, value), true),
    commit: () => request(false),
    terminate: () => request(true),
  };
}
