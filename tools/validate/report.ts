// Human-readable form of a validation Report.

import type { Issue, Report } from './validate.ts';

/** More issues of one kind than this are summarised: a package with 300 unlisted files needs one line, not 300. */
const MAX_PER_CODE = 15;

export function formatSize(bytes: number): string {
  const kb = bytes / 1024;
  const human = kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb.toFixed(1)} kB`;
  return `${human} (${bytes.toLocaleString('en-US')} bytes)`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatReport(name: string, report: Report): string {
  const lines = [
    `SCORM package ${name}`,
    `  version: ${report.versionLabel ?? 'unknown'}`,
    `  size:    ${formatSize(report.zipSize)}, ${plural(report.fileCount, 'file')}`,
  ];
  const shown = new Map<string, number>();
  // Errors first, then warnings; within each, the validator's order (zip, manifest, files, HTML).
  const ordered = [...report.issues].sort(
    (a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'),
  );
  for (const issue of ordered) {
    const n = (shown.get(issue.code) ?? 0) + 1;
    shown.set(issue.code, n);
    if (n <= MAX_PER_CODE) lines.push(`  ${line(issue)}`);
  }
  for (const [code, n] of shown) if (n > MAX_PER_CODE) lines.push(`  ... and ${n - MAX_PER_CODE} more [${code}]`);
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const warnings = report.issues.length - errors;
  lines.push(`${report.passed ? 'PASS' : 'FAIL'}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  return lines.join('\n');
}

function line(issue: Issue): string {
  return `${issue.severity === 'error' ? 'ERROR  ' : 'WARNING'} ${issue.where}: ${issue.message} [${issue.code}]`;
}
