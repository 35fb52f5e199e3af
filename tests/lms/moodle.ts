/**
 * The real Moodle 4.3 of ../shared/lms/moodle: where it is, how to add a SCORM activity to it (import.php, with the
 * settings of a case), and typed reads of what it stored (psql on its PostgreSQL database).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LMS_ROOT = process.env.LMS_ROOT ?? '/tmp/lms';
export const LMS_PORT = Number(process.env.LMS_PORT ?? 8085);
export const PG_PORT = Number(process.env.PG_PORT ?? 5439);
export const MOODLE_URL = `http://127.0.0.1:${LMS_PORT}`;
export const ADMIN = { username: 'admin', password: 'Admin#12345' };

/**
 * The folder with setup.sh, import.php and stop.sh: LMS_SCRIPTS_DIR, else `shared/lms/moodle` beside the repository
 * (CI: a clone with shared/ beside it) or one level further up (a git worktree under wt/).
 */
export function moodleScriptsDir(): string {
  const candidates = [
    process.env.LMS_SCRIPTS_DIR,
    resolve(process.cwd(), '../shared/lms/moodle'),
    resolve(process.cwd(), '../../shared/lms/moodle'),
  ].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(join(d, 'setup.sh')) && existsSync(join(d, 'import.php')));
  if (!found) {
    throw new Error(
      [
        'Moodle for the LMS tests is missing: no setup.sh/import.php in any of',
        ...candidates.map((c) => `  ${c}`),
        'The LMS tests need the shared folder beside the repository (shared/lms/moodle), or LMS_SCRIPTS_DIR set to it.',
      ].join('\n'),
    );
  }
  return found;
}

export type ScormVersion = '12' | '2004';

export const zipOf = (v: ScormVersion) =>
  resolve(process.cwd(), `dist/stem-cell-pain-course-scorm${v === '12' ? '12' : '2004'}.zip`);

/** Fields of the SCORM activity, as `--set=FIELD=VALUE` of import.php (see ../shared/lms/moodle/README.md). */
export type ActivitySettings = Partial<
  Record<
    | 'popup'
    | 'width'
    | 'height'
    | 'skipview'
    | 'hidebrowse'
    | 'grademethod'
    | 'maxattempt'
    | 'whatgrade'
    | 'forcenewattempt'
    | 'forcecompleted'
    | 'masteryoverride'
    | 'autocommit'
    | 'completionstatusrequired'
    | 'completionscorerequired',
    number
  >
>;

export interface Activity {
  courseid: number;
  cmid: number;
  scormid: number;
  version: 'SCORM_1.2' | 'SCORM_13';
  viewurl: string;
  loginurl: string;
  username: string;
  password: string;
  userid: number;
  /** The SCO's id (mdl_scorm_scoes). */
  scoid: number;
}

