/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { courseContent } from './tools/content/vite-plugin.ts';

export default defineConfig({
  // Relative URLs: the package runs from whatever sub-path the LMS unpacks it to.
  base: './',
  plugins: [courseContent(), svelte()],
  build: {
    outDir: 'dist/course',
    emptyOutDir: true,
    // One small bundle: no dynamic chunks to fetch mid-course on hospital Wi-Fi.
    modulePreload: false,
    assetsInlineLimit: 0,
    target: 'es2020',
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
  },
});
