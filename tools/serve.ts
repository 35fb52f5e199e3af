/**
 * Local LMS preview: a tiny static server for the SCORM harness page and the built course.
 *
 *   npx tsx tools/serve.ts [--port 4173] [--open]      (or env PORT)
 *
 * Everything is served from one origin on purpose: the course finds the LMS API by walking
 * window.parent, which only works when the harness page and the course iframe share an origin.
 * No dependencies, no caching: this is a dev tool, a stale course bundle would only confuse.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** URL prefix -> folder on disk. Longest-prefix order does not matter: the prefixes do not overlap. */
const routes: ReadonlyArray<{ prefix: string; dir: string }> = [
  { prefix: '/harness/', dir: 'tests/e2e/harness' },
  { prefix: '/fixtures/', dir: 'tests/e2e/fixtures' },
  { prefix: '/scorm-again/', dir: 'node_modules/scorm-again/dist' },
  { prefix: '/scorm12/', dir: 'dist/scorm12' },
  { prefix: '/scorm2004/', dir: 'dist/scorm2004' },
].map((r) => ({ prefix: r.prefix, dir: resolve(repoRoot, r.dir) }));

/** Answers after `?ms=` milliseconds (at most 10 s): the network of the harness's slow synchronous LMS. */
const SLOW_LMS_PATH = '/harness/slow';

const harnessPage = resolve(repoRoot, 'tests/e2e/harness/index.html');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsd': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt; charset=utf-8',
};

const commonHeaders = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Maps a request path to a file inside one of the roots: null when it matches no route,
 * 'forbidden' when it would escape its root (`..` with encoded slashes, NUL bytes, bad escapes).
 */
export function resolveRequestPath(pathname: string): { file: string; root: string } | 'forbidden' | null {
  if (pathname === '/' || pathname === '/index.html') return { file: harnessPage, root: harnessPage };
  for (const { prefix, dir } of routes) {
    if (pathname !== prefix.slice(0, -1) && !pathname.startsWith(prefix)) continue;
    let rest: string;
    try {
      // Decode after matching the prefix, so `%2e%2e%2f` cannot pick another route either.
      rest = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return 'forbidden';
    }
    if (rest.includes('\0')) return 'forbidden';
    const file = resolve(dir, '.' + sep + rest);
    if (file !== dir && !file.startsWith(dir + sep)) return 'forbidden';
    return { file, root: dir };
  }
  return null;
}

function sendText(
  res: import('node:http').ServerResponse,
  status: number,
  title: string,
  detail: string,
  head: boolean,
): void {
  const body =
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title>` +
    `<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:40rem"><h1>${title}</h1><p>${detail}</p></body></html>`;
  res.writeHead(status, { ...commonHeaders, 'Content-Type': 'text/html; charset=utf-8' });
  res.end(head ? undefined : body);
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function createPreviewServer(): Server {
  return createServer((req, res) => {
    void (async () => {
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
      const match = resolveRequestPath(pathname);
      if (match === 'forbidden') {
        sendText(res, 403, 'Forbidden', 'That path leaves the folder it is served from.', head);
        return;
      }
      if (!match) {
        sendText(res, 404, 'Not found', `Nothing is served at <code>${escapeHtml(pathname)}</code>.`, head);
        return;
      }
      let file = match.file;
      let info = await statOrNull(file);
      if (info?.isDirectory()) {
        // Directory without a trailing slash: redirect, so relative URLs in its index.html resolve.
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { ...commonHeaders, Location: pathname + '/' });
          res.end();
          return;
        }
        file = join(file, 'index.html');
        info = await statOrNull(file);
      }
      if (!info?.isFile()) {
        // The usual first-run surprise: the course has not been built yet.
        const rootMissing = !(await statOrNull(match.root));
        const detail =
          rootMissing && /\/dist\//.test(match.root + sep)
            ? `There is no course build in <code>${escapeHtml(match.root.slice(repoRoot.length + 1))}/</code> yet. Run <code>npm run build</code>, then reload.`
            : `Nothing is served at <code>${escapeHtml(pathname)}</code>.`;
        sendText(res, 404, 'Not found', detail, head);
        return;
      }
      res.writeHead(200, {
        ...commonHeaders,
        'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
      });
      if (head) {
        res.end();
        return;
      }
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, commonHeaders);
      res.end();
    });
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
