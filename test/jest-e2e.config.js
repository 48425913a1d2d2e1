/** End-to-end specs: the real app over HTTP against real PostgreSQL and Redis, a database per file. */
module.exports = {
  ...require('../jest.base'),
  rootDir: '..',
  roots: ['<rootDir>/test'],
  testRegex: 'e2e/.*\\.e2e-spec\\.ts$',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
