// Detection of loads from outside the package in HTML and CSS (tools/validate/urls.ts), and path rules.

import { describe, expect, it } from 'vitest';
import { externalUrlReason, findCssExternalUrls, findHtmlExternalUrls } from '../../tools/validate/urls.ts';
import { junkRoot, unsafePath } from '../../tools/validate/file-rules.ts';

describe('externalUrlReason', () => {
  it.each([
    'assets/a.js',
    './assets/a.js',
    '../x.css',
    '#top',
    '?q=1',
    '',
    'data:image/png;base64,AA',
    'blob:abc',
    'mailto:a@b.c',
  ])('allows %j', (url) => expect(externalUrlReason(url)).toBeNull());
  it.each([
    ['https://cdn.example.com/a.js', 'absolute https: URL'],
    ['HTTP://x.org/a.js', 'absolute http: URL'],
    ['//cdn.example.com/a.js', 'protocol-relative'],
    ['/assets/a.js', 'root-absolute'],
    ['file:///C:/course/a.js', 'absolute file: URL'],
  ])('rejects %j', (url, reason) => expect(externalUrlReason(url)).toContain(reason));
});

describe('findHtmlExternalUrls', () => {
  const html = `<!doctype html>
<html><head>
<script type="module" crossorigin src="https://cdn.example.com/app.js"></script>
<link rel=stylesheet href=//fonts.example.com/f.css>
<!-- <script src="https://commented.out/x.js"></script> -->
<script>const s = '<img src="https://in-a-script-string.png">';</script>
<style>
  body { background: url('https://example.com/bg.png'); }
</style>
</head><body>
<a href="https://www.cdc.gov/">a link the learner may follow</a>
<img srcset="img/a.png 1x, https://example.com/b.png 2x" alt="">
<div style="background-image:url(/root.png)"></div>
<img src="assets/ok.png" alt="">
</body></html>`;

  it('finds src, href, srcset, <style> and style="" URLs with their lines, and ignores links, comments and scripts', () => {
    expect(findHtmlExternalUrls(html).map((f) => [f.line, f.context, f.url])).toEqual([
      [8, 'url()', 'https://example.com/bg.png'],
      [3, '<script src>', 'https://cdn.example.com/app.js'],
      [4, '<link href>', '//fonts.example.com/f.css'],
      [12, '<img srcset>', 'https://example.com/b.png'],
      [13, '<div style> url()', '/root.png'],
    ]);
  });

  it('handles the vite index.html shape without findings', () => {
    const vite =
      '<script type="module" crossorigin src="./assets/index-abc.js"></script>\n<link rel="stylesheet" crossorigin href="./assets/index-abc.css">';
    expect(findHtmlExternalUrls(vite)).toEqual([]);
  });
});

describe('findCssExternalUrls', () => {
  it('finds url() in any quoting and @import, skips comments', () => {
    const css = `/* url(https://ignored.example) */\n@import 'https://a.example/x.css';\na{b:url( "//b.example/y.png" )}\nc{d:url(e.png)}`;
    expect(findCssExternalUrls(css).map((f) => [f.line, f.context, f.url])).toEqual([
      [2, '@import', 'https://a.example/x.css'],
      [3, 'url()', '//b.example/y.png'],
    ]);
  });
});

describe('path rules', () => {
  it.each([
    ['__MACOSX/._index.html', '__MACOSX/'],
    ['assets/.DS_Store', 'assets/.DS_Store'],
    ['img/Thumbs.db', 'img/Thumbs.db'],
    ['DESKTOP.INI', 'DESKTOP.INI'],
    ['assets/._app.js', 'assets/._app.js'],
    ['assets/app.js', null],
  ])('junkRoot(%j) = %j', (path, root) => expect(junkRoot(path)).toBe(root));

  it.each([
    ['assets/index-abc_1.js', null, null],
    ['assets/', null, null],
    ['assets/my file.js', 'assets/my file.js', '(space)'],
    ['My Course/assets/a.js', 'My Course/', '(space)'],
    ['assets/café.js', 'assets/café.js', '(é)'],
    ['/etc/passwd', '/etc/passwd', 'absolute path'],
    ['C:/x.js', 'C:/x.js', 'absolute path'],
    ['a/../../x.js', 'a/../', '".." segment'],
    ['a//b.js', 'a//', 'empty path segment'],
  ])('unsafePath(%j)', (path, at, reason) => {
    const found = unsafePath(path);
    if (at === null) expect(found).toBeNull();
    else expect(found).toEqual({ at, reason: expect.stringContaining(reason!) });
  });
});
