/** Render specs: checks through Debian's poppler-utils or chromium (`npm run test:render`). */
module.exports = {
  ...require('../jest.base'),
  rootDir: '..',
  roots: ['<rootDir>/test'],
  testRegex: '\\.render-spec\\.ts$',
  testTimeout: 60_000,
};
