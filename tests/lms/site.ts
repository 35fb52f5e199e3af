/**
 * Makes the Moodle the LMS tests talk to a known site before any case runs: the web server on the port is the one
 * of LMS_ROOT, Moodle's caches match its database, and the SCORM element names exist as on a site in use.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execute, LMS_PORT, LMS_ROOT, query } from './moodle.ts';

const CODE = resolve(LMS_ROOT, 'moodle');

export interface WebServer {
  pid: number;
  /** The document root it serves (php -S ... -t DIR). */
  root: string;
}

/** PHP built-in servers listening on the tests' port, found through /proc (no procps needed). */
export function webServersOnPort(): WebServer[] {
  const found: WebServer[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // the process ended meanwhile
    }
    const s = argv.indexOf('-S');
    const t = argv.indexOf('-t');
    if (s === -1 || t === -1 || argv[s + 1] !== `127.0.0.1:${LMS_PORT}`) continue;
    if (!/(^|\/)php[\d.]*$/.test(argv[0] ?? '')) continue;
    found.push({ pid: Number(entry), root: argv[t + 1] ?? '' });
  }
  return found;
}

/**
 * Servers on the port that serve another Moodle tree (a run with another LMS_ROOT left one running). setup.sh only
 * checks that the port answers, so it would leave such a server in place while it installs a new database for this
 * root, and that server's caches name the wrong rows: in CI, Moodle stored interaction texts under cmi.total_time.
 */
export function foreignWebServers(): WebServer[] {
  return webServersOnPort().filter((s) => resolve(s.root) !== CODE);
}

/** Stops the servers (their process groups: php -S with workers, as setup.sh starts it). */
export function stopWebServers(servers: WebServer[]): void {
  for (const s of servers) {
    try {
      process.kill(-s.pid, 'SIGTERM');
    } catch {
      try {
        process.kill(s.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

/** Moodle's own cache purge: caches that outlived a database reinstall must not be read. */
export function purgeCaches(): void {
  execFileSync('php', [join(CODE, 'admin/cli/purge_caches.php')], { stdio: 'pipe', env: process.env });
}

/**
 * The element names of both SCORM data models, each list numbered 0..count-1, as Moodle's players name them (1.2:
 * `cmi.interactions_3.id`; 2004: `cmi.interactions.3.id`).
 */
export function scormElementNames(counts = { objectives: 20, interactions: 200 }): string[] {
  const v12 = {
    fixed: [
      'cmi.core.lesson_status',
      'cmi.core.lesson_location',
      'cmi.core.exit',
      'cmi.core.score.raw',
      'cmi.core.score.min',
      'cmi.core.score.max',
      'cmi.core.total_time',
      'cmi.core.session_time',
      'cmi.suspend_data',
      'cmi.comments',
    ],
    objective: ['id', 'status', 'score.raw', 'score.min', 'score.max'],
    interaction: [
      'id',
      'type',
      'result',
      'student_response',
      'time',
      'weighting',
      'latency',
      'objectives_0.id',
      'correct_responses_0.pattern',
    ],
  };
  const v2004 = {
    fixed: [
      'cmi.completion_status',
      'cmi.success_status',
      'cmi.location',
      'cmi.exit',
      'cmi.score.raw',
      'cmi.score.min',
      'cmi.score.max',
      'cmi.score.scaled',
      'cmi.progress_measure',
      'cmi.session_time',
      'cmi.total_time',
      'cmi.suspend_data',
    ],
    objective: [
      'id',
      'success_status',
      'completion_status',
      'progress_measure',
      'description',
      'score.raw',
      'score.min',
      'score.max',
      'score.scaled',
    ],
    interaction: [
      'id',
      'type',
      'result',
      'learner_response',
      'timestamp',
      'weighting',
      'latency',
      'description',
      'objectives.0.id',
      'correct_responses.0.pattern',
    ],
  };
  const names = ['x.start.time', ...v12.fixed, ...v2004.fixed];
  for (const [model, sep] of [
    [v12, '_'],
    [v2004, '.'],
  ] as const) {
    for (let n = 0; n < counts.objectives; n++)
      for (const f of model.objective) names.push(`cmi.objectives${sep}${n}.${f}`);
    for (let n = 0; n < counts.interactions; n++)
      for (const f of model.interaction) names.push(`cmi.interactions${sep}${n}.${f}`);
  }
  return [...new Set(names)];
}

/**
 * Creates Moodle's rows for the SCORM element names, as a site where SCORM courses have run before has them.
 *
 * Moodle 4.3.0 creates a row in mdl_scorm_element the first time any learner on the site stores an element of that
 * name (locallib.php scorm_get_elementid: look up, insert if missing, no lock). Two saves that bring a new name at
 * the same moment both insert it; the unique index fails one, and that whole save fails halfway. On a site in use
 * that happens only while the first learners go through, but this suite starts from a fresh database and runs two
 * learners through the same journey side by side, so it hit the race in most runs (an objective stored without its
 * id, a score without its status). What the course does after a failed save is tested without this race: by the
 * "Force completed" case here, and by the unit tests with a model of Moodle's 1.2 player (src/lms).
 */
export function primeElementNames(): number {
  const names = scormElementNames();
  const list = names.map((n) => `('${n.replace(/'/g, "''")}')`).join(',');
  execute(
    `INSERT INTO mdl_scorm_element (element) SELECT v FROM (VALUES ${list}) AS t(v)
      WHERE NOT EXISTS (SELECT 1 FROM mdl_scorm_element e WHERE e.element = t.v)`,
  );
  const [known] = query<{ n: number }>(
    `SELECT count(*)::int AS n FROM mdl_scorm_element WHERE element IN (SELECT v FROM (VALUES ${list}) AS t(v))`,
  );
  if (known?.n !== names.length) throw new Error(`Moodle knows ${known?.n} of the ${names.length} SCORM element names`);
  return names.length;
}
