// ESLint flat config: TypeScript recommended rules, the add-in conventions we care about
// (no eval), and the layering of src/ (docs/ARCHITECTURE.md). Formatting is Prettier's job.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

/**
 * The layers of src/, bottom first, and what each may import (besides itself and packages).
 * A folder missing from a list is above it: importing it is an upward arrow, and an error.
 */
const LAYERS = {
  core: [],
  calc: ['core'],
  model: ['core', 'calc'],
  functions: ['core', 'calc', 'model'],
  engine: ['core', 'calc', 'model', 'functions'],
  io: ['core', 'calc', 'model', 'functions', 'engine'],
  templates: ['core', 'calc', 'model', 'functions', 'engine', 'io'],
  host: ['core', 'calc', 'model', 'functions', 'engine', 'io', 'templates'],
  // The pane shows numbers; it never computes them: no calc (kernels), only the engine.
  taskpane: ['core', 'model', 'functions', 'engine', 'io', 'templates', 'host'],
  cli: ['core', 'calc', 'model', 'functions', 'engine', 'io', 'templates', 'host'],
  commands: ['core', 'host'],
};
const FOLDERS = Object.keys(LAYERS);

/** `no-restricted-imports` for one layer: every folder of src/ it may not reach. */
function layerRule(layer) {
  const depth = layer === 'taskpane' ? '(\\.\\./)+' : '\\.\\./';
  const banned = FOLDERS.filter((f) => f !== layer && !LAYERS[layer].includes(f));
  const patterns = banned.length
    ? [{ regex: `^(${depth}|(\\.\\./)+src/)(${banned.join('|')})(/|$)`, message: `${layer} may import only ${LAYERS[layer].join(', ') || 'nothing of src/'} (docs/ARCHITECTURE.md)` }]
    : [];
  return patterns;
}

module.exports = tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'node_modules/**', 'coverage/**', 'templates/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...FOLDERS.map((layer) => ({
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: layerRule(layer) }] },
  })),
  {
    // A pane view shares code with other views only through components/ or hooks/.
    files: ['src/taskpane/views/*/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...layerRule('taskpane'),
            { regex: '^\\.\\./(?!\\.\\.)[^/]+/', message: 'a view may not import a sibling view: move shared code to taskpane/components or taskpane/hooks' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
