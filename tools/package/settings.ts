// The course.yaml fields packaging needs, read with the content check's own schema (tools/content/schemas.ts), so
// the two can never disagree, and with its file:line messages.

import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { basename } from 'node:path';
import { settingsSchema } from '../content/schemas.ts';
import { ContentError, Report } from '../content/problems.ts';
import { YamlSource } from '../content/yaml-source.ts';

export type PackageSettings = Pick<z.infer<typeof settingsSchema>, 'id' | 'version' | 'title' | 'passMark'>;

/** The validated settings of course.yaml; throws a ContentError listing "course.yaml:<line>: ..." problems. */
function readSettings(courseYamlPath: string) {
  const report = new Report();
  const src = YamlSource.parse(basename(courseYamlPath), readFileSync(courseYamlPath, 'utf8'), report);
  const result = src && settingsSchema.safeParse(src.data);
  if (result && !result.success) src.zodIssues(report, result.error.issues);
  if (!result?.success || report.problems.length > 0) throw new ContentError(report.problems);
  return result.data;
}

export function readPackageSettings(courseYamlPath: string): PackageSettings {
  const { id, version, title, passMark } = readSettings(courseYamlPath);
  return { id, version, title, passMark };
}

/**
 * Settings still holding a placeholder ("[...]", the default of providerName and accreditationStatement):
 * fine for a trial, wrong on a certificate, so the build warns instead of failing. An invalid file gives []
 * here: the content check reports it with file and line.
 */
export function settingsPlaceholders(courseYamlPath: string): { field: string; value: string }[] {
  let settings: ReturnType<typeof readSettings>;
  try {
    settings = readSettings(courseYamlPath);
  } catch {
    return [];
  }
  return Object.entries(settings).flatMap(([field, value]) =>
    typeof value === 'string' && /^\[.*\]$/s.test(value.trim()) ? [{ field, value }] : [],
  );
}
