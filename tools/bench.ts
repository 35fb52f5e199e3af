/**
 * Speed benchmark against the budgets of the "tablet-first interface" issue:
 *
 *   npm run bench            (or: npx tsx tools/bench.ts [--no-build] [--out docs/bench.json] [--moodle-only])
 *
 * Builds the packages (timed), serves them locally with gzip like a production web server, then measures:
 * bytes of each zip, JS / CSS / course data raw and gzip, files in the package, requests at launch;
 * Lighthouse 12 (mobile preset, simulated throttling) three times on the launch page (medians); and the time
 * from the launch page opening inside the LMS harness to the first interactive course screen (median of 5).
 * When Moodle is up (see README, "Tests in a real LMS"), it also records one learner journey per SCORM version in
 * Moodle's player and reports the bytes the player sends to Moodle (tools/bench-moodle.ts); without Moodle that part
 * is reported as not measured and the rest runs as before.
 * Prints a table, writes the JSON report, and exits 1 when any budget is missed. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync, createGzip } from 'node:zlib';
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, chromiumPath, fullChromiumPath } from '../tests/e2e/fixtures/browser.ts';
import { previewRoutes, servedPath } from './serve.ts';
import { benchMoodle } from './bench-moodle.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values: args } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/bench.json' },
    runs: { type: 'string', default: '3' },
    // Only the Moodle commit cost, merged into the existing report (the other figures stay as they were).
    'moodle-only': { type: 'boolean', default: false },
  },
});

/** Budgets from the issue. KB = 1000 bytes (the stricter reading). */
const BUDGET = {
  zipBytes: 250_000,
  // The tablet issue's 60 kB, plus the 3 kB the CE-activity issue allows over its starting point (60,010 B).
  launchJsGzipBytes: 63_010,
  lighthousePerformance: 98,
  lighthouseAccessibility: 100,
  lcpMs: 1500,
  tbtMs: 50,
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (n: number, digits = 0) => Number(n.toFixed(digits));

// ---- 1. Build ------------------------------------------------------------------------------------------------

function run(command: string, argv: string[]): void {
  const result = spawnSync(command, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`${command} ${argv.join(' ')} failed`);
  }
}

function build(): number {
  const started = performance.now();
  run('npx', ['vite', 'build']);
  run('npx', ['tsx', 'tools/package/build-packages.ts']);
  return Math.round(performance.now() - started);
}

// ---- 2. Sizes ------------------------------------------------------------------------------------------------

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function sizes() {
  const zips = readdirSync(join(root, 'dist'))
    .filter((f) => f.endsWith('.zip'))
    .map((f) => ({ file: `dist/${f}`, bytes: statSync(join(root, 'dist', f)).size }));
  const pkg = join(root, 'dist/scorm12');
  const files = walk(pkg).map((file) => {
    const data = readFileSync(file);
    return { path: relative(pkg, file), bytes: data.length, gzip: gzipSync(data).length };
  });
  const sum = (ext: string) => {
    const list = files.filter((f) => extname(f.path) === ext);
    return {
      raw: list.reduce((a, f) => a + f.bytes, 0),
      gzip: list.reduce((a, f) => a + f.gzip, 0),
      files: list.length,
    };
  };
  // The launch bundle: the scripts the launch page loads before the first screen. The end-of-course chunk comes
  // after it (src/ui/end-screens-load.ts) and is counted in `js` with every other script.
  const html = readFileSync(join(pkg, 'index.html'), 'utf8');
  const launchScripts = [...html.matchAll(/<script[^>]*\ssrc="\.?\/?([^"]+)"/g)].map((m) => m[1]!);
  const launch = files.filter((f) => launchScripts.includes(f.path));
  const launchJs = { raw: launch.reduce((a, f) => a + f.bytes, 0), gzip: launch.reduce((a, f) => a + f.gzip, 0) };
  return { zips, files, js: sum('.js'), launchJs, css: sum('.css'), courseData: sum('.json') };
}

