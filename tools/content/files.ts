/** Finding and reading the authored files, and the id checks that modules and quiz banks share. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quote, type Report } from './problems.ts';
import type { Path, YamlSource } from './yaml-source.ts';

/** An authored file named `NN-slug.ext`. */
export interface ContentFile {
  /** Relative to the content root, e.g. `modules/01-chronic-pain.md`. */
  file: string;
  /** `NN-slug`: pairs a module with its quiz bank. */
  name: string;
  /** NN as a number: the module's position, and the number in its id (`m1`). */
  number: number;
  /** The two digits as written, for messages. */
  digits: string;
  text: string;
}

const FILE_NAME = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads a file as the compiler sees it: no byte-order mark, `\n` line ends (so offsets and lines agree). */
export function readText(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
}

/** Lists `dir/*ext` in name order; files not named NN-slug are reported, since they would silently not count. */
export function listContentFiles(root: string, dir: string, ext: string, report: Report): ContentFile[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((entry) => entry.endsWith(ext))
    .sort()
    .flatMap((entry) => {
      const file = `${dir}/${entry}`;
      const name = entry.slice(0, -ext.length);
      const digits = FILE_NAME.exec(name)?.[1];
      if (!digits) {
        report.add(
          file,
          1,
          `file name must be NN-slug${ext} with a two-digit number and a lowercase slug, e.g. 01-chronic-pain${ext}`,
        );
        return [];
      }
      return [{ file, name, number: Number(digits), digits, text: readText(join(full, entry)) }];
    });
}

/**
 * Checks that each id has the form `<module>-<letter><number>` (e.g. m1-o2, m1-q4) and was not used before.
 * `seen` maps an id to where it was first used; pass one map per scope (a module's objectives, or the course).
 */
export function checkIds(
  src: YamlSource,
  report: Report,
  items: { id: string; path: Path }[],
  format: { moduleId: string; letter: string },
  seen: Map<string, string>,
  prefix = '',
): void {
  const pattern = new RegExp(`^${format.moduleId}-${format.letter}[1-9][0-9]*$`);
  for (const { id, path } of items) {
    if (!pattern.test(id)) {
      src.problem(
        report,
        path,
        `id must be ${format.moduleId}-${format.letter}<number>, e.g. ${quote(`${format.moduleId}-${format.letter}1`)}`,
        prefix,
      );
    }
    const first = seen.get(id);
    if (first) src.problem(report, path, `id is already used at ${first}`, prefix);
    else seen.set(id, `${src.file}:${src.lineOf(path)}`);
  }
}
