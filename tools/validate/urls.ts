// Finds URLs in HTML and CSS that load something from outside the package. The LMS serves the package
// from its own sub-path (often offline, behind a strict CSP, or in a hospital network), so an https: or
// protocol-relative URL may not load, and a root-absolute "/assets/x.js" points outside the package.

import { lineCounter } from '../lines.ts';

export interface UrlFinding {
  line: number;
  /** Where it was found, e.g. '<script src>' or 'url()'. */
  context: string;
  url: string;
  reason: string;
}

/** Why a URL leaves the package, or null if it is package-relative (or data:, #fragment, ...). */
export function externalUrlReason(rawUrl: string): string | null {
  const url = rawUrl.trim();
  if (url.startsWith('//') || url.startsWith('\\\\')) return 'protocol-relative URL (loads from another server)';
  if (url.startsWith('/') || url.startsWith('\\'))
    return 'root-absolute path (points outside the package once the LMS serves it from a sub-path)';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || ['data', 'blob', 'about', 'javascript', 'mailto', 'tel'].includes(scheme)) return null;
  return `absolute ${scheme}: URL (loads from outside the package)`;
}

/** Replaces a range with spaces but keeps newlines, so offsets and line numbers stay right. */
const blank = (s: string): string => s.replace(/[^\n]/g, ' ');

/** url(...) and @import "..." in CSS. lineOffset: line of the CSS's first character in its file. */
export function findCssExternalUrls(css: string, lineOffset = 1): UrlFinding[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, blank);
  const lineOf = lineCounter(text);
  const found: UrlFinding[] = [];
  const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi;
  for (const m of text.matchAll(re)) {
    const url = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    const reason = externalUrlReason(url);
    if (reason)
      found.push({
        line: lineOffset + lineOf(m.index) - 1,
        context: m[0].startsWith('@') ? '@import' : 'url()',
        url,
        reason,
      });
  }
  return found;
}

// Attributes that make the browser fetch something. <a href> / <area href> are links the learner may follow
// (e.g. to a cited paper), not loads, so they are allowed to point outside.
const LOADING_ATTRS = new Set(['src', 'href', 'srcset', 'poster', 'data', 'background']);
const LINK_TAGS = new Set(['a', 'area']);

/** src/href-like attributes, inline style="" and <style> blocks in HTML. Comments and script bodies are ignored. */
export function findHtmlExternalUrls(html: string): UrlFinding[] {
  const found: UrlFinding[] = [];
  const lineOf = lineCounter(html); // offsets stay valid: blanking keeps every character's position
  // Blank out comments and the bodies of <script>/<style> so strings inside them are not taken for tags.
  let text = html.replace(/<!--[\s\S]*?-->/g, blank);
  text = text.replace(
    /(<style\b[^>]*>)([\s\S]*?)(<\/style\s*>)/gi,
    (whole, open: string, body: string, close: string, offset: number) => {
      found.push(...findCssExternalUrls(body, lineOf(offset + open.length)));
      return open + blank(body) + close;
    },
  );
  text = text.replace(
    /(<script\b[^>]*>)([\s\S]*?)(<\/script\s*>)/gi,
    (_w, open: string, body: string, close: string) => open + blank(body) + close,
  );

  const tagRe = /<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  const attrRe = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const tag of text.matchAll(tagRe)) {
    const tagName = tag[1]!.toLowerCase();
    const line = lineOf(tag.index);
    for (const a of (tag[2] ?? '').matchAll(attrRe)) {
      const name = a[1]!.toLowerCase();
      const value = (a[2] ?? a[3] ?? a[4] ?? '').replace(/&amp;/g, '&');
      if (name === 'style') {
        found.push(
          ...findCssExternalUrls(value, line).map((f) => ({ ...f, context: `<${tagName} style> ${f.context}` })),
        );
        continue;
      }
      if (!LOADING_ATTRS.has(name) || (name === 'href' && LINK_TAGS.has(tagName))) continue;
      // srcset holds "url 2x, url 480w": check each URL.
      const urls = name === 'srcset' ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [value];
      for (const url of urls) {
        const reason = externalUrlReason(url);
        if (reason) found.push({ line, context: `<${tagName} ${name}>`, url, reason });
      }
    }
  }
  return found;
}
