/**
 * Where a launch starts from, decided from what can be trusted, best first:
 *   1. the device copy of writes the LMS never committed (backup.ts), when it continues the LMS's own data;
 *   2. suspend_data, decoded by the saved-state codec (which migrates modules changed by a course update);
 *   3. what the LMS records otherwise: its results per objective and course, and its location.
 * In every case the LMS's recorded passes are kept, and the learner is told once, in plain words, what was lost.
 * Pure, so the rules can be tested without a browser.
 */
import {
  freshProgress,
  hasProgress,
  isModuleUnlocked,
  settleBaseline,
  type Progress,
  type Rules,
} from '../course/progress.ts';
import { BASELINE_OBJECTIVE } from '../course/baseline.ts';
import { decodeProgress, SavedStateError } from '../course/saved-state.ts';
import type { CourseData } from '../course/types.ts';
import type { CmiWrites, RecordedStatus } from './cmi.ts';
import type { LaunchData } from './launch.ts';

export interface Restored {
  /** Null: nothing to resume, a fresh start. */
  progress: Progress | null;
  notices: string[];
  /** Writes from the device copy to send again (suspend_data, location, interactions). */
  replay: CmiWrites;
}

export const NOTICE_FROM_DEVICE =
  'Some of your progress had not reached the learning system when the course last closed. It was kept on this device and is restored now.';
export const NOTICE_FROM_LMS =
  'Your saved progress could not be read in full. Your recorded results are kept, and you continue from the last place your learning system recorded.';
export const NOTICE_UNREADABLE = 'Your saved progress could not be read, so the course starts from the beginning.';

function decode(course: CourseData, text: string): { progress: Progress; notes: string[] } | null {
  try {
    return decodeProgress(course, text);
  } catch (error) {
    if (error instanceof SavedStateError) return null;
    throw error;
  }
}

/** The LMS's passes, raised into the progress: a module the LMS records as passed is never asked for again. */
function withLmsResults(course: CourseData, progress: Progress, recorded: RecordedStatus, rules: Rules): Progress {
  const coursePassed = recorded.lessonStatus12 === 'passed' || recorded.success2004 === 'passed';
  const modules = progress.modules.map((m, i) => {
    const r = recorded.objectives?.[course.modules[i]!.id];
    if (!coursePassed && !r?.passed) return m;
    // A pass without a score on record (another tool's data) shows the pass mark it must have reached.
    const score = r?.score ?? (coursePassed ? recorded.score : null) ?? rules.passMark;
    return { ...m, passed: true, attempts: Math.max(1, m.attempts), best: Math.max(m.best ?? 0, score) };
  });
  return { ...progress, modules };
}

/** Progress from the LMS's own record when suspend_data cannot be used: its results and its location. */
export function progressFromLms(course: CourseData, launch: LaunchData, rules: Rules, seed: number): Progress {
  const fresh = freshProgress(course, seed);
  // The LMS holds a baseline result: the check was taken, but its answers are not in any progress we can read.
  if (launch.recorded.objectives?.[BASELINE_OBJECTIVE]) fresh.baseline = { ...fresh.baseline, status: 'missed' };
  const base = withLmsResults(course, fresh, launch.recorded, rules);
  // A passed module was read to its end: its pages count as seen (and its completion stays recorded).
  const progress: Progress = {
    ...base,
    modules: base.modules.map((m) => (m.passed ? { ...m, visited: m.visited.map(() => true) } : m)),
  };
  const [, moduleId, place] = /^([A-Za-z0-9_-]+)\/(.+)$/.exec(launch.location) ?? [];
  const index = course.modules.findIndex((m) => m.id === moduleId);
  if (index === -1 || !isModuleUnlocked(progress, rules, index)) return { ...progress, view: 'menu' };
  const module = course.modules[index]!;
  // Pages are read in order (Next is the only way to a page not seen yet), so every page up to the bookmark was
  // read: they count as seen, and passing the module's quiz later completes its objective.
  const readUpTo = (last: number): Progress['modules'] =>
    progress.modules.map((m, i) => (i === index ? { ...m, visited: m.visited.map((v, k) => v || k <= last) } : m));
  if (place === 'quiz') {
    return progress.modules[index]!.passed
      ? { ...progress, view: 'menu' }
      : {
          ...progress,
          modules: readUpTo(module.pages.length - 1),
          view: 'quizIntro',
          at: { module: index, page: module.pages.length - 1, question: 0 },
        };
  }
  const page = module.pages.findIndex((p) => p.id === place);
  if (page === -1) return { ...progress, view: 'menu' };
  const modules = readUpTo(page);
  return { ...progress, modules, view: 'page', at: { module: index, page, question: 0 } };
}

export function restoreProgress(
  course: CourseData,
  launch: LaunchData,
  rules: Rules,
  deviceCopy: CmiWrites | null,
  seed: number,
): Restored {
  const finish = (progress: Progress | null, notices: string[], replay: CmiWrites = []): Restored => ({
    // A learner whose passes come from the LMS is in the modules: never sent back to an open baseline check.
    progress: progress && settleBaseline(withLmsResults(course, progress, launch.recorded, rules)),
    notices,
    replay,
  });

  const copied = deviceCopy?.find(([element]) => element === 'cmi.suspend_data')?.[1];
  if (deviceCopy && copied !== undefined) {
    const fromDevice = decode(course, copied);
    // A copy whose progress does not decode is not trusted at all, answers included.
    if (fromDevice) return finish(fromDevice.progress, [...fromDevice.notes, NOTICE_FROM_DEVICE], deviceCopy);
  }
  // A copy without progress (only a bookmark or answer records) still carries writes worth sending.
  const replay = copied === undefined ? (deviceCopy ?? []) : [];

  const saved = launch.suspendData ? decode(course, launch.suspendData) : null;
  if (saved) return finish(saved.progress, saved.notes, replay);

  const rebuilt = progressFromLms(course, launch, rules, seed);
  if (hasProgress(rebuilt)) return finish(rebuilt, [NOTICE_FROM_LMS], replay);
  return finish(null, launch.suspendData ? [NOTICE_UNREADABLE] : [], replay);
}
