/**
 * What the LMS told the course about this session, in words, for the diagnostics report (the learner's mode banner
 * is mode-notice.ts). Pure functions of the session, so the panel, the clipboard text and the unit tests agree.
 */
import type { CourseSettings } from '../course/types.ts';
import type { LmsError } from '../lms/connection.ts';
import type { LmsSession } from '../lms/session.ts';

/** suspend_data limits of the specifications; real 1.2 LMSs enforce 4096 even where test LMSs do not. */
const SUSPEND_DATA_LIMIT = { '1.2': 4096, '2004': 64000 } as const;

/** How many of the newest LMS errors the report lists (the connection keeps 50). */
const ERRORS_SHOWN = 10;

export interface DiagnosticsInput {
  settings: Pick<CourseSettings, 'id' | 'version' | 'title'>;
  session: LmsSession;
  /** Where the API was found (RunningCourse.apiWhere). */
  apiWhere: string;
  /** The pass mark the course applies, in percent. */
  passMark: number;
  now: Date;
  userAgent: string;
}

export interface Section {
  title: string;
  rows: [label: string, value: string][];
}

const orEmpty = (value: string): string => (value === '' ? '(empty)' : value);

export function diagnosticsSections({
  settings,
  session,
  apiWhere,
  passMark,
  now,
  userAgent,
}: DiagnosticsInput): Section[] {
  const { conn, launch } = session;
  const kind = conn.kind;
  // What the LMS holds now: the last accepted value, else what it handed over at launch. (No LMS: 2004 names.)
  const suspendData = session.acceptedValue('cmi.suspend_data') ?? launch.suspendData;
  const location =
    session.acceptedValue(kind === '1.2' ? 'cmi.core.lesson_location' : 'cmi.location') ?? launch.location;
  const limit = kind === 'standalone' ? null : SUSPEND_DATA_LIMIT[kind];
  const size =
    limit === null
      ? `${suspendData.length} characters (no LMS: kept on this device)`
      : `${suspendData.length} of ${limit} characters (${((suspendData.length / limit) * 100).toFixed(1)}%)`;
  const notRecorded = launch.mode !== 'normal' ? `${launch.mode} mode` : 'no-credit';

  // 2004 answers 403 to a GetValue of an element that has no value yet (a first launch): normal, not a fault,
  // so those are listed apart and the real errors stay easy to see.
  const notSet = (e: LmsError) => kind === '2004' && e.code === '403' && e.call.startsWith('GetValue ');
  const real = conn.errors.filter((e) => !notSet(e));
  const errorRows: Section['rows'] = real.length
    ? real
        .slice(-ERRORS_SHOWN)
        .reverse()
        .map((e) => [
          e.call,
          [e.code, e.text, e.diagnostic && `diagnostic: ${e.diagnostic}`].filter(Boolean).join(' · '),
        ])
    : [['Errors', 'none']];
  if (real.length > ERRORS_SHOWN)
    errorRows.unshift(['Errors', `${real.length} recorded, newest ${ERRORS_SHOWN} below`]);
  const unset = conn.errors.filter(notSet).map((e) => e.call.slice('GetValue '.length));
  if (unset.length) errorRows.push(['Not set yet (normal)', [...new Set(unset)].join(', ')]);

  return [
    {
      title: 'Course',
      rows: [
        ['Title', settings.title],
        ['Course id', settings.id],
        ['Course version', settings.version],
      ],
    },
    {
      title: 'Connection',
      rows: [
        [
          'SCORM version',
          kind === 'standalone'
            ? 'none (no LMS found: progress kept on this device)'
            : kind === '1.2'
              ? 'SCORM 1.2'
              : 'SCORM 2004 4th Edition',
        ],
        ['API object', kind === '1.2' ? 'window.API' : kind === '2004' ? 'window.API_1484_11' : 'none'],
        // "parent N": N frames above the course; "opener parent N": in the window that opened the course's popup.
        ['API found', apiWhere],
        ['Results recorded', session.recordsResults ? 'yes' : `no (${notRecorded})`],
      ],
    },
    {
      title: 'Values from the LMS',
      rows: [
        ['Mastery score', launch.masteryPercent === null ? 'not set' : `${launch.masteryPercent}%`],
        ['Pass mark in use', `${passMark}% (${launch.masteryPercent === null ? 'course.yaml' : 'from the LMS'})`],
        ['Mode', launch.mode],
        ['Credit', launch.credit],
        ['Entry', orEmpty(launch.entry)],
        ['Learner id', orEmpty(launch.learnerId)],
      ],
    },
    {
      title: 'Saving',
      rows: [
        ['Save status', session.isTerminated ? `${session.status} (session ended)` : session.status],
        ['Commits sent', String(session.commits)],
        ['Commits failed', String(session.failedCommits)],
        ['suspend_data size', size],
        ['Location', orEmpty(location)],
      ],
    },
    { title: 'Last LMS errors (newest first)', rows: errorRows },
    {
      title: 'Report',
      rows: [
        ['Created', now.toISOString()],
        ['Browser', userAgent],
      ],
    },
  ];
}

/** The plain-text report for a support ticket: one "label: value" line per row, sections separated. */
export function reportText(title: string, sections: Section[]): string {
  const lines = [`${title}: diagnostics report`];
  for (const section of sections) {
    lines.push('', section.title, ...section.rows.map(([label, value]) => `  ${label}: ${value}`));
  }
  return lines.join('\n') + '\n';
}
