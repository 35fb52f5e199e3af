// Builds both SCORM packages from the vite output: dist/scorm12/ + dist/<id>-scorm12.zip and
// dist/scorm2004/ + dist/<id>-scorm2004.zip, then validates each zip with the package validator.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROFILES, type VersionProfile } from '../validate/scorm-versions.ts';
import { validatePackage, type Report } from '../validate/validate.ts';
import { assemblePackage, readCourseFiles, type PackageFiles } from './assemble.ts';
import { readManifestSource } from './manifest.ts';
import { readPackageSettings, type PackageSettings } from './settings.ts';
import { zipPackage } from './zip.ts';

export interface BuildOptions {
  /** Project root: holds course.yaml and imsmanifest.xml. */
  root: string;
  /** Vite output; default <root>/dist/course. */
  courseDir?: string;
  /** Where package folders and zips go; default <root>/dist. */
  outDir?: string;
  /** Default: read from <root>/course.yaml. */
  settings?: PackageSettings;
}

export interface BuiltPackage {
  profile: VersionProfile;
  folder: string;
  zipPath: string;
  zip: Uint8Array;
  files: PackageFiles;
  report: Report;
}

export function buildPackages(options: BuildOptions): { packages: BuiltPackage[]; skipped: string[] } {
  const courseDir = options.courseDir ?? join(options.root, 'dist', 'course');
  const outDir = options.outDir ?? join(options.root, 'dist');
  const settings = options.settings ?? readPackageSettings(join(options.root, 'course.yaml'));
  if (!existsSync(courseDir)) throw new Error(`${courseDir} not found: run "vite build" first (npm run build does)`);

  const source = readManifestSource(readFileSync(join(options.root, 'imsmanifest.xml'), 'utf8'), settings);
  const { files: course, skipped } = readCourseFiles(courseDir);

  const packages = PROFILES.map((profile): BuiltPackage => {
    const files = assemblePackage(course, source, profile, settings.passMark);
    const folder = join(outDir, profile.folder);
    rmSync(folder, { recursive: true, force: true }); // no stale files from an earlier build
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), bytes);
    }
    const zip = zipPackage(files);
    const zipPath = join(outDir, `${settings.id}-${profile.folder}.zip`);
    writeFileSync(zipPath, zip);
    return { profile, folder, zipPath, zip, files, report: validatePackage(zip) };
  });
  return { packages, skipped };
}
