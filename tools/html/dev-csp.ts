/**
 * The live preview's Content-Security-Policy (npm run dev only). Vite's development client injects each
 * stylesheet as an inline <style> and talks to the server over a WebSocket, which the package's strict policy
 * (style-src 'self', connect-src 'self') refuses: the preview would render unstyled. In serve mode only, the
 * policy in index.html allows inline styles and the dev server's WebSocket; the built package keeps the strict one.
 */
import type { Plugin } from 'vite';

/** The served index.html's policy: index.html's own, relaxed for Vite's client. */
function relaxForDev(html: string): string {
  return html.replace(
    /(http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/,
    (_, head: string, policy: string) => {
      const relaxed = policy
        .replace(/style-src ([^;]*)/, (_m, sources: string) => `style-src ${sources} 'unsafe-inline'`)
        .replace(/connect-src ([^;]*)/, (_m, sources: string) => `connect-src ${sources} ws: wss:`);
      return `${head}${relaxed}"`;
    },
  );
}

export function devCsp(): Plugin {
  return {
    name: 'dev-csp',
    apply: 'serve',
    transformIndexHtml: { order: 'pre', handler: relaxForDev },
  };
}
