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

/** The learner's nursing licence as printed on the certificate: optional, both parts or neither. */
export interface Licence {
  /** As typed (trimmed): letters, digits and hyphens. */
  number: string;
  /** A US state or territory code (US_STATES), e.g. "OH". */
  state: string;
}

export const emptyLicence = (): Licence => ({ number: '', state: '' });

export const LICENCE_NUMBER_MAX = 20;

/** The US states, DC and the territories whose boards license nurses: code and name. */
export const US_STATES: [code: string, name: string][] = (
  'AL Alabama|AK Alaska|AS American Samoa|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|' +
  'DE Delaware|DC District of Columbia|FL Florida|GA Georgia|GU Guam|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|' +
  'IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|' +
  'MS Mississippi|MO Missouri|MT Montana|NE Nebraska|NV Nevada|NH New Hampshire|NJ New Jersey|NM New Mexico|' +
  'NY New York|NC North Carolina|ND North Dakota|MP Northern Mariana Islands|OH Ohio|OK Oklahoma|OR Oregon|' +
  'PA Pennsylvania|PR Puerto Rico|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|' +
  'VT Vermont|VI U.S. Virgin Islands|VA Virginia|WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming'
)
  .split('|')
  .map((s) => [s.slice(0, 2), s.slice(3)]);

export const stateName = (code: string): string => US_STATES.find(([c]) => c === code)?.[1] ?? '';

/** What is wrong with a licence as entered, per field, in words a learner can act on; {} when it can be printed. */
export function licenceProblems(licence: Licence): { number?: string; state?: string } {
  const number = licence.number.trim();
  const problems: { number?: string; state?: string } = {};
  if (number.length > LICENCE_NUMBER_MAX) problems.number = `Use at most ${LICENCE_NUMBER_MAX} characters.`;
  else if (number && !/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(number))
    problems.number = 'Use only letters, digits and single hyphens between them (no spaces), for example RN-123456.';
  else if (!number && licence.state) problems.number = 'Enter the licence number, or choose no state.';
  if (licence.state && !stateName(licence.state)) problems.state = 'Choose a state or territory from the list.';
  else if (number && !licence.state) problems.state = 'Choose the state or territory that issued this licence.';
  return problems;
}