/** A name unique to this run of the suite, so cases never share a course, a learner or an attempt. */
export function uniqueName(label: string): string {
  const run = process.env.LMS_RUN_ID ?? Date.now().toString(36);
  return `${label}${run}`.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Adds a SCORM activity with the given settings in a new course, with a new learner enrolled. */
export function importActivity(v: ScormVersion, label: string, settings: ActivitySettings = {}): Activity {
  const name = uniqueName(`${label}${v}`);
  const args = [
    join(moodleScriptsDir(), 'import.php'),
    zipOf(v),
    `--course=${name}`,
    `--user=${name}`,
    `--pass=Learner#123`,
    `--name=Stem cell course ${v === '12' ? '1.2' : '2004'} (${label})`,
    ...Object.entries(settings).map(([k, val]) => `--set=${k}=${val}`),
  ];
  let out: string;
  try {
    // One import at a time: two at once race to create Moodle's file-pool folders ("Cannot create local file pool
    // directories"). flock (util-linux) holds a lock file across the test workers.
    out = execFileSync('flock', [join(LMS_ROOT, 'import.lock'), 'php', ...args], {
      env: { ...process.env, LMS_ROOT },
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`import.php failed for ${label}: ${err.stdout ?? ''}${err.stderr ?? ''}${err.message}`, {
      cause: e,
    });
  }
  const json = JSON.parse(out.slice(out.indexOf('{'))) as Omit<Activity, 'scoid'> & {
    scoes: { id: string; launch: string }[];
    error?: string;
  };
  if (json.error) throw new Error(`Moodle rejected the package: ${out}`);
  const sco = json.scoes.find((s) => s.launch !== '');
  return { ...json, scoid: Number(sco!.id) };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading Moodle's database

/** Runs SQL through psql on Moodle's database and returns what psql printed (unaligned, tuples only). */
function psql(sql: string): string {
  return execFileSync(
    'psql',
    ['-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'moodle', '-d', 'moodle', '-At', '-q', '-v', 'ON_ERROR_STOP=1'],
    // On stdin: a statement can be longer than one command-line argument may be (128 KiB).
    { env: { ...process.env, PGPASSWORD: 'moodlepw' }, encoding: 'utf8', input: sql },
  );
}

/** Runs one query and returns its rows (psql renders them as one JSON array). */
export function query<T>(sql: string): T[] {
  return JSON.parse(psql(`SELECT coalesce(json_agg(t), '[]'::json) FROM (${sql}) t`)) as T[];
}

/** Runs one statement that changes the database (test setup only). */
export function execute(sql: string): void {
  psql(sql);
}

const int = (n: number) => {
  if (!Number.isInteger(n)) throw new Error(`not an id: ${n}`);
  return n;
};

export interface Objective {
  id: string;
  /** 1.2 `status`; 2004 `success_status`. */
  status: string;
  /** 2004 only. */
  completion?: string;
  score?: string;
}

export interface Interaction {
  id: string;
  type: string;
  result: string;
  /** 1.2 `student_response`; 2004 `learner_response`. */
  response: string;
  pattern?: string;
  description?: string;
}

/** What Moodle holds for one learner's attempt, in the terms of both SCORM versions. */
export interface ScormRecord {
  /** Every element Moodle stored (the names as its player posted them, e.g. `cmi.interactions_0.id` in 1.2). */
  tracks: Record<string, string>;
  /** 1.2 lesson_status; 2004 completion_status. */
  status?: string;
  /** 2004 success_status (1.2: undefined). */
  success?: string;
  score?: string;
  scaled?: string;
  location?: string;
  suspendData?: string;
  totalTime?: string;
  exit?: string;
  objectives: Objective[];
  interactions: Interaction[];
  attempts: number;
}

/** The tracks of one attempt (default: the learner's latest) of a SCORM activity. */
export function scormRecord(a: Pick<Activity, 'scormid' | 'userid' | 'version'>, attempt?: number): ScormRecord {
  const attempts = query<{ attempt: number }>(
    `SELECT attempt FROM mdl_scorm_attempt WHERE scormid = ${int(a.scormid)} AND userid = ${int(a.userid)} ORDER BY attempt`,
  ).map((r) => r.attempt);
  const which = attempt ?? attempts.at(-1) ?? 1;
  const rows = query<{ element: string; value: string }>(
    `SELECT e.element, v.value FROM mdl_scorm_scoes_value v JOIN mdl_scorm_attempt at ON at.id = v.attemptid
       JOIN mdl_scorm_element e ON e.id = v.elementid
      WHERE at.scormid = ${int(a.scormid)} AND at.userid = ${int(a.userid)} AND at.attempt = ${int(which)}`,
  );
  const tracks = Object.fromEntries(rows.map((r) => [r.element, r.value]));
  const is12 = a.version === 'SCORM_1.2';
  // The 1.2 player stores list elements as cmi.objectives_0.id, the 2004 player as cmi.objectives.0.id.
  const list = (name: string) => {
    const re = new RegExp(`^cmi\\.${name}[._](\\d+)\\.(.+)$`);
    const items = new Map<number, Record<string, string>>();
    for (const [k, val] of Object.entries(tracks)) {
      const m = re.exec(k);
      if (!m) continue;
      const n = Number(m[1]);
      items.set(n, { ...items.get(n), [m[2]!.replace(/_(\d+)\./g, '.$1.')]: val });
    }
    return [...items.entries()].sort(([x], [y]) => x - y).map(([, v]) => v);
  };
  return {
    tracks,
    status: tracks[is12 ? 'cmi.core.lesson_status' : 'cmi.completion_status'],
    success: is12 ? undefined : tracks['cmi.success_status'],
    score: tracks[is12 ? 'cmi.core.score.raw' : 'cmi.score.raw'],
    scaled: is12 ? undefined : tracks['cmi.score.scaled'],
    location: tracks[is12 ? 'cmi.core.lesson_location' : 'cmi.location'],
    suspendData: tracks['cmi.suspend_data'],
    totalTime: tracks[is12 ? 'cmi.core.total_time' : 'cmi.total_time'],
    exit: tracks[is12 ? 'cmi.core.exit' : 'cmi.exit'],
    objectives: list('objectives').map((o) => ({
      id: o['id'] ?? '',
      status: (is12 ? o['status'] : o['success_status']) ?? '',
      completion: is12 ? undefined : o['completion_status'],
      score: o['score.raw'],
    })),
    interactions: list('interactions').map((i) => ({
      id: i['id'] ?? '',
      type: i['type'] ?? '',
      result: i['result'] ?? '',
      response: (is12 ? i['student_response'] : i['learner_response']) ?? '',
      pattern: i['correct_responses.0.pattern'],
      description: i['description'],
    })),
    attempts: attempts.length,
  };
}

/** The gradebook's value for the learner (null: no grade). */
export function gradebook(a: Pick<Activity, 'scormid' | 'userid'>): number | null {
  const rows = query<{ finalgrade: number | null }>(
    `SELECT g.finalgrade FROM mdl_grade_grades g JOIN mdl_grade_items i ON i.id = g.itemid
      WHERE i.itemmodule = 'scorm' AND i.iteminstance = ${int(a.scormid)} AND g.userid = ${int(a.userid)}`,
  );
  const v = rows[0]?.finalgrade;
  return v === null || v === undefined ? null : Number(v);
}

export const COMPLETION = { 0: 'incomplete', 1: 'complete', 2: 'complete (pass)', 3: 'complete (fail)' } as const;

/** Activity completion: 0 incomplete (or no row), 1 complete, 2 complete with pass, 3 complete with fail. */
export function activityCompletion(a: Pick<Activity, 'cmid' | 'userid'>): 0 | 1 | 2 | 3 {
  const rows = query<{ completionstate: number }>(
    `SELECT completionstate FROM mdl_course_modules_completion
      WHERE coursemoduleid = ${int(a.cmid)} AND userid = ${int(a.userid)}`,
  );
  return (rows[0]?.completionstate ?? 0) as 0 | 1 | 2 | 3;
}

/** One line for failure messages: what Moodle stored for this learner. */
export function describeStored(a: Activity): string {
  const r = scormRecord(a);
  const g = gradebook(a);
  const c = activityCompletion(a);
  return [
    `Moodle stored (attempt ${r.attempts}): status=${r.status ?? '-'}${r.success !== undefined ? ` success=${r.success}` : ''}`,
    `score=${r.score ?? '-'}${r.scaled !== undefined ? ` scaled=${r.scaled}` : ''} grade=${g ?? '-'} completion=${COMPLETION[c]}`,
    `location=${r.location ?? '-'} exit=${r.exit ?? '-'} total_time=${r.totalTime ?? '-'}`,
    `objectives=[${r.objectives.map((o) => `${o.id}:${o.status}${o.completion ? `/${o.completion}` : ''}:${o.score ?? '-'}`).join(' ')}]`,
    `interactions=${r.interactions.length} suspend_data=${r.suspendData?.length ?? 0} chars`,
  ].join(' ');
}
