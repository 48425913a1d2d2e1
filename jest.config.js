/** Unit specs live beside the code they test. */
module.exports = {
  ...require('./jest.base'),
  rootDir: '.',
  roots: ['<rootDir>/src'],
  testRegex: '\\.spec\\.ts$',
};
