/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { courseContent } from './tools/content/vite-plugin.ts';
import { fileProtocolNotice } from './tools/html/file-protocol-notice.ts';
import { devCsp } from './tools/html/dev-csp.ts';

export default defineConfig({
  // Relative URLs: the package runs from whatever sub-path the LMS unpacks it to.
  base: './',
  // COURSE_CONTENT_ROOT: preview the content of another folder (the live-preview test uses a copy).
  plugins: [courseContent({ root: process.env.COURSE_CONTENT_ROOT }), svelte(), fileProtocolNotice(), devCsp()],
  build: {
    outDir: 'dist/course',
    emptyOutDir: true,
    // The launch bundle plus one chunk, the end-of-course screens, which the course fetches right after its first
    // screen (src/ui/end-screens-load.ts). No preload helper: the chunk imports nothing the launch bundle lacks.
    modulePreload: false,
    // One stylesheet, loaded at launch: no style fetched mid-course.
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    // Browsers from 2022 on: iPadOS/iOS 16+, Android Chrome 100+, Edge and Firefox 100+. The code already needs
    // Safari 15.4 (Array.prototype.at); from Safari 16 on, class fields and private methods ship as written
    // instead of being rewritten into WeakMap helpers: 1.2 kB gzip less, and faster.
    target: ['chrome100', 'edge100', 'firefox100', 'safari16'],
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
    // Test files share their workers' module cache instead of re-importing the course compiler, zod, fflate and
    // the rest for each of the 37 files: 31 s down to 19 s here. No test depends on a fresh module: the one that
    // changes process.env.TZ puts it back, and the suite passes in shuffled order.
    isolate: false,
  },
});
