/** Jest 30 in ESM mode over the TypeScript sources (swc), all packages. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true }, module: { type: 'es6' } }];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@cloudmux/([a-z0-9-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@cloudmux/([a-z0-9-]+)/([a-z0-9-]+)$': '<rootDir>/packages/$1/src/$2/index.ts',
    '^cloudmux$': '<rootDir>/packages/cloudmux/src/index.ts',
    '^cloudmux/([a-z0-9-]+)$': '<rootDir>/packages/cloudmux/src/$1/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/packages/*/test/**/*.test.ts', '<rootDir>/scripts/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/live/'],
  testTimeout: 30000,
  maxWorkers: 2,
};
