/** Shared by the unit and e2e configs. Types are checked by `npm run build`; Jest only transpiles. */
module.exports = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  testEnvironment: 'node',
};
