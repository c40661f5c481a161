// Bundles src/ and its dependencies into dist/ (one entry plus lazily loaded chunks), so the
// CLI starts without resolving hundreds of files in node_modules, and installs with no
// dependencies at all. Type checking is `npm run typecheck`; esbuild only strips types.
import { build, transform } from 'esbuild';
import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
await rm(dist, { recursive: true, force: true });

// Every file under templates/, precompiled (*.hbs) or as text, replacing
// src/core/precompiled-templates.ts in the bundle. The options must match COMPILE_OPTIONS in
// src/core/render.ts; test/cli/matrix.test.ts checks the bundle renders what the source does.
async function precompiledModule() {
  const dir = join(root, 'templates');
  const specs = [];
  const copies = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split('\\').join('/');
    const source = await readFile(full, 'utf8');
    if (path.endsWith('.hbs')) specs.push(`${JSON.stringify(path)}: ${Handlebars.precompile(source, { noEscape: true, strict: true })}`);
    else copies[path] = source;
  }
  return `export const PRECOMPILED = { specs: {\n${specs.join(',\n')}\n}, copies: ${JSON.stringify(copies)} };\n`;
}

const precompiled = {
  name: 'precompiled-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]precompiled-templates\.ts$/ }, async () => ({ contents: await precompiledModule(), loader: 'js' }));
  },
};

// The module smoke test is a real Python file (linted by ruff); the bundle carries its text, so
// the package ships nothing outside bin/, dist/ and templates/.
const smokeScript = {
  name: 'smoke-script',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]develop[\\/]smoke-script\.ts$/ }, async () => ({
      contents: `export const SMOKE_SCRIPT = ${JSON.stringify(await readFile(join(root, 'src', 'develop', 'smoke_script.py'), 'utf8'))};\n`,
      loader: 'js',
    }));
  },
};

const packageVersion = {
  name: 'package-version',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]package-version\.ts$/ }, async () => ({
      contents: `export const PACKAGE_VERSION = ${JSON.stringify(JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).version)};\n`,
      loader: 'js',
    }));
  },
};

// commander loads node:child_process at start-up (2-4 ms, a tenth of our start-up time) for
// executable subcommands, which this CLI does not have: give it a stand-in that loads the
// real module only if something is ever used.
const lazyChildProcess = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

// chalk detects colour support when it is imported, loading node:tty (and node:net with it) and
// node:os to do so: a few ms of every run. This CLI never uses that answer (src/ui/output.ts
// makes each Chalk with the level main() decided), so the detection is a stand-in.
const noColorDetection = {
  name: 'no-chalk-color-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[\\/]node_modules[\\/]chalk[\\/]/.test(args.importer) ? { path: 'supports-color', namespace: 'no-detection' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

// execa lists process.stdin, stdout and stderr when it is imported, which makes Node create all
// three streams (5 ms and more: stdin of a pipe is a socket) in every run that starts a process,
// though only the 'inherit' and stream values of stdio options look at the list; this CLI uses
// neither. The bundle gets the same module with the list made on first use. The build fails if
// execa's file changes, so an upgrade of execa reviews this.
const EXECA_STANDARD_STREAMS = `import process from 'node:process';

export const isStandardStream = stream => STANDARD_STREAMS.includes(stream);
export const STANDARD_STREAMS = [process.stdin, process.stdout, process.stderr];
export const STANDARD_STREAMS_ALIASES = ['stdin', 'stdout', 'stderr'];
export const getStreamName = fdNumber => STANDARD_STREAMS_ALIASES[fdNumber] ?? \`stdio[\${fdNumber}]\`;
`;
const lazyExecaStreams = {
  name: 'lazy-execa-standard-streams',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]execa[\\/]lib[\\/]utils[\\/]standard-stream\.js$/ }, async (args) => {
      if ((await readFile(args.path, 'utf8')) !== EXECA_STANDARD_STREAMS) throw new Error(`${args.path} is not the file lazyExecaStreams replaces: review the plugin`);
      return {
        contents: EXECA_STANDARD_STREAMS.replace(
          'export const STANDARD_STREAMS = [process.stdin, process.stdout, process.stderr];',
          'let streams;\nconst standard = () => (streams ??= [process.stdin, process.stdout, process.stderr]);\nexport const STANDARD_STREAMS = new Proxy([], { get: (_, key) => Reflect.get(standard(), key) });',
        ),
        loader: 'js',
      };
    });
  },
};

