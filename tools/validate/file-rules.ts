// Rules for paths inside a package. Shared by the validator and the package builder (which leaves junk out).

/** Files and folders that operating systems add behind the user's back; LMSs choke on or list them. */
const JUNK = [/^__MACOSX$/, /^\.DS_Store$/, /^\._/, /^Thumbs\.db$/i, /^desktop\.ini$/i];

/** The path up to and including its first OS-junk segment (e.g. "__MACOSX/"), or null if there is none. */
export function junkRoot(path: string): string | null {
  const segments = path.split('/');
  const k = segments.findIndex((s) => JUNK.some((re) => re.test(s)));
  if (k < 0) return null;
  return segments.slice(0, k + 1).join('/') + (k < segments.length - 1 ? '/' : '');
}

/** Letters, digits, "-", "_", "." per segment: what every LMS and web server serves without encoding issues. */
const SAFE_SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * Why a zip entry path is unsafe, or null if it is fine: `at` is the path up to the offending segment, so a
 * badly named folder is reported once, not once per file in it. Backslashes are reported separately (below).
 */
export function unsafePath(path: string): { at: string; reason: string } | null {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return { at: path, reason: 'absolute path' };
  const segments = path.replace(/\/$/, '').split('/');
  for (let k = 0; k < segments.length; k++) {
    const s = segments[k]!;
    const at = segments.slice(0, k + 1).join('/') + (k < segments.length - 1 || path.endsWith('/') ? '/' : '');
    if (s === '..' || s === '.') return { at, reason: '"." or ".." segment (may unpack outside the course folder)' };
    if (s === '') return { at, reason: 'empty path segment ("//")' };
    if (!SAFE_SEGMENT.test(s)) {
      const chars = [...new Set(s.replace(/[A-Za-z0-9._-]/g, ''))].map((c) => (c === ' ' ? 'space' : c)).join(' ');
      return { at, reason: `"${s}" has characters other than letters, digits, "-", "_", "." (${chars})` };
    }
  }
  return null;
}

/** Zips made with some Windows tools store "assets\app.js": Unix LMSs then see one file with a backslash in its name. */
export function hasBackslash(path: string): boolean {
  return path.includes('\\');
}
