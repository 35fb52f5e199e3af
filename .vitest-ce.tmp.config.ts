import { defineConfig } from 'vitest/config';
// Private config: the shared vite.config.ts loads the content plugin, which may be mid-edit by another engineer.
export default defineConfig({ root: '/work/main', test: { include: ['src/**/*.test.ts'], environment: 'node' } });
