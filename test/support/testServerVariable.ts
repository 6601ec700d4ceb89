/**
 * The variable a test server's start script exports (`eval "$(bash test/…/start.sh)"`), or undefined
 * (tests skipped, with a note) when it is unset on a developer's machine. Under CI (`CI` set) a missing
 * server is an error, never a silent skip.
 * @param tests what is skipped, as the note names it ("mail", "Neo4j")
 * @param hint how to start and stop the server
 */
export function testServerVariable(variable: string, tests: string, hint: string): string | undefined {
	const value = process.env[variable];
	if (value) return value;
	if (process.env.CI) throw new Error(`${variable} is not set, but CI must run the ${tests} tests: ${hint}`);
	process.stderr.write(`\n  NOTE: ${tests} tests skipped: ${variable} is not set; ${hint}\n\n`);
	return undefined;
}
