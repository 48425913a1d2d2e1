// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A feature owns its tables: another feature's entities and repositories are out of reach, so it
 * goes through that feature's exported service, which also exports the types it hands out.
 * Entities may still relate to each other (foreign keys are schema, not access), and the access
 * module reads every table by design.
 */
const ENTITY_MANAGER_CALLS = [
  'find',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findBy',
  'findAndCount',
  'save',
  'insert',
  'update',
  'delete',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'upsert',
  'remove',
  'increment',
  'decrement',
].join('|');

const features = readdirSync(join(import.meta.dirname, 'src/modules'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'access')
  .map((entry) => entry.name);
const featureBoundaries = features.map((feature) => ({
  files: [`src/modules/${feature}/**/*.ts`],
  ignores: [`src/modules/${feature}/entities/**`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(modules/)?(?!${feature}/)[\\w-]+/(entities/|[\\w.-]+\\.repository$)`,
            message: `${feature} may not use another feature's entities or repositories: call that feature's exported service.`,
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'var/', 'bench/.tmp/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits is a lost error or a write that races the response.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  ...featureBoundaries,
  {
    // SQL lives in repositories; a use case gets its transaction from `Transactions` (src/database).
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/**/*.repository.ts', 'src/modules/**/entities/**', 'src/modules/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]',
          message: 'SQL belongs in the feature repository (<feature>.repository.ts).',
        },
        {
          selector: `CallExpression[callee.object.name=/^(em|manager)$/][callee.property.name=/^(${ENTITY_MANAGER_CALLS})$/]`,
          message: 'Reads and writes of rows belong in the feature repository (<feature>.repository.ts).',
        },
        {
          selector:
            "ImportDeclaration[source.value='typeorm'] ImportSpecifier[imported.name=/^(DataSource|Repository)$/]",
          message: 'Services start transactions with Transactions (src/database/transactions.ts), not a DataSource.',
        },
        {
          selector:
            "ImportDeclaration[source.value='@nestjs/typeorm'] ImportSpecifier[imported.name=/^Inject(DataSource|Repository)$/]",
          message: 'Only repositories inject the DataSource or TypeORM repositories.',
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
