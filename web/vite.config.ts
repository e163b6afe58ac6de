/**
 * Builds the web UI into web/dist: content-hashed files under assets/ (served
 * as immutable) and index.html. Every text file is also written brotli- and
 * gzip-compressed beside itself, so the platform sends the smaller one without
 * compressing per request (@fastify/static `preCompressed`; nginx `gzip_static`).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function precompress(): Plugin {
  return {
    name: 'openpolicy-precompress',
    apply: 'build',
    closeBundle() {
      for (const path of files(join(ROOT, 'dist')).filter((p) => COMPRESSIBLE.test(p))) {
        const body = readFileSync(path);
        writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: ROOT,
  // React's production build whatever NODE_ENV the caller has (vitest runs with NODE_ENV=test).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  publicDir: join(ROOT, 'public'),
  oxc: { jsx: { runtime: 'automatic', importSource: 'react', development: false } },
  build: {
    outDir: join(ROOT, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // The CSP allows scripts from this origin only: nothing inline, not even the preload helper.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Three shared chunks rather than dozens of tiny ones: React, the site's own library and
        // components, then one chunk per page. A first visit loads four scripts in parallel.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'common', test: /web[\\/]src[\\/](lib|components)[\\/]/ },
          ],
        },
      },
    },
  },
  plugins: [precompress()],
});
