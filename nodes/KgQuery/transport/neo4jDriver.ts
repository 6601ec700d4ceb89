import { createHash } from 'node:crypto';
import process from 'node:process';
import neo4j, { type Driver } from 'neo4j-driver';

export interface Neo4jCredentials {
	uri: string;
	user: string;
	password: string;
	database?: string;
}

/**
 * Short budgets so that an unreachable or stopped server fails in about a second, not after the
 * driver's default 30 s / 60 s: connect timeout, the wait for a pooled connection, and the retry
 * budget for transient errors: the driver waits 1 s before its first retry and retries only while
 * less than this budget has passed, so a transient error gets exactly one retry.
 */
const DRIVER_CONFIG = {
	connectionTimeout: 1_000,
	maxTransactionRetryTime: 500,
	connectionAcquisitionTimeout: 2_000,
	// Integers arrive as plain JavaScript numbers, as n8n items need them.
	disableLosslessIntegers: true,
	userAgent: 'n8n-nodes-support-ai/kg-query',
} as const;

const MAX_DRIVERS = 8;
const drivers = new Map<string, Driver>();
let closeOnExitInstalled = false;

/**
 * One driver (one connection pool) per credential per process, reused by every execution. The few
 * most recently used are kept; older ones (e.g. after a credential changed) are closed.
 */
export function neo4jDriverFor(credentials: Neo4jCredentials): Driver {
	const key = createHash('sha256').update(JSON.stringify([credentials.uri, credentials.user, credentials.password])).digest('hex');
	let driver = drivers.get(key);
	if (driver) {
		drivers.delete(key);
	} else {
		driver = createDriver(credentials);
		installCloseOnExit();
	}
	drivers.set(key, driver);
	while (drivers.size > MAX_DRIVERS) {
		const [oldestKey, oldest] = drivers.entries().next().value as [string, Driver];
		drivers.delete(oldestKey);
		void oldest.close();
	}
	return driver;
}

/** A driver of its own for a credential test, which the caller closes. */
export function createDriver(credentials: Neo4jCredentials): Driver {
	return neo4j.driver(credentials.uri.trim(), neo4j.auth.basic(credentials.user, credentials.password), DRIVER_CONFIG);
}

/** Closes every pooled driver (on process shutdown, and in tests). */
export async function closeAllDrivers(): Promise<void> {
	const open = [...drivers.values()];
	drivers.clear();
	await Promise.allSettled(open.map(async (driver) => await driver.close()));
}

/**
 * Closes the pools when n8n shuts down. If nothing else listens for the signal, it is raised again
 * after closing, so the process still ends as it would have.
 */
function installCloseOnExit(): void {
	if (closeOnExitInstalled) return;
	closeOnExitInstalled = true;
	const onSignal = (signal: NodeJS.Signals) => {
		void closeAllDrivers().finally(() => {
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		});
	};
	process.once('SIGTERM', onSignal);
	process.once('SIGINT', onSignal);
}

/** A driver error as a sentence that says what to check. */
export function describeNeo4jError(error: Error & { code?: string }, credentials: Neo4jCredentials): string {
	const code = error.code ?? '';
	if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
		return `Neo4j at ${credentials.uri} is unreachable (${error.message}). Is the server running and the URI right?`;
	}
	if (code === 'Neo.ClientError.Security.Unauthorized') {
		return `Neo4j at ${credentials.uri} rejected user "${credentials.user}": check the credential's user and password`;
	}
	// The lock-out refuses the right password too, so "check the password" would send the user the wrong way.
	if (code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
		return (
			`Neo4j at ${credentials.uri} refuses user "${credentials.user}" for a while after too many failed logins (${error.message}): ` +
			'wait and try again; if it recurs, check the user and password of every workflow and client that logs in as that user'
		);
	}
	if (code === 'Neo.ClientError.Statement.AccessMode') {
		return `The query tries to write, but KG Query runs Cypher read-only (${error.message})`;
	}
	if (code === 'Neo.ClientError.Transaction.TransactionTimedOut' || code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') {
		return `The Neo4j query ran past its time limit (${error.message})`;
	}
	if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
		return `Neo4j at ${credentials.uri} has no database "${credentials.database}" (${error.message})`;
	}
	return code ? `Neo4j error ${code}: ${error.message}` : `Neo4j: ${error.message}`;
}
