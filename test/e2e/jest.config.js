/** End-to-end tests: one real n8n for the whole run (globalSetup), driven over HTTP. */
module.exports = {
	rootDir: '../..',
	testEnvironment: '<rootDir>/test/support/hostRealmEnvironment.js',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	maxWorkers: 1,
	testTimeout: 120_000,
};
