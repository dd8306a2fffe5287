// Lint: typescript-eslint recommended rules, plus the layering rule that keeps core pure.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'scratch/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // exceljs carries a UTF-8 fix applied at load time: import it only through the adapter.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['src/server/files/exceljs.ts', 'src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'exceljs', message: "Import ExcelJS from 'src/server/files/exceljs.ts' (it fixes multi-byte text in the stream reader)." }] }],
    },
  },
  {
    // Core is the product's brain: pure, runs in Node and the browser.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', '*/db/*', '*/server/*', 'kysely', 'pg', 'hono', '@electric-sql/*'], message: 'src/core must stay pure (no IO, no DB, no HTTP).' }] },
      ],
    },
  },
);
