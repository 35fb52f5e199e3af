// ESLint (flat config): JavaScript and TypeScript recommended rules, typescript-eslint, and Svelte 5 components.
// Prettier owns formatting (npm run format:check); knip owns unused files, exports and dependencies.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'tests/fixtures/packages/'],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Unused names are errors, except the deliberate `_` placeholders of callbacks.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Every {@html} in the screens renders HTML that the content compiler wrote at build time from Markdown and
    // YAML that may not contain raw HTML (tools/content/markdown.ts rejects it); the package's CSP forbids inline
    // script besides. Anything else in src/ui (or elsewhere) may not use {@html}.
    files: ['src/ui/**/*.svelte'],
    rules: { 'svelte/no-at-html-tags': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
);
