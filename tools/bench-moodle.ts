/**
 * Commit cost in a real LMS, for `npm run bench`: one recorded learner journey per SCORM version through Moodle 4.3's
 * player (the whole course, every quiz passed, the evaluation submitted, then the tab closed), counting the bytes
 * of every request Moodle's player sends to Moodle for it (POST bodies to mod/scorm/datamodel.php, sendBeacon
 * included). Only runs when Moodle is up (`npm run test:lms` with LMS_KEEP=1, or ../shared/lms/moodle/setup.sh);
 * otherwise it says so and the rest of the benchmark goes on.
 */
import { chromium, type Request } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../tests/e2e/fixtures/browser.ts';
import {
  continueAfterPass,
  course,
  enter,
  leave,
  login,
  openFirstModule,
  passModule,
  startOrResume,
  submitEvaluation,
} from '../tests/lms/learner.ts';
import { importActivity, MOODLE_URL, scormRecord, type ScormVersion } from '../tests/lms/moodle.ts';

interface CommitCost {
  /** Requests to datamodel.php (every LMSCommit/Commit and LMSFinish/Terminate). */
  requests: number;
  /** Their bodies, in bytes, summed. */
  bytes: number;
  /** The largest body. */
  maxBytes: number;
  /** Mean body. */
  meanBytes: number;
  /** Tracks Moodle holds at the end (how much of what was sent is data). */
  tracksStored: number;
}

export type MoodleBench =
  | { available: false; note: string }
  | { available: true; url: string; scorm12: CommitCost; scorm2004: CommitCost; note: string };

async function moodleUp(): Promise<boolean> {
  try {
    return (await fetch(`${MOODLE_URL}/login/index.php`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

async function journey(v: ScormVersion): Promise<CommitCost> {
  const a = importActivity(v, 'bench', { masteryoverride: 0, completionstatusrequired: 2 });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    // Tall enough for Moodle's whole content frame: this measures the bytes, not the layout.
    const context = await browser.newContext({ viewport: { width: 1280, height: 1024 } });
    // The test helpers this journey reuses pass functions to the page. Run through tsx (not Playwright's test
    // runner), their named inner arrows are wrapped in esbuild's __name() helper, which the page does not have.
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const bodies: number[] = [];
    const seen = new Set<Request>();
    context.on('request', (r) => {
      if (!/\/mod\/scorm\/datamodel\.php/.test(r.url()) || seen.has(r)) return;
      seen.add(r);
      bodies.push(r.postDataBuffer()?.length ?? 0);
    });
    const page = await login(context, a);
    const p = await enter(page, a);
    await startOrResume(p.frame);
    await openFirstModule(p.frame);
    for (let m = 0; m < course.modules.length; m++) {
      await passModule(p.frame, m);
      await continueAfterPass(p.frame, m);
    }
    await submitEvaluation(p.frame);
    await leave(p, 'close');
    // The last request (the exit) may be a beacon: wait until Moodle has it.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !scormRecord(a).totalTime) await new Promise((r) => setTimeout(r, 250));
    await context.close();
    const bytes = bodies.reduce((x, y) => x + y, 0);
    return {
      requests: bodies.length,
      bytes,
      maxBytes: Math.max(0, ...bodies),
      meanBytes: bodies.length ? Math.round(bytes / bodies.length) : 0,
      tracksStored: Object.keys(scormRecord(a).tracks).length,
    };
  } finally {
    await browser.close();
  }
}

export async function benchMoodle(): Promise<MoodleBench> {
  if (!(await moodleUp())) {
    return {
      available: false,
      note: `Moodle is not running at ${MOODLE_URL}: commit cost not measured. Start it with LMS_ROOT=/tmp/lms bash ../shared/lms/moodle/setup.sh (or LMS_KEEP=1 npm run test:lms) and run the bench again.`,
    };
  }
  const scorm12 = await journey('12');
  const scorm2004 = await journey('2004');
  return {
    available: true,
    url: MOODLE_URL,
    scorm12,
    scorm2004,
    note: "one journey per version through Moodle 4.3's player (every page, every quiz passed first time, the evaluation submitted, the tab closed): request bodies POSTed by the player to mod/scorm/datamodel.php",
  };
}
