// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries (style.md R1) are enforced with `no-restricted-imports` rather than
 * @nx/enforce-module-boundaries: the @nx/eslint-plugin release lags nx core, and the rules are few.
 *   api      → nothing of ours
 *   codegen  → api (types only), never runtime
 *   runtime  → api
 */
const boundary = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({
          group: [group, `${group}/*`],
          message: 'Crosses a package boundary (style.md R1).',
        })),
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      '**/tests/fixtures/**',
      'docs/site/**',
      '**/target/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  boundary(['packages/api/**/*.ts'], ['@workscript/codegen', '@workscript/runtime']),
  boundary(['packages/codegen/**/*.ts'], ['@workscript/runtime']),
  // Runtime tests may build bundles with the codegen; runtime sources never import it.
  boundary(['packages/runtime/src/**/*.ts'], ['@workscript/codegen']),
  {
    files: ['**/tests/**/*.ts', 'bench/**/*.ts', '**/*.mjs', '**/examples/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
