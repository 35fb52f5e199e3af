/**
 * Serves the compiled course, so the browser receives only CourseData: no Markdown or YAML parser ships.
 * A content problem fails the build (or shows Vite's error overlay in dev) with every message from the compiler.
 *
 * Two virtual modules:
 * - `virtual:course-data`: the CourseData itself as a JS module (tests, tools, dev server).
 * - `virtual:course-data-loader`: what the course uses. In a production build the content is not code: it is
 *   emitted as two JSON assets (hashed names, listed in the manifests like every other file):
 *     assets/course-data-<hash>.json   everything but the module pages' text; preloaded from index.html, so it
 *                                      downloads in parallel with the script; the first screen needs only this
 *     assets/course-pages-<hash>.json  the pages' HTML (string[module][page], about half the content), fetched
 *                                      right after the first screen is on show (src/ui/page-texts.svelte.ts)
 *   `loadCourseData()` resolves with the first, `loadPageTexts()` with the second. In dev the loader resolves to
 *   the whole data module and `loadPageTexts()` to null, so edits still reload instantly.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { CourseData } from '../../src/course/types.ts';
import { compileCourse, ContentError, contentFiles } from './compile.ts';

const VIRTUAL_ID = 'virtual:course-data';
const LOADER_ID = 'virtual:course-data-loader';
// The \0 prefix tells other plugins this is not a file on disk.
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const RESOLVED_LOADER_ID = `\0${LOADER_ID}`;

export function courseContent(options: { root?: string } = {}): Plugin {
  let root = resolve(options.root ?? process.cwd());
  let building = false;
  /** The emitted JSON asset's path inside the build output, e.g. "assets/course-data-1a2b3c4d.json". */
  let dataFile: string | null = null;

  return {
    name: 'course-content',

    configResolved(config) {
      root = resolve(config.root, options.root ?? '.');
      building = config.command === 'build';
    },

    buildStart() {
      dataFile = null;
    },

    resolveId(id) {
      if (id === VIRTUAL_ID) return RESOLVED_ID;
      if (id === LOADER_ID) return RESOLVED_LOADER_ID;
      return undefined;
    },

    load(id) {
      if (id !== RESOLVED_ID && id !== RESOLVED_LOADER_ID) return undefined;
      if (id === RESOLVED_LOADER_ID && !building) {
        // Live preview (npm run dev): compiled on every edit. A content problem is shown on the course page as a
        // plain list of "file:line: message" (src/main.ts), not as a build error with a stack trace.
        for (const file of contentFiles(root)) this.addWatchFile(file);
        try {
          const course = compileCourse(root);
          return [
            `const data = ${JSON.stringify(course)};`,
            'export function loadCourseData() { return Promise.resolve(data); }',
            'export function loadPageTexts() { return Promise.resolve(null); }',
          ].join('\n');
        } catch (error) {
          if (!(error instanceof ContentError)) throw error;
          return [
            `const contentProblems = ${JSON.stringify(error.problems)};`,
            'export function loadCourseData() { return Promise.reject(Object.assign(new Error("course content"), { contentProblems })); }',
            'export function loadPageTexts() { return Promise.resolve(null); }',
          ].join('\n');
        }
      }
      // Watched before compiling, so that fixing a broken file triggers the rebuild.
      for (const file of contentFiles(root)) this.addWatchFile(file);
      let course: CourseData;
      try {
        course = compileCourse(root);
      } catch (error) {
        if (error instanceof ContentError) this.error(error.message);
        throw error;
      }
      if (id === RESOLVED_ID) return `export default ${JSON.stringify(course)};`;
      const pages = course.modules.map((m) => m.pages.map((p) => p.html));
      const core = {
        ...course,
        modules: course.modules.map((m) => ({ ...m, pages: m.pages.map((p) => ({ ...p, html: '' })) })),
      };
      const emit = (name: string, value: unknown) => {
        const json = JSON.stringify(value);
        // A content hash in the name: an LMS or proxy that caches hard never serves last version's content.
        const fileName = `assets/${name}-${createHash('sha256').update(json).digest('hex').slice(0, 10)}.json`;
        this.emitFile({ type: 'asset', fileName, source: json });
        return fileName;
      };
      dataFile = emit('course-data', core);
      const pagesFile = emit('course-pages', pages);
      // Relative to this script (also in assets/), so the package runs from any LMS sub-path.
      // @vite-ignore: the files are emitted by this plugin, not ones for Vite's asset-URL handling to find.
      const url = (file: string) =>
        `new URL(/* @vite-ignore */ ${JSON.stringify(`./${basename(file)}`)}, import.meta.url)`;
      return [
        'async function json(url) {',
        '  const response = await fetch(url);',
        '  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);',
        '  return response.json();',
        '}',
        `export function loadCourseData() { return json(${url(dataFile)}); }`,
        `export function loadPageTexts() { return json(${url(pagesFile)}); }`,
      ].join('\n');
    },

    // The loader's relative URL assumes its chunk sits next to the JSON: fail loudly if the output layout changes.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.moduleIds.includes(RESOLVED_LOADER_ID) || !dataFile) continue;
        if (dirname(chunk.fileName) !== dirname(dataFile))
          this.error(`${chunk.fileName} must be in the same folder as ${dataFile}`);
      }
    },

    // Starts the content download with the HTML, not after the script has run.
    transformIndexHtml: {
      order: 'post',
      handler() {
        if (!dataFile) return undefined;
        return [
          {
            tag: 'link',
            attrs: { rel: 'preload', href: `./${dataFile}`, as: 'fetch', crossorigin: 'anonymous' },
            injectTo: 'head',
          },
        ];
      },
    },

    // Edits to known files reach the module through addWatchFile; a new or deleted module or quiz file does not,
    // so those reload the page with freshly compiled data.
    configureServer(server) {
      const onAddOrRemove = (file: string) => {
        if (!/^(modules\/.+\.md|quizzes\/.+\.yaml)$/.test(relative(root, file).replaceAll('\\', '/'))) return;
        const graph = server.environments.client.moduleGraph;
        const module = graph.getModuleById(RESOLVED_ID);
        if (module) graph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', onAddOrRemove);
      server.watcher.on('unlink', onAddOrRemove);
    },
  };
}
