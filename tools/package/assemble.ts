// The files of one package, in memory: the course files, the launch page marked with its SCORM version, and
// the generated manifest. Kept as a sorted Map so the folder, the zip and the manifest's file list agree.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { junkRoot } from '../validate/file-rules.ts';
import type { VersionProfile } from '../validate/scorm-versions.ts';
import { renderManifest, type ManifestSource } from './manifest.ts';

export type PackageFiles = Map<string, Uint8Array>;

/** Plain code-unit order, not localeCompare: the same on every machine and locale (reproducible zips). */
export const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every file under dir, keyed by its "/"-separated relative path, sorted. OS junk (.DS_Store left by Finder
 * in dist/course, Thumbs.db, ...) is skipped and returned in `skipped` so the caller can say so.
 */
export function readCourseFiles(dir: string): { files: PackageFiles; skipped: string[] } {
  const found: string[] = [];
  const skipped: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (junkRoot(path) !== null) skipped.push(path);
      else if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  walk('');
  found.sort(byPath);
  return { files: new Map(found.map((p) => [p, new Uint8Array(readFileSync(join(dir, p)))])), skipped };
}

/**
 * Adds (or replaces) <meta name="scorm-version" content="..."> in the head. The course reads it to pick
 * window.API (1.2) or window.API_1484_11 (2004) when an LMS exposes both (pipwerks/scorm-api-wrapper #30).
 */
export function injectScormVersionMeta(html: string, profile: VersionProfile): string {
  const meta = `<meta name="scorm-version" content="${profile.version}">`;
  const existing = /<meta\b[^>]*\bname=(["'])scorm-version\1[^>]*>/i;
  if (existing.test(html)) return html.replace(existing, meta);
  // After <meta charset> if there is one (it must stay within the first 1024 bytes), else right after <head>.
  const anchor = /<meta\s+charset=[^>]*>/i.exec(html) ?? /<head(\s[^>]*)?>/i.exec(html);
  if (!anchor) throw new Error('the launch page has no <head>: cannot add the scorm-version meta tag');
  const at = anchor.index + anchor[0].length;
  return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
}

/** The files of the package for one SCORM version. Throws if the course lacks the launch page. */
export function assemblePackage(
  course: PackageFiles,
  source: ManifestSource,
  profile: VersionProfile,
  passMark: number,
): PackageFiles {
  const launch = source.resource.href;
  const page = course.get(launch);
  if (!page)
    throw new Error(`the launch page "${launch}" (resource href in imsmanifest.xml) is not in the course folder`);
  if (course.has('imsmanifest.xml'))
    throw new Error('the course folder already has an imsmanifest.xml: remove it (the build writes its own)');

  const files: PackageFiles = new Map(course);
  files.set(launch, new TextEncoder().encode(injectScormVersionMeta(new TextDecoder().decode(page), profile)));
  const listed = [...files.keys()].sort(byPath);
  files.set('imsmanifest.xml', new TextEncoder().encode(renderManifest(source, profile, passMark, listed)));
  return new Map([...files].sort(([a], [b]) => byPath(a, b)));
}
