// Bundles the dashboard into one folder that `duckweed serve --static DIR` serves:
//   node build.mjs [--out DIR]     (default ../build/release/web/dist)
// DIR/index.html, DIR/assets/app.js, DIR/assets/app.css. No network: everything comes from node_modules.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(here, '..', 'build', 'release', 'web', 'dist'));
// Nothing half-written: build beside the target, then swap it in.
const tmp = `${out}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(join(tmp, 'assets'), { recursive: true });
await build({
  entryPoints: { app: join(here, 'src', 'main.js') },
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: 'es2022',
  outdir: join(tmp, 'assets'),
  logLevel: 'warning',
});
copyFileSync(join(here, 'src', 'index.html'), join(tmp, 'index.html'));
copyFileSync(join(here, 'src', 'style.css'), join(tmp, 'assets', 'style.css'));
copyFileSync(join(here, 'src', 'icon.svg'), join(tmp, 'assets', 'icon.svg'));
rmSync(out, { recursive: true, force: true });
renameSync(tmp, out);
console.log(`web: built ${out}`);
