/**
 * suspend_data that cannot be read (truncated, or another course's) costs the learner nothing later: once they pass
 * the module they were in, its objective is completed and passed like any other.
 */
import { describe, expect, it } from 'vitest';
import { tinyCourse } from '../course/tiny-course.fixture.ts';
import type { Progress, Rules } from '../course/progress.ts';
import { stateWrites2004 } from './cmi.ts';
import type { LaunchData } from './launch.ts';
import { launchData } from './launch.fixture.ts';
import { courseRecord } from './record.ts';
import { restoreProgress } from './restore.ts';

const course = tinyCourse(3);
const rules: Rules = { passMark: 80, attemptLimit: 0, navigation: 'sequential' };

function launchAt(location: string): LaunchData {
  return launchData({
    entry: 'resume',
    suspendData: 'not-this-course|%%%',
    location,
    recorded: {
      lessonStatus12: 'incomplete',
      completion2004: 'incomplete',
      success2004: 'unknown',
      objectives: { m1: { passed: true, completed: true, score: 100 } },
    },
    objectiveIds: ['m1', 'm2', 'm3'],
  });
}

/** The learner reads on to the end of module 2 and passes its quiz. */
function finishModule2(progress: Progress): Progress {
  return {
    ...progress,
    modules: progress.modules.map((m, i) =>
      i === 1
        ? { ...m, visited: m.visited.map((v, k) => v || k >= progress.at.page), attempts: 1, best: 100, passed: true }
        : m,
    ),
  };
}

describe('After suspend_data that cannot be read (SCORM 2004)', () => {
  it.each(['m2/p2', 'm2/quiz'])(
    'the module the learner was in (%s) is completed once its quiz is passed',
    (location) => {
      const { progress, notices } = restoreProgress(course, launchAt(location), rules, null, 1);
      expect(notices.length).toBeGreaterThan(0);
      expect(progress?.at.module).toBe(1);
      const writes = new Map(
        stateWrites2004(
          courseRecord(course, finishModule2(progress!), rules),
          launchAt(location).recorded,
          (id) => Number(id.slice(1)) - 1,
        ),
      );
      expect(writes.get('cmi.objectives.1.success_status')).toBe('passed');
      expect(writes.get('cmi.objectives.1.completion_status')).toBe('completed');
    },
  );
});