// ---- 3. A local server with gzip, as an LMS's web server would send the files -------------------------------

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The file a request names in the preview server's folders, or null. */
function fileFor(pathname: string): string | null {
  const served = servedPath(pathname);
  const path = served.endsWith('/') ? `${served}index.html` : served;
  const route = previewRoutes.find((r) => path.startsWith(r.prefix));
  if (!route) return null;
  const file = resolve(route.dir, '.' + sep + decodeURI(path.slice(route.prefix.length)));
  return file.startsWith(route.dir + sep) && existsSync(file) && statSync(file).isFile() ? file : null;
}

/** The preview server's files, gzipped on the fly when the browser accepts it: what an LMS's web server sends. */
function startServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const file = fileFor(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const compress = /text|json|xml|svg/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      ...(compress ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    });
    const stream = createReadStream(file);
    (compress ? stream.pipe(createGzip()) : stream).pipe(res);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

// ---- 4. Requests at launch -----------------------------------------------------------------------------------

async function launchRequests(origin: string) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const page = await browser.newPage();
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url().replace(origin, '')));
  await page.goto(`${origin}/scorm12/index.html`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1 }).waitFor();
  await browser.close();
  return { requests: urls.length, urls };
}

// ---- 5. Lighthouse -------------------------------------------------------------------------------------------

const LIGHTHOUSE_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

interface LighthouseRun {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  totalTransferBytes: number;
  requests: number;
}

