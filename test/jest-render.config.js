/**
 * Render specs: checks that need Debian's chromium or poppler-utils (`npm run test:render`, not part
 * of `npm test`). Serial, since each spec drives a browser or a PDF tool.
 */
module.exports = {
  ...require('../jest.base'),
  rootDir: '..',
  roots: ['<rootDir>/test'],
  testRegex: '\\.render-spec\\.ts$',
  testTimeout: 60_000,
  maxWorkers: 1,
};
