import { open, readdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';

async function fsyncPath(path: string): Promise<void> {
	const handle = await open(path, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/**
 * Makes a folder written under a temporary name durable, then gives it its final name in one rename:
 * readers see either no folder or the complete one, even after a crash or power loss.
 */
export async function publishFolder(temporary: string, final: string): Promise<void> {
	for (const entry of await readdir(temporary, { withFileTypes: true })) {
		if (entry.isFile()) await fsyncPath(join(temporary, entry.name));
	}
	await fsyncPath(temporary);
	await rename(temporary, final);
	await fsyncPath(dirname(final));
}
