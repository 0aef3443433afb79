/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  testMatch: ['**/test/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/packages/.*/dist/'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // Sources that are also built as ES modules (the SDK's client) import `./x.js`: the .ts here.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/packages/server/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/packages/server/test/setup/global-teardown.mjs',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
  maxWorkers: 2,
};
