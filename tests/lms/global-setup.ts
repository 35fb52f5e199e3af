/**
 * Before the LMS tests: a browser, a running Moodle (setup.sh: idempotent, installs what is missing, starts PHP and
 * PostgreSQL), and packages built from the current sources. Any of them missing fails the run with what to do.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { assertBrowserAvailable } from '../e2e/fixtures/browser.ts';
import { LMS_ROOT, MOODLE_URL, moodleScriptsDir, zipOf } from './moodle.ts';
import { foreignWebServers, primeElementNames, purgeCaches, stopWebServers } from './site.ts';

export const STARTED_MARKER = join(LMS_ROOT, 'started-by-lms-tests');

async function moodleAnswers(): Promise<boolean> {
  try {
    const r = await fetch(`${MOODLE_URL}/login/index.php`, { signal: AbortSignal.timeout(5000) });
    return r.ok;
  } catch {
    return false;
  }
}

/** The newest modification time under the given paths (files and folders, recursively). */
function newest(paths: string[]): number {
  let t = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const f of readdirSync(p)) walk(join(p, f));
    else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach(walk);
  return t;
}

/** Waits (up to 10 s) until nothing answers on Moodle's port. */
async function expectPortFree(): Promise<void> {
  for (let i = 0; i < 20 && (await moodleAnswers()); i++) await new Promise((r) => setTimeout(r, 500));
  if (await moodleAnswers()) throw new Error(`${MOODLE_URL} still answers after its web server was stopped`);
}

export default async function globalSetup(): Promise<void> {
  assertBrowserAvailable();
  const scripts = moodleScriptsDir();
  // 1. Moodle (setup.sh is idempotent: a running Moodle is left as it is, but only if it is this root's).
  const foreign = foreignWebServers();
  if (foreign.length) {
    console.log(
      `[lms] stopping a web server on the port that serves another Moodle (${foreign.map((s) => `pid ${s.pid}: ${s.root}`).join('; ')})`,
    );
    stopWebServers(foreign);
    await expectPortFree();
  }
  const wasUp = await moodleAnswers();
  if (!wasUp) {
    console.log(`[lms] starting Moodle (LMS_ROOT=${LMS_ROOT}; about a minute, more on a fresh machine)`);
    const r = spawnSync('bash', [join(scripts, 'setup.sh')], {
      env: { ...process.env, LMS_ROOT },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (r.status !== 0) {
      throw new Error(
        `Moodle could not be set up (bash ${join(scripts, 'setup.sh')} exited ${r.status}):\n${r.stdout}\n${r.stderr}\n` +
          `Logs: ${LMS_ROOT}/logs. setup.sh needs root (apt-get, PostgreSQL) and Debian's php8.2 and postgresql-15 packages.`,
      );
    }
    writeFileSync(STARTED_MARKER, String(Date.now()));
  }
  if (!(await moodleAnswers())) throw new Error(`Moodle does not answer at ${MOODLE_URL} (logs: ${LMS_ROOT}/logs)`);
  for (const tool of ['php', 'psql']) {
    if (spawnSync(tool, ['--version']).status !== 0) throw new Error(`${tool} is missing: run setup.sh (see README)`);
  }
  const others = foreignWebServers();
  if (others.length)
    throw new Error(`Another Moodle still serves ${MOODLE_URL}: ${others.map((s) => s.root).join(', ')}`);
  // A site as one in use has it: every SCORM element name known (see site.ts), no cache older than the database.
  primeElementNames();
  purgeCaches();

  // 2. Packages: build when a zip is missing or older than the sources it is made from.
  const sources = newest([
    'src',
    'modules',
    'quizzes',
    'course.yaml',
    'imsmanifest.xml',
    'tools/package',
    'tools/content',
    'index.html',
    'vite.config.ts',
  ]);
  const zips = (['12', '2004'] as const).map(zipOf);
  const stale = zips.some((z) => !existsSync(z) || statSync(z).mtimeMs < sources);
  if (stale) {
    console.log('[lms] building the packages (dist/ is missing or older than the sources)');
    const env = { ...process.env };
    // The build validates against ../shared/scorm-schemas; from a worktree the shared folder is one level further up.
    const schemas = join(dirname(scripts), '..', 'scorm-schemas');
    if (!env.SCORM_SCHEMAS_DIR && existsSync(schemas)) env.SCORM_SCHEMAS_DIR = schemas;
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit', env });
  }
  for (const z of zips) if (!existsSync(z)) throw new Error(`${z} is missing after the build`);

  // 3. One id for this run: every case gets its own course and learner.
  process.env.LMS_RUN_ID = `r${Date.now().toString(36)}`;
}