const ESM_BANNER = "import { createRequire as __cpaRequire } from 'node:module'; const require = __cpaRequire(import.meta.url);";
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/index.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Flat chunks: every file in dist/ sits one level below the package root, which
  // src/package-root.ts relies on.
  chunkNames: '[name]-[hash]',
  // Bundled CommonJS (commander, handlebars) calls require() for Node built-ins.
  banner: { js: ESM_BANNER },
  legalComments: 'none',
  minify: true,
  // Readable names in --verbose stack traces.
  keepNames: true,
  metafile: true,
  plugins: [precompiled, smokeScript, packageVersion, lazyChildProcess, noColorDetection, lazyExecaStreams],
  logLevel: 'warning',
  // handlebars registers a require.extensions hook we never use.
  logOverride: { 'unsupported-require-call': 'silent' },
});

// Then every output file becomes CommonJS (dist/package.json says so). esbuild splits only ESM
// output, but Node 20 loads CommonJS faster: the ESM loader's own modules are compiled on first
// use (about 15 ms of a 50 ms start-up, measured with --cpu-prof), and each import is resolved
// and linked asynchronously. The chunks' imports become require() calls and the lazy ones
// (`import()`) become require() behind a promise, so they still load only when used.
for (const file of Object.keys(result.metafile.outputs)) {
  const path = join(root, file);
  const esm = await readFile(path, 'utf8');
  if (!esm.startsWith(ESM_BANNER)) throw new Error(`${file} does not start with the banner`);
  // CommonJS has its own require(): the banner that made one for ESM goes.
  const cjs = await transform(esm.slice(ESM_BANNER.length), {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__cpaUrl' },
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Only the chunks that use import.meta.url get its stand-in: node:url costs a few ms to load.
  const url = cjs.code.includes('__cpaUrl') ? "const __cpaUrl = require('node:url').pathToFileURL(__filename).href;\n" : '';
  await writeFile(path, url + cjs.code);
}
await writeFile(join(dist, 'package.json'), '{ "type": "commonjs" }\n');

// The first module bin/ loads (src/boot.ts): it loads the chunks above through V8's code cache,
// which it keys by this build's id, a hash of what they are
const buildId = createHash('sha256');
for (const file of Object.keys(result.metafile.outputs).sort()) buildId.update(file).update(await readFile(join(root, file)));
// and of the loader itself: a new cache format must not read an old one.
buildId.update(await readFile(join(root, 'src', 'boot.ts')));
await build({
  absWorkingDir: root,
  entryPoints: ['src/boot.ts'],
  outfile: 'dist/boot.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { BUILD_ID: JSON.stringify(buildId.digest('hex').slice(0, 16)) },
  legalComments: 'none',
  minify: true,
  keepNames: true,
  logLevel: 'warning',
});

// The bundle contains third-party code: ship each package's licence with it.
// Only packages with code in dist/: the metafile also lists those tree-shaken away entirely.
const packages = new Map();
for (const output of Object.values(result.metafile.outputs)) {
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (match !== null && bytesInOutput > 0) packages.set(match[2], match[1]);
  }
}
const notices = [];
for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
  const pkg = JSON.parse(await readFile(join(root, dir, 'package.json'), 'utf8'));
  const licenseFile = ['LICENSE', 'LICENSE.md', 'license', 'license.md', 'LICENSE.txt', 'LICENCE'].map((f) => join(root, dir, f));
  let text;
  for (const file of licenseFile) {
    text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) break;
  }
  notices.push(`## ${name}@${pkg.version} (${pkg.license ?? 'see below'})\n\n${(text ?? `License: ${pkg.license}`).trim()}\n`);
}
await writeFile(join(dist, 'THIRD-PARTY-LICENSES.md'), `# Third-party code bundled in dist/\n\n${notices.join('\n')}`);
