/** SCORM time formats. Both allow at most two decimals of seconds; both are easy to get wrong (see the notes). */

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS, hours 2-4 digits, capped at 9999. */
export function timespan12(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.min(9999, Math.floor(centis / 360000));
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const sec = seconds.toFixed(2).padStart(5, '0');
  return hours === 9999 && centis >= 9999 * 360000 ? '9999:59:59.99' : `${pad(hours, 2)}:${pad(minutes, 2)}:${sec}`;
}

/** SCORM 1.2 CMITime (time of day): HH:MM:SS. */
export function clockTime12(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** SCORM 2004 timeinterval: ISO 8601 duration like PT1H2M3.45S; PT0S when zero. */
export function duration2004(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  let out = 'PT';
  if (hours) out += `${hours}H`;
  if (minutes) out += `${minutes}M`;
  if (seconds || (!hours && !minutes)) out += `${Number(seconds.toFixed(2))}S`;
  return out;
}

/** SCORM 2004 time(second,10,0): local date-time to the second, without zone (accepted by every LMS seen). */
export function timestamp2004(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}
