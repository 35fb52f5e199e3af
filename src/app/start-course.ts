/**
 * Start-up glue: find the LMS (or fall back to the device), read what it knows, restore progress, start the
 * statechart and connect it to the LMS. Everything that touches `window` at launch lives here.
 */
import { createActor, type Actor } from 'xstate';
import { courseMachine } from '../course/course.machine.ts';
import type { Progress, Rules } from '../course/progress.ts';
import { decodeProgress, SavedStateError } from '../course/saved-state.ts';
import type { CourseData } from '../course/types.ts';
import { bridgeCourseToLms } from '../lms/bridge.ts';
import { scorm12Connection, scorm2004Connection, standaloneConnection, type LmsConnection } from '../lms/connection.ts';
import { findApi, packageVersion } from '../lms/discovery.ts';
import { readLaunch, type LaunchData } from '../lms/launch.ts';
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

function connect(course: CourseData, notices: string[]): { conn: LmsConnection; where: string } {
  const found = findApi(window, packageVersion(document));
  if (found) {
    const conn = found.version === '1.2' ? scorm12Connection(found.api as Scorm12Api) : scorm2004Connection(found.api as Scorm2004Api);
    if (conn.initialize()) return { conn, where: found.where };
    notices.push('The learning system did not accept the connection, so your progress is kept on this device only for now.');
  } else {
    notices.push('This course is not connected to a learning system. Your progress is kept on this device only.');
  }
  const conn = standaloneConnection(safeStorage(), `${course.settings.id}:progress`);
  conn.initialize();
  return { conn, where: found ? `${found.where} (not initialised)` : 'none' };
}

function restore(course: CourseData, launch: LaunchData, notices: string[]): Progress | null {
  if (!launch.suspendData) return null;
  try {
    const decoded = decodeProgress(course, launch.suspendData);
    notices.push(...decoded.notes);
    return decoded.progress;
  } catch (error) {
    if (!(error instanceof SavedStateError)) throw error;
    notices.push('Your saved place in the course could not be read, so the course starts from the beginning. Results already recorded are kept.');
    return null;
  }
}

export function startCourse(course: CourseData): RunningCourse {
  const notices: string[] = [];
  const { conn, where } = connect(course, notices);
  const launch = readLaunch(conn);
  const rules: Rules = {
    passMark: launch.masteryPercent ?? course.settings.passMark,
    attemptLimit: course.settings.attemptLimit,
    navigation: course.settings.navigation,
  };
  const saved = restore(course, launch, notices);
  const actor = createActor(courseMachine, { input: { course, rules, saved, learnerSeed: randomSeed() } });
  const session = new LmsSession(conn, launch, { scorm12Status: course.settings.scorm12Status });
  actor.start();
  bridgeCourseToLms(actor, session);
  session.flush();

  // Save when the page is hidden (tablets sleep, tabs get killed); end the session once when it goes away.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') session.flush();
  });
  window.addEventListener('pagehide', () => session.terminate());
  return { actor, session, launch, apiWhere: where, notices };
}
