/** Service specs: use cases run through the Nest container against a cloned database, without HTTP. */
module.exports = {
  ...require('./jest-e2e.config'),
  testRegex: 'service/.*\\.service-spec\\.ts$',
};
