/**
 * Builds the add-in into dist/: the task pane page (taskpane.html, also the shared runtime
 * and web mode), the custom functions (functions.js) and commands, plus functions.json /
 * functions-zh.json and help.html generated from the one function catalog.
 */
const crypto = require('crypto');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { register } = require('tsx/cjs/api');

const PORT = Number(process.env.CRM3_PORT || 3000);


/** Emits the catalog-derived files (metadata in both languages, the function reference). */
class CatalogAssetsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('CatalogAssetsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'CatalogAssetsPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const unregister = register();
        try {
          const { catalogAssets } = require('./scripts/catalogAssets.ts');
          for (const [name, text] of Object.entries(catalogAssets(`https://localhost:${PORT}/help.html`))) {
            compilation.emitAsset(name, new compiler.webpack.sources.RawSource(text));
          }
        } finally {
          unregister();
        }
      });
    });
  }
}

/**
 * The scripts the pane runs whole as it starts (the engine worker, the entry, React with the views
 * and web mode's host) get their module functions compiled with the script instead of on first
 * call, so that each is parsed once, not twice: HyperFormula's alone is 0.9 MB
 * (scripts/eagerModules.ts, issue #15). `groups` are chunk group names (an entry, a worker, a
 * webpackChunkName). Runs after the minifier, before the real content hashes.
 */
class EagerModulesPlugin {
  constructor(groups) {
    this.groups = new Set(groups);
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('EagerModulesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'EagerModulesPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE }, () => {
        const unregister = register();
        try {
          const { eagerModules } = require('./scripts/eagerModules.ts');
          const chunks = new Set();
          for (const group of compilation.chunkGroups) if (this.groups.has(group.name)) for (const c of group.chunks) chunks.add(c);
          for (const chunk of chunks) {
            for (const file of chunk.files) {
              if (!file.endsWith('.js')) continue;
              compilation.updateAsset(file, (source) => new compiler.webpack.sources.RawSource(eagerModules(source.source().toString()).code));
            }
          }
        } finally {
          unregister();
        }
      });
    });
  }
}

/**
 * Web mode's first script (engine-start.js, which starts the engine worker) written inline into
 * index.html, allowed by its hash in the page's Content-Security-Policy: fetched as a file, it
 * stopped the parser for a round trip before the worker could start and before the entry was
 * requested (issue #15). Runs after the real content hashes, which rename the worker's chunk that
 * the script names, so the hash is that of the text the page holds.
 */
class InlineFirstScriptPlugin {
  constructor(page, script) {
    this.page = page;
    this.script = script;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('InlineFirstScriptPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'InlineFirstScriptPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, () => {
        const page = compilation.getAsset(this.page);
        const script = compilation.getAsset(this.script);
        if (!page || !script) throw new Error(`InlineFirstScriptPlugin: ${this.page} or ${this.script} was not built`);
        const code = script.source.source().toString().trim();
        const tag = new RegExp(`<script src="?${this.script.replace(/\./g, '\\.')}"?></script>`);
        const html = page.source.source().toString();
        if (/<\/script/i.test(code) || !tag.test(html) || !html.includes("script-src 'self'"))
          throw new Error(`InlineFirstScriptPlugin: cannot inline ${this.script} into ${this.page}`);
        const hash = crypto.createHash('sha256').update(code, 'utf8').digest('base64');
        const inlined = html.replace(tag, () => `<script>${code}</script>`).replace("script-src 'self'", () => `script-src 'self' 'sha256-${hash}'`);
        compilation.updateAsset(this.page, new compiler.webpack.sources.RawSource(inlined));
        compilation.deleteAsset(this.script);
      });
    });
  }
}

/**
 * Web mode's first frame (src/taskpane/webMode/firstFrame.tsx): the pane's first state rendered
 * to HTML in Node, from the sources as they are when the build starts.
 */
function firstFrame() {
  const unregister = register();
  try {
    return require('./src/taskpane/webMode/firstFrame.tsx').firstFrame();
  } finally {
    unregister();
  }
}

