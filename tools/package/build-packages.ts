// npm run build (after vite build): writes the SCORM 1.2 and 2004 packages and validates them.
// Exit code 1 if a package has errors OR warnings: our manifests are generated from the file list, so any
// warning (an unlisted file, a missing scormType, ...) means a bug in the build, not a judgement call.

import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport, formatSize } from '../validate/report.ts';
import { buildPackages } from './build.ts';
import { settingsPlaceholders } from './settings.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

try {
  const { packages, skipped } = buildPackages({ root });
  for (const path of skipped) console.log(`left out OS junk: dist/course/${path}`);
  for (const p of packages) {
    console.log(
      `${p.profile.label.padEnd(22)} ${relative(root, p.zipPath)}  ${formatSize(p.zip.length)}, ${p.files.size} files`,
    );
  }
  console.log();
  let failed = false;
  for (const p of packages) {
    console.log(formatReport(relative(root, p.zipPath), p.report) + '\n');
    if (p.report.issues.length > 0) failed = true;
  }
  if (failed) console.error('build-packages: the packages above have errors or warnings (see the reports)');
  // Placeholders do not fail the build (a trial package is fine), but must not reach learners unnoticed.
  for (const { field, value } of settingsPlaceholders(join(root, 'course.yaml'))) {
    console.warn(
      `WARNING course.yaml: ${field} is still the placeholder ${JSON.stringify(value)}; set the real value before publishing`,
    );
  }
  process.exitCode = failed ? 1 : 0;
} catch (e) {
  console.error(`build-packages: ${(e as Error).message}`);
  process.exitCode = 1;
}
