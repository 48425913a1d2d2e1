/** Shared by the unit and e2e configs. Types are checked by `npm run build`; Jest only transpiles. */
module.exports = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(ts|js)$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  // content-disposition (under @fastify/static, the docs UI) ships ESM only; Jest needs it as CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  testEnvironment: 'node',
};