async function httpsOptions() {
  if (process.env.CRM3_HTTP === '1') return undefined;
  try {
    const devCerts = require('office-addin-dev-certs');
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    console.warn(`[crm3] HTTPS certificates unavailable (${e && e.message ? e.message : e}); serving plain HTTP on localhost. Web mode works; Excel needs HTTPS (see README, Troubleshooting).`);
    return undefined;
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const https = process.argv.includes('serve') ? await httpsOptions() : undefined;
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      // Web mode's first script (inline in index.html's <head>): starts the engine worker before the
      // entry loads. Its chunks' address is the page's own folder: an inline script has no src to take it from.
      'engine-start': { import: './src/taskpane/engineStart.ts', publicPath: '' },
      functions: './src/functions/excel/functions.ts',
      commands: './src/commands/commands.ts',
    },
    output: { path: path.resolve(__dirname, process.env.CRM3_DIST || 'dist'), filename: '[name].js', chunkFilename: '[name].[contenthash:8].js', clean: true },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // Node built-ins that browser code reaches only behind a runtime check (file paths, zlib.crc32).
      fallback: { fs: false, 'fs/promises': false, path: false, zlib: false, stream: false, crypto: false },
    },
    module: {
      rules: [{ test: /\.[jt]sx?$/, exclude: /node_modules/, loader: 'esbuild-loader', options: { target: 'es2020', jsx: 'automatic' } }],
    },
    performance: { hints: false },
    optimization: {
      // The engine worker is one file: a worker loads its split-off chunks one after another
      // (importScripts), each a round trip before HyperFormula can start (issue #15).
      // Otherwise webpack's default: only chunks loaded on demand are split.
      splitChunks: { chunks: (chunk) => !chunk.canBeInitial() && chunk.name !== 'crm3-engine' },
      // Scripts in ASCII (the zh strings as \u escapes): one non-Latin-1 character makes the browser
      // decode a whole script to UTF-16 and V8 hold and scan it as a two-byte string (issue #15).
      minimizeOptions: {
        javascript: { compress: { passes: 2 }, format: { asciiOnly: true } },
        // Empty comments kept: they part web mode's first frame's adjacent texts as React's render
        // does (webMode/firstFrame.tsx), so that Chromium shapes each line alike.
        html: { comments: /^\s*$/ },
      },
    },
    plugins: [
      // taskpane.html is the page Office loads (office.js in <head>); index.html is web mode (no office.js).
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', officeJs: true, chunks: ['functions', 'commands', 'taskpane'], chunksSortMode: 'manual' }),
      // Web mode has no Excel to register functions or commands with: it loads the pane alone.
      // Its first paint is the pane's first frame, drawn by the HTML itself (webMode/firstFrame.tsx).
      // Minified by webpack's own HTML minimizer alone (minimizeOptions.html), which keeps the first frame's empty comments.
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/taskpane/taskpane.html', officeJs: false, firstFrame: firstFrame(), minify: false, chunks: ['taskpane'], chunksSortMode: 'manual' }),
      new CopyWebpackPlugin({ patterns: [{ from: 'assets', to: 'assets' }, { from: 'templates/*.xlsx', to: 'templates/[name][ext]', noErrorOnMissing: true }] }),
      new CatalogAssetsPlugin(),
      new EagerModulesPlugin(['crm3-engine', 'taskpane', 'pane', 'web-host']),
      new InlineFirstScriptPlugin('index.html', 'engine-start.js'),
    ],
    devServer: {
      port: PORT,
      host: 'localhost',
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: https ? { type: 'https', options: https } : { type: 'http' },
      static: { directory: path.resolve(__dirname, process.env.CRM3_DIST || 'dist') },
      open: process.env.CI ? false : ['/index.html'],
      hot: false,
      client: { overlay: false },
      // The pane is /taskpane.html: the bare address goes there, and the log says it plainly
      // (webpack-dev-server's own line names only the server's root).
      setupMiddlewares: (middlewares) => {
        middlewares.unshift({ name: 'pane-address', path: '/', middleware: (req, res, next) => (req.url === '/' ? res.redirect('/taskpane.html') : next()) });
        return middlewares;
      },
      onListening: (server) => {
        const { port } = server.server.address();
        console.log(`\n  CRM3 task pane (web mode): ${https ? 'https' : 'http'}://localhost:${port}/taskpane.html\n`);
      },
    },
  };
};
