// ESLint for the whole repository (`npm run lint`, run first by `npm test`). Rules that catch bugs, not style: the
// formatter (Prettier, `npm run format`) owns layout. No type-aware rules: they need the TypeScript program for every
// file and would make the lint cost as much as `astro check`, which already type-checks everything.
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default defineConfig(
  globalIgnores([
    'dist/',
    'node_modules/',
    '.astro/',
    'public/',
    'test-results/',
    'playwright-report/',
    'bench-results/',
    'screenshots/',
    '.gpu/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // Unused code is usually a bug or a leftover; a leading underscore says "unused on purpose".
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `==` only where it is meant: `x == null` (null or undefined).
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': ['error', { destructuring: 'all' }],
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'no-constant-binary-expression': 'error',
      // Style, not a bug: the Keras and PyTorch snippets in template literals escape quotes to read like Python.
      'no-useless-escape': 'off',
      // `catch {}` is how a poll loop says "not yet"; an empty block anywhere else is still an error.
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-throw-literal': 'error',
      'no-new-wrappers': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // The engine and the kit cast deliberately at API edges (tfjs internals, worker messages); `astro check`
      // already forbids implicit any.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // TypeScript resolves names itself, better than no-undef can (types, globals from lib.dom, ambient modules).
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Preact islands: hooks rules (Preact's hooks follow React's rules of hooks). Only the two classic rules: the
    // React-compiler rules of v7 assume React's semantics.
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // Off: the islands' effects deliberately run once per demo (`[config]`, `[]`) and read signals, which the rule
      // cannot see; as a warning it would only be noise in `npm test`.
      'react-hooks/exhaustive-deps': 'off',
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // Test doubles alias `this` for the closures they install (e.g. a canvas's getContext in jsdom).
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
  {
    // Hostile inputs on purpose: strings that look like template literals ('${alert(1)}').
    files: ['tests/e2e/fuzz-hash.ts', 'tests/unit/hostile/arbitraries.ts'],
    rules: { 'no-template-curly-in-string': 'off' },
  },
  {
    // Strips control characters from an instructor's task text on purpose.
    files: ['src/components/experiment/embed.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // The service worker template: its lists are placeholders filled in by scripts/build/offline.mjs.
    files: ['scripts/build/sw-template.js'],
    languageOptions: {
      globals: { ...globals.serviceworker, __SHELL__: 'readonly', __CACHE__: 'readonly', __PREFIX__: 'readonly' },
    },
  },
);
