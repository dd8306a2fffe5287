// Lint: typescript-eslint recommended rules, plus the layering rules of ARCHITECTURE.md: core
// stays pure, route files hold only HTTP, the server never imports the demo, and the web reads
// the server's route table for types only.
import tseslint from 'typescript-eslint';

// Route files not yet moved to use cases (Kysely and transactions still inside). Shrinks to
// nothing; a file leaves the list when its capability is moved.
const routeFilesWithQueries = [];

const queryCalls = ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'transaction', 'execute', 'executeTakeFirst'];

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
    ignores: ['src/server/files/exceljs.ts', 'src/core/**', 'src/server/**', 'src/web/**'],
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
  {
    // The server is started by the CLI, which chooses to load the demo; the server never imports it.
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/**/*.test.ts', 'src/server/files/exceljs.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'exceljs', message: "Import ExcelJS from 'src/server/files/exceljs.ts' (it fixes multi-byte text in the stream reader)." }],
          patterns: [{ group: ['*/demo/*', '*/testing/*'], message: 'The server does not know the demo or test support: the CLI and tests wire them in.' }],
        },
      ],
    },
  },
  {
    // A route file is HTTP only: schemas, one use-case call, the status. Queries live in the capability's use cases.
    files: ['src/server/**/routes.ts', 'src/server/**/*Routes.ts'],
    ignores: routeFilesWithQueries,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['kysely', '*/db/*'], message: 'Route files hold no queries: call a use case of the capability.' },
            { group: ['*/demo/*', '*/testing/*'], message: 'The server does not know the demo or test support.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...queryCalls.map((name) => ({
          selector: `CallExpression[callee.property.name='${name}']`,
          message: `Route files hold no queries or transactions (${name}): call a use case of the capability.`,
        })),
      ],
    },
  },
  {
    // The web console reads the server's route table for its types only: no server code reaches the browser.
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['*/server/*', '*/db/*', '*/demo/*'], allowTypeImports: true, message: 'The web imports server types only (import type …).' }] },
      ],
    },
  },
);
