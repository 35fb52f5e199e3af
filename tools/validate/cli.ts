// npm run validate -- path/to/package.zip [more.zip]
// Prints a report per package; exit code 1 if any package has errors (warnings do not fail), 2 on bad usage.

import { readFileSync } from 'node:fs';
import { formatReport } from './report.ts';
import { validatePackage } from './validate.ts';

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: npm run validate -- path/to/package.zip [more.zip ...]');
  process.exit(2);
}

let failed = false;
for (const path of paths) {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    console.error(`SCORM package ${path}\nFAIL: cannot read the file (${(e as Error).message})\n`);
    failed = true;
    continue;
  }
  const report = validatePackage(bytes);
  console.log(formatReport(path, report) + '\n');
  if (!report.passed) failed = true;
}
process.exitCode = failed ? 1 : 0;
