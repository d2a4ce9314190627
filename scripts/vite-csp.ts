// Vite plugins for the Content-Security-Policy of the built pages, and for the single-file build
// (`npm run build:single`). The policy allows no inline code and no other origin: scripts and
// styles come from the page's own files, or, in the single file, only the exact inline blocks
// whose hashes it lists.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * Directives shared by every build; frame-ancestors is a header's job (a meta tag cannot set it).
 * `workerSrc` is for the single file, whose run worker is its own code turned into a Blob URL.
 */
function policy(scriptSrc: string, styleSrc: string, workerSrc?: string): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    ...(workerSrc ? [`worker-src ${workerSrc}`] : []),
    `style-src ${styleSrc}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function metaTag(content: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${content}" />`;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Adds the policy to every built page (not to the dev server, whose React refresh is inline). */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'handshake-lab:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, context) =>
        context.server
          ? html
          : html.replace('<head>', `<head>\n    ${metaTag(policy("'self'", "'self'"))}`),
    },
  };
}

/** Inline text must not close its own element early. */
function escapeInline(code: string, tag: 'script' | 'style'): string {
  return code.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);
}

/**
 * Folds the built page into one HTML file: the entry script and the stylesheets inline, the icon
 * as a data URL, and a policy that admits exactly those inline blocks by hash. Used with
 * `build.rolldownOptions.output.codeSplitting = false`, so there is one script to inline.
 */
export function singleFile(): Plugin {
  return {
    name: 'handshake-lab:single-file',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const page of Object.values(bundle)) {
        if (page.type !== 'asset' || !page.fileName.endsWith('.html')) continue;
        let html = String(page.source);
        const hashes = { script: [] as string[], style: [] as string[] };
        html = html.replace(
          /<script type="module" crossorigin src="\.\/([^"]+)"><\/script>/g,
          (_m, file: string) => {
            const chunk = bundle[file];
            if (!chunk || chunk.type !== 'chunk')
              throw new Error(`single-file build: no chunk ${file}`);
            delete bundle[file];
            // With code splitting off, each lazy import is inlined but keeps its preload marker
            // (`__vitePreload(factory, __VITE_PRELOAD__)`), which would throw: one file has nothing
            // to preload.
            const code = escapeInline(
              chunk.code.replaceAll('__VITE_PRELOAD__', 'void 0'),
              'script',
            );
            hashes.script.push(sha256(code));
            return `<script type="module">${code}</script>`;
          },
        );
        html = html.replace(
          /<link rel="stylesheet" crossorigin href="\.\/([^"]+)">/g,
          (_m, file: string) => {
            const asset = bundle[file];
            if (!asset || asset.type !== 'asset')
              throw new Error(`single-file build: no stylesheet ${file}`);
            delete bundle[file];
            const css = escapeInline(String(asset.source), 'style');
            hashes.style.push(sha256(css));
            return `<style>${css}</style>`;
          },
        );
        html = html.replace(/<link rel="modulepreload"[^>]*>\s*/g, '');
        html = html.replace(/href="\.\/favicon\.svg"/, () => {
          const svg = readFileSync('public/favicon.svg', 'utf8');
          return `href="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"`;
        });
        const csp = policy(
          hashes.script.join(' ') || "'none'",
          hashes.style.join(' ') || "'none'",
          'blob:',
        );
        html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, metaTag(csp));
        page.source = html;
      }
    },
  };
}
