/**
 * Render specs: checks that need Debian's chromium or poppler-utils (`npm run test:render`, not part
 * of `npm test`). Serial, since each spec drives a browser or a PDF tool; the API specs among them
 * run the real app on a database cloned from the run's template, as the e2e specs do.
 */
module.exports = {
  ...require('../jest.base'),
  rootDir: '..',
  roots: ['<rootDir>/test'],
  testRegex: '\\.render-spec\\.ts$',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 1,
};
