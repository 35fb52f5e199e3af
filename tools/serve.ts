/**
 * Local LMS preview: the SCORM harness page and the built course, from one origin.
 *
 *   npx tsx tools/serve.ts [--port 4173] [--open]      (or env PORT)
 *
 * Everything is served from one origin on purpose: the course finds the LMS API by walking
 * window.parent, which only works when the harness page and the course iframe share an origin.
 * Files are served by sirv (content types, ranges, paths kept inside their folder) in its dev mode: every request
 * reads the disk, nothing is cached, so a rebuilt course is what the next reload gets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** URL prefix -> folder on disk. The prefixes do not overlap. */
export const previewRoutes: ReadonlyArray<{ prefix: string; dir: string }> = [
  { prefix: '/harness/', dir: 'tests/e2e/harness' },
  { prefix: '/fixtures/', dir: 'tests/e2e/fixtures' },
  { prefix: '/scorm-again/', dir: 'node_modules/scorm-again/dist' },
  { prefix: '/scorm12/', dir: 'dist/scorm12' },
  { prefix: '/scorm2004/', dir: 'dist/scorm2004' },
].map((r) => ({ prefix: r.prefix, dir: resolve(repoRoot, r.dir) }));

/** The path of the file a request names: the harness page answers at the site's root. */
export function servedPath(pathname: string): string {
  return pathname === '/' || pathname === '/index.html' ? '/harness/index.html' : pathname;
}

/** Answers after `?ms=` milliseconds (at most 10 s): the network of the harness's slow synchronous LMS. */
const SLOW_LMS_PATH = '/harness/slow';

const commonHeaders = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

function sendText(res: ServerResponse, status: number, title: string, detail: string, head: boolean): void {
  const body =
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title>` +
    `<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:40rem"><h1>${title}</h1><p>${detail}</p></body></html>`;
  res.writeHead(status, { ...commonHeaders, 'Content-Type': 'text/html; charset=utf-8' });
  res.end(head ? undefined : body);
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** Nothing at that path; for a course folder that does not exist yet, the usual first-run surprise, say so. */
function notFound(req: IncomingMessage, res: ServerResponse, pathname: string, dir: string | null): void {
  const head = req.method === 'HEAD';
  const unbuilt = dir !== null && dir.startsWith(resolve(repoRoot, 'dist')) && !existsSync(dir);
  const detail = unbuilt
    ? `There is no course build in <code>${escapeHtml(dir.slice(repoRoot.length + 1))}/</code> yet. Run <code>npm run build</code>, then reload.`
    : `Nothing is served at <code>${escapeHtml(pathname)}</code>.`;
  sendText(res, 404, 'Not found', detail, head);
}

export function createPreviewServer(): Server {
  const mounts = previewRoutes.map(({ prefix, dir }) => ({
    prefix,
    dir,
    serve: sirv(dir, {
      dev: true,
      setHeaders: (res) => {
        for (const [name, value] of Object.entries(commonHeaders)) res.setHeader(name, value);
      },
    }),
  }));
  return createServer((req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { ...commonHeaders, Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = url.pathname;
    if (pathname === SLOW_LMS_PATH) {
      // The harness's slow LMS (tests/e2e/harness/lms.js) waits for this answer in a synchronous request.
      const ms = Math.min(Math.max(Number(url.searchParams.get('ms')) || 0, 0), 10_000);
      setTimeout(() => {
        res.writeHead(204, commonHeaders);
        res.end();
      }, ms);
      return;
    }
    const path = servedPath(pathname);
    const mount = mounts.find((m) => path.startsWith(m.prefix));
    if (!mount) {
      // A folder named without its slash: redirect, so relative URLs in its index.html resolve.
      const folder = mounts.find((m) => pathname === m.prefix.slice(0, -1));
      if (folder) {
        res.writeHead(301, { ...commonHeaders, Location: folder.prefix });
        res.end();
      } else notFound(req, res, pathname, null);
      return;
    }
    // sirv sees the path inside the folder; `..` cannot leave it (an escaping path is simply not found).
    req.url = path.slice(mount.prefix.length - 1) + url.search;
    mount.serve(req, res, () => notFound(req, res, pathname, mount.dir));
  });
}

/** Best effort: a missing xdg-open (CI, containers) must never stop the server. */
function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log(`(Could not open a browser; open ${url} yourself.)`));
    child.unref();
  } catch {
    console.log(`(Could not open a browser; open ${url} yourself.)`);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, open: { type: 'boolean', default: false } },
  });
  const port = Number(values.port ?? process.env.PORT ?? 4173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port: ${values.port ?? process.env.PORT}`);
    process.exit(2);
  }
  const host = '127.0.0.1';
  const server = createPreviewServer();
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(err.code === 'EADDRINUSE' ? `Port ${port} is in use; try --port ${port + 1}.` : err.message);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const url = `http://${host}:${actualPort}/`;
    console.log(`LMS preview: ${url}`);
    if (values.open) openBrowser(url);
  });
}

// Run only as a script, so the server can also be imported (e.g. by tests).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
