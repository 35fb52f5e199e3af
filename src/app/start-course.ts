/**
 * Start-up glue: find the LMS (or fall back to the device), read what it knows, restore progress, start the
 * statechart and connect it to the LMS. Everything that touches `window` at launch lives here.
 */
import { createActor, type Actor } from 'xstate';
import { courseMachine } from '../course/course.machine.ts';
import { localIsoDate } from '../course/evaluation.ts';
import type { Rules } from '../course/progress.ts';
import type { CourseData } from '../course/types.ts';
import { localBackup, readBackup } from '../lms/backup.ts';
import { bridgeCourseToLms } from '../lms/bridge.ts';
import { scorm12Connection, scorm2004Connection, standaloneConnection, type LmsConnection } from '../lms/connection.ts';
import { findApi, packageVersion } from '../lms/discovery.ts';
import { readLaunch, type LaunchData } from '../lms/launch.ts';
import { restoreProgress } from '../lms/restore.ts';
import type { Scorm12Api, Scorm2004Api } from '../lms/scorm-api.ts';
import { LmsSession } from '../lms/session.ts';

export interface RunningCourse {
  actor: Actor<typeof courseMachine>;
  session: LmsSession;
  launch: LaunchData;
  /** Where the API was found, or why there is none (diagnostics). */
  apiWhere: string;
  /** Plain-language notices for the learner (no LMS, progress that could not be restored, ...). */
  notices: string[];
  /** After Exit: whether the LMS took everything (false: the device copy keeps the rest); null before Exit. */
  exitSaved: () => boolean | null;
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function randomSeed(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0]!;
}

function deviceOnly(course: CourseData): LmsConnection {
  const conn = standaloneConnection(safeStorage(), `${course.settings.id}:progress`);
  conn.initialize();
  return conn;
}

function connect(course: CourseData, notices: string[]): { conn: LmsConnection; launch: LaunchData; where: string } {
  const found = findApi(window, packageVersion(document));
  if (found) {
    const conn =
      found.version === '1.2'
        ? scorm12Connection(found.api as Scorm12Api)
        : scorm2004Connection(found.api as Scorm2004Api);
    if (conn.initialize()) {
      // One more try for a read that failed (a network blip); then the LMS's data is not touched at all, since a
      // course that cannot read it could overwrite good progress.
      let launch = readLaunch(conn);
      if (launch.readFailed) launch = readLaunch(conn);
      if (!launch.readFailed) return { conn, launch, where: found.where };
      conn.terminate();
      notices.push(
        'The learning system could not hand over your saved progress, so this session is kept on this device only. What the learning system records is not changed.',
      );
    } else {
      notices.push(
        'The learning system did not accept the connection, so your progress is kept on this device only for now.',
      );
    }
  } else {
    notices.push('This course is not connected to a learning system. Your progress is kept on this device only.');
  }
  const conn = deviceOnly(course);
  return { conn, launch: readLaunch(conn), where: found ? `${found.where} (not usable)` : 'none' };
}

export function startCourse(course: CourseData): RunningCourse {
  const notices: string[] = [];
  const { conn, launch, where } = connect(course, notices);
  const storage = safeStorage();
  // On a device without an LMS, device storage is the record itself: no second copy.
  const version = conn.kind;
  const usesBackup = version !== 'standalone' && launch.mode === 'normal';
  // Read before the session starts: its first save replaces the device copy with its own.
  const deviceCopy = usesBackup
    ? readBackup(storage, course.settings.id, version, launch.learnerId, launch.suspendData)
    : null;
  const session = new LmsSession(conn, launch, {
    scorm12Status: course.settings.scorm12Status,
    backup: usesBackup ? localBackup(storage, course.settings.id, version, launch.learnerId) : undefined,
  });
  // Review, browse and no-credit sessions record no results, so there is nothing to guard: every module is open
  // and every quiz can be tried, whatever course.yaml says for recorded sessions.
  const rules: Rules = {
    passMark: launch.masteryPercent ?? course.settings.passMark,
    attemptLimit: session.recordsResults ? course.settings.attemptLimit : 0,
    navigation: session.recordsResults ? course.settings.navigation : 'free',
    // ... and the baseline check before Module 1 may be skipped (it is offered, as it would be, but not required).
    baselineOptional: !session.recordsResults,
    // The learner's own calendar date against the activity's expiry date (course.yaml expiryDate).
    creditExpired: course.ce ? localIsoDate(new Date()) > course.ce.expires : false,
  };
  const restored = restoreProgress(course, launch, rules, deviceCopy, randomSeed());
  notices.push(...restored.notices);
  const actor = createActor(courseMachine, {
    input: { course, rules, saved: restored.progress, learnerSeed: randomSeed() },
  });
  actor.start();
  session.replay(restored.replay);
  const bridge = bridgeCourseToLms(actor, session);

  // Save when the page is hidden (tablets sleep, tabs get killed), once per hiding: browsers may repeat the event.
  let hidden = document.visibilityState === 'hidden';
  document.addEventListener('visibilitychange', () => {
    const nowHidden = document.visibilityState === 'hidden';
    if (nowHidden && !hidden) session.flush();
    hidden = nowHidden;
  });
  // Closing the page is an Exit: the machine stops and the bridge ends the LMS session, once however often
  // pagehide fires (a stopped machine ignores further events; terminate() ignores repeats).
  window.addEventListener('pagehide', () => actor.send({ type: 'EXIT' }));
  return { actor, session, launch, apiWhere: where, notices, exitSaved: bridge.exitSaved };
}
