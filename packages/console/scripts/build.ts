// Builds the console into dist/: one minified ES module (the app and Preact), the page and its
// style sheet. Run by the workspace's build (`pnpm run build`) and by the test run, so the served
// console is always the one in the tree.
//   node packages/console/scripts/build.ts
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
await mkdir(dist, { recursive: true });
const result = await build({
  entryPoints: [join(root, 'web', 'main.tsx')],
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outfile: join(dist, 'app.js'),
  metafile: true,
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) await copyFile(join(root, 'web', file), join(dist, file));
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`console: built ${dist} (app.js ${Math.round(bytes / 1024)} KiB)`);
