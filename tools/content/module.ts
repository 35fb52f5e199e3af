/** One module file: front matter (YAML between --- lines) and Markdown pages. */
import { checkIds, type ContentFile } from './files.ts';
import { compilePages, type MarkdownContext, type PageAt } from './markdown.ts';
import { quote, type Report } from './problems.ts';
import { lineCounter } from '../lines.ts';
import { frontMatterSchema, type FrontMatter } from './schemas.ts';
import { YamlSource } from './yaml-source.ts';

export interface LoadedModule {
  source: ContentFile;
  /** The id the file number calls for (`01-...` is m1), whatever the front matter says. */
  id: string;
  /** Present when the front matter passed its checks. */
  front?: FrontMatter;
  /** An objective id is malformed (already reported): questions naming objectives are not checked against them. */
  objectivesBroken?: boolean;
  /** The parsed front matter, for placing later problems on an objective's line. */
  frontSrc?: YamlSource;
  pages: PageAt[];
}

const PREFIX = 'front matter: ';

/** Splits `---\n yaml \n---\n body`; undefined when the file does not open and close its front matter. */
export function splitFrontMatter(text: string): { yaml: string; body: string; bodyLine: number } | undefined {
  if (!/^---[ \t]*\n/.test(text)) return undefined;
  const start = text.indexOf('\n') + 1;
  const close = /^---[ \t]*$/m.exec(text.slice(start));
  if (!close) return undefined;
  const bodyStart = Math.min(text.length, start + close.index + close[0].length + 1);
  const bodyLine = lineCounter(text)(bodyStart);
  return { yaml: text.slice(start, start + close.index), body: text.slice(bodyStart), bodyLine };
}

export function loadModule(source: ContentFile, report: Report, ctx: MarkdownContext): LoadedModule {
  const id = `m${source.number}`;
  const split = splitFrontMatter(source.text);
  if (!split) {
    report.add(
      source.file,
      1,
      `${PREFIX}missing or not closed: the file must start with a --- line, the module fields, and another --- line`,
    );
    return { source, id, pages: [] };
  }
  const { front, src, objectivesBroken } = loadFrontMatter(source, split.yaml, id, report);
  const { pages, problems } = compilePages(split.body, split.bodyLine, ctx);
  for (const problem of problems) report.add(source.file, problem.line, problem.message);
  return { source, id, front, frontSrc: src, pages, objectivesBroken };
}

function loadFrontMatter(
  source: ContentFile,
  yaml: string,
  id: string,
  report: Report,
): { front?: FrontMatter; src?: YamlSource; objectivesBroken?: boolean } {
  // The YAML starts on line 2, after the opening ---.
  const src = YamlSource.parse(source.file, yaml, report, PREFIX, 1);
  if (!src) return {};
  const result = frontMatterSchema.safeParse(src.data);
  if (!result.success) {
    src.zodIssues(report, result.error.issues, PREFIX);
    return { src };
  }
  const front = result.data;
  if (front.id !== id) {
    src.problem(
      report,
      ['id'],
      `id ${quote(front.id)} does not match the file number ${source.digits}: expected ${quote(id)}`,
      PREFIX,
    );
  }
  const objectives = front.objectives.map((objective, i) => ({ id: objective.id, path: ['objectives', i, 'id'] }));
  const before = report.problems.length;
  checkIds(src, report, objectives, { moduleId: id, letter: 'o' }, new Map(), PREFIX);
  return { front, src, objectivesBroken: report.problems.length > before };
}
