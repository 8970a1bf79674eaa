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
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  setupFiles: ['<rootDir>/libs/testing/src/worker-env.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
