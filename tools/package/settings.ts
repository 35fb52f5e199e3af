// The course.yaml fields packaging needs. course.yaml is the one place for title, version and pass mark.
// Only these fields are checked here; the content tooling validates the file as a whole.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { settingsSchema } from '../content/schemas.ts';

const PackageSettings = z.object({
  // Used in zip names: keep it to file-name-safe characters.
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and "-"'),
  version: z.string({ error: 'must be text: put it in quotes, e.g. "1.0"' }).min(1).max(20), // SCORM 1.2 limits <manifest version> to 20 characters
  title: z.string().trim().min(1).max(200), // SCORM 2004 limits <title> to 200 characters
  passMark: z.number().min(0).max(100),
});

export type PackageSettings = z.infer<typeof PackageSettings>;

export function readPackageSettings(courseYamlPath: string): PackageSettings {
  const raw: unknown = parse(readFileSync(courseYamlPath, 'utf8'));
  const result = PackageSettings.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new Error(`${courseYamlPath}: ${problems}`);
  }
  return result.data;
}

/**
 * Settings still holding a placeholder ("[...]", the default of providerName and accreditationStatement):
 * fine for a trial, wrong on a certificate, so the build warns instead of failing. An invalid file gives []
 * here: the content check reports it with file and line.
 */
export function settingsPlaceholders(courseYamlPath: string): { field: string; value: string }[] {
  const result = settingsSchema.safeParse(parse(readFileSync(courseYamlPath, 'utf8')));
  if (!result.success) return [];
  return Object.entries(result.data).flatMap(([field, value]) =>
    typeof value === 'string' && /^\[.*\]$/s.test(value.trim()) ? [{ field, value }] : [],
  );
}
