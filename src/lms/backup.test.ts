import { describe, expect, it } from 'vitest';
import { backupKey, localBackup, readBackup } from './backup.ts';
import { memoryStorage } from './memory-storage.fixture.ts';

const writes: [string, string][] = [
  ['cmi.suspend_data', '2|new'],
  ['cmi.core.lesson_location', 'm1/quiz'],
  ['cmi.interactions.0.id', 'm1-q1-a1'],
  ['cmi.core.score.raw', '80'], // derived again from the progress: not kept
];

describe('local backup of uncommitted writes', () => {
  it('keeps the bookmark and answer records, and hands them back for the same learner on top of the same LMS data', () => {
    const storage = memoryStorage();
    localBackup(storage, 'course', '1.2', 'nurse-a')!.save(writes, '2|old');
    expect(readBackup(storage, 'course', '1.2', 'nurse-a', '2|old')).toEqual(writes.slice(0, 3));
  });

  it("never hands one learner another learner's data on a shared device", () => {
    const storage = memoryStorage();
    localBackup(storage, 'course', '1.2', 'nurse-a')!.save(writes, '');
    expect(readBackup(storage, 'course', '1.2', 'nurse-b', '')).toBeNull();
    // ... nor does a copy stored under one learner's key with another learner inside count.
    storage.setItem(backupKey('course', '1.2', 'nurse-b'), storage.getItem(backupKey('course', '1.2', 'nurse-a'))!);
    expect(readBackup(storage, 'course', '1.2', 'nurse-b', '')).toBeNull();
    expect(readBackup(storage, 'course', '1.2', 'nurse-a', '')).not.toBeNull();
  });

  it('lets newer LMS data win: a copy made on top of other data is dropped', () => {
    const storage = memoryStorage();
    localBackup(storage, 'course', '2004', 'nurse-a')!.save(writes, '2|old');
    expect(readBackup(storage, 'course', '2004', 'nurse-a', '2|from-another-device')).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('keeps the two packages of a course apart, and forgets the copy once the LMS commits', () => {
    const storage = memoryStorage();
    const backup = localBackup(storage, 'course', '2004', 'nurse-a')!;
    backup.save(writes, '');
    expect(readBackup(storage, 'course', '1.2', 'nurse-a', '')).toBeNull();
    backup.save([], '2|new');
    expect(storage.length).toBe(0);
  });

  it('makes no copy without a learner id or storage, and ignores and removes damaged or tampered copies', () => {
    expect(localBackup(memoryStorage(), 'course', '1.2', '')).toBeUndefined();
    expect(localBackup(null, 'course', '1.2', 'nurse-a')).toBeUndefined();
    const storage = memoryStorage();
    const key = backupKey('course', '1.2', 'nurse-a');
    for (const bad of ['{', '[]', '{"learner":"nurse-a","base":"","writes":[["cmi.core.lesson_status","passed"]]}']) {
      storage.setItem(key, bad);
      expect(readBackup(storage, 'course', '1.2', 'nurse-a', '')).toBeNull();
      expect(storage.getItem(key), bad).toBeNull();
    }
  });

  it('reads nothing from storage that throws on reading, and does not throw', () => {
    const storage = memoryStorage();
    storage.getItem = () => {
      throw new Error('SecurityError');
    };
    storage.removeItem = () => {
      throw new Error('SecurityError');
    };
    expect(readBackup(storage, 'course', '1.2', 'nurse-a', '')).toBeNull();
  });

  it('survives storage that throws (private mode, quota)', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => localBackup(storage, 'course', '1.2', 'nurse-a')!.save(writes, '')).not.toThrow();
  });
});
