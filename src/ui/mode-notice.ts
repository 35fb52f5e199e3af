/**
 * The learner's banner for a session whose results are not recorded (review, browse, no-credit), in words.
 * Apart from the diagnostics report (session-info.ts), which loads only when an administrator opens the panel.
 */
import type { LaunchData } from '../lms/launch.ts';

/** The banner for a session whose results are not recorded, or null in a normal session with credit. */
export function modeNotice(launch: Pick<LaunchData, 'mode' | 'credit'>): string | null {
  const what =
    launch.mode === 'review'
      ? 'Review mode'
      : launch.mode === 'browse'
        ? 'Browse mode'
        : launch.credit === 'no-credit'
          ? 'No-credit session'
          : null;
  return what && `${what}: you can read everything and try the quizzes, but your results are not recorded.`;
}
