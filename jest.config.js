/** Unit tests (next to what they prove) and in-process workflow tests (test/workflows). */
module.exports = {
	testEnvironment: '<rootDir>/test/support/hostRealmEnvironment.js',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testMatch: ['<rootDir>/{core,nodes,credentials,test}/**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/e2e/'],
	testTimeout: 60_000,
};
