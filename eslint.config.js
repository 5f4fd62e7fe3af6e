// One tool for lint and the architecture's boundaries (the contexts and their seams: docs/architecture.md).
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const zone = (target, from, message) => ({ target, from, message });

export default tseslint.config(
  { ignores: ['dist/**', 'dist-e2e/**', '.scratch/**', 'node_modules/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'Build DOM with Preact or createElement, never from HTML strings.',
        },
        {
          selector: "MemberExpression[property.name='outerHTML'][parent.type='AssignmentExpression']",
          message: 'Never write HTML strings into the DOM.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Never write HTML strings into the DOM.',
        },
        {
          selector: "CallExpression[callee.property.name='write'][callee.object.name='document']",
          message: 'Never write HTML strings into the DOM.',
        },
        { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
        { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
        {
          selector: "CallExpression[callee.property.name='normalize'][arguments.length=0]",
          message: 'normalize() changes the page DOM; we never do that.',
        },
      ],
    },
  },
  {
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webextension-polyfill',
              message: 'Import { browser } from src/shared/browser.ts: the one browser adapter.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'chrome', message: 'Use browser from src/shared/browser.ts.' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone(
              './src/match',
              [
                './src/content',
                './src/background',
                './src/popup',
                './src/card-view',
                './src/shared',
                './src/dataset',
                './src/source-page',
                './src/options',
              ],
              'match/ is pure: it imports nothing from other contexts.',
            ),
            zone(
              './src/dataset',
              [
                './src/content',
                './src/background',
                './src/popup',
                './src/card-view',
                './src/source-page',
                './src/options',
              ],
              'dataset/ is shared by every context: no context imports.',
            ),
            zone(
              './src/shared',
              [
                './src/content',
                './src/background',
                './src/popup',
                './src/card-view',
                './src/source-page',
                './src/options',
              ],
              'shared/ must not depend on a context.',
            ),
            zone(
              './src/content',
              ['./src/background', './src/popup', './src/source-page', './src/options'],
              'Contexts talk only through shared/messages.ts.',
            ),
            zone(
              './src/card-view',
              ['./src/background', './src/popup', './src/content', './src/source-page', './src/options'],
              'The card is rendered by content/ and must not reach into contexts.',
            ),
            zone(
              './src/background',
              ['./src/content', './src/popup', './src/card-view', './src/source-page', './src/options'],
              'Contexts talk only through shared/messages.ts.',
            ),
            zone(
              './src/popup',
              ['./src/content', './src/background', './src/source-page', './src/options'],
              'Contexts talk only through shared/messages.ts.',
            ),
            zone(
              './src/source-page',
              ['./src/content', './src/background', './src/popup', './src/options'],
              'Contexts talk only through shared/messages.ts.',
            ),
            zone(
              './src/options',
              ['./src/content', './src/background', './src/popup', './src/source-page', './src/card-view'],
              'Contexts talk only through shared/messages.ts.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/browser.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Only the background opens IndexedDB: in a content script it would belong to the page's origin.
    files: [
      'src/content/**',
      'src/card-view/**',
      'src/popup/**',
      'src/options/**',
      'src/shared/**',
      'src/match/**',
      'src/dataset/**',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Use browser from src/shared/browser.ts.' },
        { name: 'indexedDB', message: 'Only the background opens IndexedDB.' },
      ],
    },
  },
);
