/** After the LMS tests: stop Moodle if this run started it (LMS_KEEP=1 keeps it running to look at it by hand). */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LMS_ROOT, moodleScriptsDir } from './moodle.ts';
import { STARTED_MARKER } from './global-setup.ts';

export default function globalTeardown(): void {
  if (!existsSync(STARTED_MARKER)) return; // it was running before the tests: leave it as it was
  if (process.env.LMS_KEEP === '1') {
    console.log(`[lms] Moodle left running (LMS_KEEP=1): http://127.0.0.1:${process.env.LMS_PORT ?? 8085}/`);
    return;
  }
  spawnSync('bash', [join(moodleScriptsDir(), 'stop.sh')], { env: { ...process.env, LMS_ROOT }, stdio: 'inherit' });
  rmSync(STARTED_MARKER, { force: true });
}
