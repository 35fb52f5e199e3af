/**
 * The package opened as a file (an unzipped copy double-clicked, an offline player that opens index.html from
 * disk) cannot run: browsers refuse module scripts and data requests from file:// pages. Instead of a blank page,
 * the learner or administrator reads what to do. A few bytes of inline script, allowed by its hash in the page's
 * Content-Security-Policy (the policy stays strict: no 'unsafe-inline'), do that before anything else loads.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

const MESSAGE =
  '<h1>Open this course from your learning system</h1>' +
  '<p>This page is part of a SCORM package. It runs inside a learning management system (LMS), or in a preview ' +
  'served over http, not as a file opened from a folder: browsers block it there.</p>' +
  '<ul><li>Learners: open the course from your LMS.</li>' +
  '<li>Administrators: upload the zip file as it is to your LMS (see DEPLOYING.md).</li>' +
  '<li>Authors: run <code>npm start</code> in the project folder to preview it, or serve this folder with any ' +
  'local web server.</li></ul>';

const FILE_PROTOCOL_SCRIPT =
  "if(location.protocol==='file:')document.addEventListener('DOMContentLoaded',function(){" +
  "var a=document.getElementById('app');if(a)a.innerHTML=" +
  JSON.stringify(`<div class="load-error" role="alert">${MESSAGE}</div>`) +
  '});';

const hash = () => `'sha256-${createHash('sha256').update(FILE_PROTOCOL_SCRIPT).digest('base64')}'`;

export function fileProtocolNotice(): Plugin {
  return {
    name: 'file-protocol-notice',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const csp = /(<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*script-src 'self')/;
        if (!csp.test(html)) throw new Error("index.html: no Content-Security-Policy with script-src 'self' to extend");
        return html
          .replace(csp, `$1 ${hash()}`)
          .replace('</head>', `  <script>${FILE_PROTOCOL_SCRIPT}</script>\n  </head>`);
      },
    },
  };
}
