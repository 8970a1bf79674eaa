// One Jest run for every tier: unit (*.spec.ts, pure), integration (*.int-spec.ts) and e2e (test/**/*.e2e-spec.ts).
// Integration and e2e tiers run against the real PostgreSQL and Redis: globalSetup migrates a template database
// once and clones one database per Jest worker (see libs/testing/src/global-setup.ts).
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/tools'],
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.tsx?$',
  transform: {
    // The browser app (React, TSX): its component tests run in jsdom (a `@jest-environment jsdom` docblock).
    '^.+/apps/web/.+\\.tsx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        swcrc: false,
      },
    ],
    '^.+\\.ts$': ['@swc/jest'],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: {
    ...moduleNameMapper,
    '\\.css$': '<rootDir>/apps/web/src/test/style-stub.cjs',
    // The web app's messages load per language and namespace through Vite's import.meta.glob; Jest reads them.
    '^\\./load-messages$': '<rootDir>/apps/web/src/i18n/load-messages.jest.cjs',
  },
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  setupFiles: ['<rootDir>/libs/testing/src/worker-env.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
