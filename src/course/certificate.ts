/** Pure helpers for the certificate of completion: the learner's name as printed and the completion date. */

/**
 * The LMS gives the name as "Last, First" (SCORM's convention for cmi.core.student_name / cmi.learner_name);
 * a certificate reads "First Last". A name with no comma is kept as given, and one with several commas
 * ("Doe, Jane, RN") too, since which part is which cannot be known. Whitespace and control characters are tidied.
 */
export function displayName(lmsName: string): string {
  const clean = lmsName
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const parts = clean.split(',');
  if (parts.length !== 2) return clean;
  const [last, first] = parts.map((p) => p.trim()) as [string, string];
  return [first, last].filter(Boolean).join(' ');
}

/** "2026-11-14" as "November 14, 2026": the calendar date itself, never shifted by a time zone. */
export function longDate(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

/** Contact hours as CE certificates print them: "1.25 contact hours", "1 contact hour". */
export function contactHoursText(hours: number): string {
  const n = Math.round(hours * 100) / 100;
  return `${n} contact ${n === 1 ? 'hour' : 'hours'}`;
}
