/**
 * A copy on the device of what the LMS has not committed yet (an outage, or a tab killed before the next retry),
 * in localStorage per course and learner. The next launch uses it only for the same learner, and only when it
 * continues exactly the suspend_data the LMS still holds: a shared tablet never hands one nurse's answers to
 * another, and newer data the LMS got from another device always wins.
 */
import type { CmiWrites } from './cmi.ts';

export interface LocalBackup {
  /** Keeps the writes not committed yet on top of `base` (the suspend_data the LMS holds); none = forget. */
  save(writes: CmiWrites, base: string): void;
}

interface StoredBackup {
  learner: string;
  base: string;
  writes: CmiWrites;
}

/** Elements worth bringing back: the rest (status, score, objectives) is derived again from the progress. */
const REPLAYED = /^cmi\.(suspend_data$|location$|core\.lesson_location$|interactions\.\d+\.)/;
const MAX_WRITES = 2000;

/** Per package version too: the two packages of a course write different element names. */
export const backupKey = (courseId: string, version: string, learnerId: string) =>
  `${courseId}:unsaved:${version}:${learnerId}`;

/** No learner id (an odd LMS), no backup: the data could not be told apart from another learner's. */
export function localBackup(
  storage: Storage | null,
  courseId: string,
  version: string,
  learnerId: string,
): LocalBackup | undefined {
  if (!storage || !learnerId) return undefined;
  const key = backupKey(courseId, version, learnerId);
  return {
    save(writes, base) {
      try {
        const kept = writes.filter(([element]) => REPLAYED.test(element));
        if (kept.length === 0) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify({ learner: learnerId, base, writes: kept } satisfies StoredBackup));
      } catch {
        // Full or blocked storage: the copy in memory still retries; there is nothing better to do here.
      }
    },
  };
}

function isBackup(value: unknown): value is StoredBackup {
  const b = value as StoredBackup;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.learner === 'string' &&
    typeof b.base === 'string' &&
    Array.isArray(b.writes) &&
    b.writes.length <= MAX_WRITES &&
    b.writes.every(
      (w) =>
        Array.isArray(w) &&
        w.length === 2 &&
        typeof w[0] === 'string' &&
        typeof w[1] === 'string' &&
        REPLAYED.test(w[0]),
    )
  );
}

/**
 * This learner's uncommitted writes, when they continue what the LMS holds (`lmsSuspendData`); otherwise null,
 * and a copy that can never apply again is removed.
 */
export function readBackup(
  storage: Storage | null,
  courseId: string,
  version: string,
  learnerId: string,
  lmsSuspendData: string,
): CmiWrites | null {
  if (!storage || !learnerId) return null;
  const key = backupKey(courseId, version, learnerId);
  try {
    const raw = storage.getItem(key);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    if (isBackup(parsed) && parsed.learner === learnerId && parsed.base === lmsSuspendData) return parsed.writes;
    storage.removeItem(key);
  } catch {
    // Unreadable (damaged JSON, or storage that throws): the LMS's data stands, and a damaged copy goes.
    try {
      storage.removeItem(key);
    } catch {
      // Blocked storage: nothing was read and nothing can be removed.
    }
  }
  return null;
}
