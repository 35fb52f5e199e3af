/**
 * Serves the compiled course as `virtual:course-data`, so the browser bundle holds only CourseData: no Markdown
 * or YAML parser ships. A content problem fails the build (or shows Vite's error overlay in dev) with every
 * message from the compiler.
 */
import { relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { compileCourse, ContentError, contentFiles } from './compile.ts';

const VIRTUAL_ID = 'virtual:course-data';
// The \0 prefix tells other plugins this is not a file on disk.
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export function courseContent(options: { root?: string } = {}): Plugin {
  let root = resolve(options.root ?? process.cwd());

  return {
    name: 'course-content',

    configResolved(config) {
      root = resolve(config.root, options.root ?? '.');
    },

    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },

    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      // Watched before compiling, so that fixing a broken file triggers the rebuild.
      for (const file of contentFiles(root)) this.addWatchFile(file);
      try {
        return `export default ${JSON.stringify(compileCourse(root))};`;
      } catch (error) {
        if (error instanceof ContentError) this.error(error.message);
        throw error;
      }
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