async function lighthouseRun(url: string): Promise<LighthouseRun> {
  const chrome = await chromeLauncher.launch({
    chromePath: fullChromiumPath,
    chromeFlags: LIGHTHOUSE_FLAGS,
  });
  try {
    // The default config is Lighthouse's mobile preset with simulated throttling.
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { categories, audits } = result.lhr;
    if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
    // With Chromium 156 a few diagnostic audits error ('frame_sequence'); none of them count toward the scores.
    // The metrics themselves must not.
    const metrics = [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'speed-index',
      'cumulative-layout-shift',
    ];
    const failed = metrics
      .map((id) => audits[id]!)
      .filter((a) => !a || a.scoreDisplayMode === 'error' || typeof a.numericValue !== 'number');
    if (failed.length)
      throw new Error(
        `Lighthouse metric audits failed: ${failed.map((a) => `${a?.id}: ${a?.errorMessage}`).join('; ')}`,
      );
    const items = (audits['network-requests']?.details as { items?: unknown[] } | undefined)?.items ?? [];
    return {
      performance: Math.round((categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
      fcpMs: round(audits['first-contentful-paint']!.numericValue ?? NaN),
      lcpMs: round(audits['largest-contentful-paint']!.numericValue ?? NaN),
      tbtMs: round(audits['total-blocking-time']!.numericValue ?? NaN),
      cls: round(audits['cumulative-layout-shift']!.numericValue ?? NaN, 3),
      speedIndexMs: round(audits['speed-index']!.numericValue ?? NaN),
      totalTransferBytes: round(audits['total-byte-weight']!.numericValue ?? NaN),
      requests: items.length,
    };
  } finally {
    await chrome.kill();
  }
}

// ---- 6. Launch inside the LMS harness to the first interactive screen ----------------------------------------

/**
 * In the course frame, from its navigation start (the launch page opening) to the moment the first screen is
 * on the page with its primary button and the LMS session initialised: the learner can act. Also from the
 * harness page's own start, for the whole LMS-side picture.
 */
const INTERACTIVE_PROBE = `(() => {
  if (window === window.top) return;
  const observer = new MutationObserver(() => {
    const ready = document.querySelector('main h1') && document.querySelector('main button, .navbar button');
    const harness = window.parent.__harness;
    if (ready && harness && harness.initialized) {
      window.__interactiveAt = performance.timeOrigin + performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function harnessLaunch(origin: string, runs: number) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const results: { launchToInteractiveMs: number; harnessToInteractiveMs: number }[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1194, height: 834 } });
      // A string, not a function: tsx would wrap a function's inner arrows in a __name() helper the page lacks.
      await context.addInitScript({ content: INTERACTIVE_PROBE });
      const page = await context.newPage();
      if (process.env.BENCH_DEBUG) page.on('console', (m) => console.log('console:', m.text()));
      await page.goto(`${origin}/?v=12`);
      const frame = page.frameLocator('#course');
      await frame.getByRole('button', { name: 'Start course' }).waitFor();
      const course = page.frames().find((f) => f.url().includes('/scorm12/index.html'))!;
      await course.waitForFunction(() => (window as unknown as { __interactiveAt?: number }).__interactiveAt);
      const at = await course.evaluate(() => ({
        interactive: (window as unknown as { __interactiveAt: number }).__interactiveAt,
        origin: performance.timeOrigin,
      }));
      const harnessOrigin = await page.evaluate(() => performance.timeOrigin);
      results.push({
        launchToInteractiveMs: round(at.interactive - at.origin, 1),
        harnessToInteractiveMs: round(at.interactive - harnessOrigin, 1),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return {
    runs: results,
    medianLaunchToInteractiveMs: median(results.map((r) => r.launchToInteractiveMs)),
    medianHarnessToInteractiveMs: median(results.map((r) => r.harnessToInteractiveMs)),
  };
}

// ---- main ----------------------------------------------------------------------------------------------------

function git(...argv: string[]): string {
  const r = spawnSync('git', argv, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** `--moodle-only`: measures the Moodle commit cost and writes it into the existing report. */
async function moodleOnly(): Promise<void> {
  const out = resolve(root, args.out!);
  const report = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  const moodle = await benchMoodle();
  report.moodleCommitCost = { ...moodle, date: new Date().toISOString(), commit: git('rev-parse', '--short', 'HEAD') };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(JSON.stringify(report.moodleCommitCost, null, 2));
  if (!moodle.available) process.exitCode = 1;
}

async function main(): Promise<void> {
  if (args['moodle-only']) return moodleOnly();
  process.env.CHROME_PATH ??= fullChromiumPath;
  const buildMs = args['no-build'] ? null : build();
  if (!existsSync(join(root, 'dist/scorm12/index.html'))) throw new Error('No build in dist/: run without --no-build');
  const size = sizes();
  const { server, origin } = await startServer();
  try {
    const launch = await launchRequests(origin);
    const lhRuns: LighthouseRun[] = [];
    for (let i = 0; i < Number(args.runs); i++) {
      lhRuns.push(await lighthouseRun(`${origin}/scorm12/index.html`));
      process.stderr.write(
        `lighthouse run ${i + 1}: performance ${lhRuns.at(-1)!.performance}, LCP ${lhRuns.at(-1)!.lcpMs} ms\n`,
      );
    }
    const pick = (k: keyof LighthouseRun) => median(lhRuns.map((r) => r[k]));
    const lh = {
      preset: 'mobile (Lighthouse default config), simulated throttling',
      runs: lhRuns,
      median: {
        performance: pick('performance'),
        accessibility: pick('accessibility'),
        fcpMs: pick('fcpMs'),
        lcpMs: pick('lcpMs'),
        tbtMs: pick('tbtMs'),
        cls: pick('cls'),
        speedIndexMs: pick('speedIndexMs'),
        totalTransferBytes: pick('totalTransferBytes'),
      },
    };
    const harness = await harnessLaunch(origin, 5);
    const moodle = await benchMoodle();

    const budgets = [
      ...size.zips.map((z) => ({
        name: `zip ${z.file}`,
        limit: `<= ${BUDGET.zipBytes} bytes`,
        actual: z.bytes,
        ok: z.bytes <= BUDGET.zipBytes,
      })),
      {
        name: 'launch JS gzip',
        limit: `<= ${BUDGET.launchJsGzipBytes} bytes`,
        actual: size.launchJs.gzip,
        ok: size.launchJs.gzip <= BUDGET.launchJsGzipBytes,
      },
      {
        name: 'Lighthouse performance (median)',
        limit: `>= ${BUDGET.lighthousePerformance}`,
        actual: lh.median.performance,
        ok: lh.median.performance >= BUDGET.lighthousePerformance,
      },
      {
        name: 'Lighthouse accessibility (median)',
        limit: `= ${BUDGET.lighthouseAccessibility}`,
        actual: lh.median.accessibility,
        ok: lh.median.accessibility >= BUDGET.lighthouseAccessibility,
      },
      {
        name: 'LCP (median)',
        limit: `<= ${BUDGET.lcpMs} ms`,
        actual: lh.median.lcpMs,
        ok: lh.median.lcpMs <= BUDGET.lcpMs,
      },
      {
        name: 'TBT (median)',
        limit: `<= ${BUDGET.tbtMs} ms`,
        actual: lh.median.tbtMs,
        ok: lh.median.tbtMs <= BUDGET.tbtMs,
      },
    ];
    const report = {
      date: new Date().toISOString(),
      commit: git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain') ? ' (with uncommitted changes)' : ''),
      environment: {
        node: process.version,
        chromium: spawnSync(process.env.CHROME_PATH, ['--version'], { encoding: 'utf8' }).stdout.trim(),
        lighthouse: '12.2.3',
      },
      buildMs,
      package: {
        zips: size.zips,
        filesInPackage: size.files.length,
        files: size.files,
        js: size.js,
        launchJs: size.launchJs,
        css: size.css,
        courseData: size.courseData,
      },
      launch: {
        ...launch,
        note: 'requests made by the launch page (dist/scorm12/index.html) until the network is idle',
      },
      lighthouse: lh,
      lmsHarness: {
        ...harness,
        note: 'from the course launch page opening in the LMS harness iframe (its navigation start) to the first screen rendered with its buttons and the LMS session initialised; harnessTo... counts from the harness page itself',
      },
      moodleCommitCost: moodle,
      budgets,
      ok: budgets.every((b) => b.ok),
    };

    const out = resolve(root, args.out!);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2) + '\n');

    const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
    console.log(`\nBenchmark (${report.commit})`);
    if (buildMs !== null) console.log(`  build (vite + packages)     ${(buildMs / 1000).toFixed(1)} s`);
    for (const z of size.zips) console.log(`  ${z.file.padEnd(44)} ${kb(z.bytes)}`);
    console.log(`  files in the package        ${size.files.length}`);
    console.log(`  JS at launch                ${kb(size.launchJs.raw)} raw, ${kb(size.launchJs.gzip)} gzip`);
    console.log(`  JS in all                   ${kb(size.js.raw)} raw, ${kb(size.js.gzip)} gzip`);
    console.log(`  CSS                         ${kb(size.css.raw)} raw, ${kb(size.css.gzip)} gzip`);
    console.log(`  course data (JSON)          ${kb(size.courseData.raw)} raw, ${kb(size.courseData.gzip)} gzip`);
    console.log(`  requests at launch          ${launch.requests} (${launch.urls.join(', ')})`);
    const m = lh.median;
    console.log(
      `  Lighthouse mobile x${lhRuns.length}       performance ${m.performance}, accessibility ${m.accessibility}, FCP ${m.fcpMs} ms, LCP ${m.lcpMs} ms, TBT ${m.tbtMs} ms, transfer ${kb(m.totalTransferBytes)}`,
    );
    console.log(
      `  LMS launch to interactive   ${harness.medianLaunchToInteractiveMs} ms (median of 5; ${harness.medianHarnessToInteractiveMs} ms from the harness page)`,
    );
    if (moodle.available) {
      for (const [name, c] of [
        ['1.2', moodle.scorm12],
        ['2004', moodle.scorm2004],
      ] as const)
        console.log(
          `  Moodle commits, SCORM ${name.padEnd(5)} ${kb(c.bytes)} in ${c.requests} requests (largest ${kb(c.maxBytes)}, mean ${kb(c.meanBytes)}) for one journey`,
        );
    } else console.log(`  Moodle commits              not measured: ${moodle.note}`);
    console.log('\nBudgets');
    for (const b of budgets)
      console.log(`  ${b.ok ? 'ok  ' : 'MISS'} ${b.name.padEnd(44)} ${String(b.actual).padStart(8)}  (${b.limit})`);
    console.log(`\nReport: ${relative(root, out)}`);
    if (!report.ok) {
      console.error('bench: at least one budget is missed');
      process.exitCode = 1;
    }
  } finally {
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
