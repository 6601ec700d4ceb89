import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { temporaryStoreFolder } from '../../test/store/supportExamples';
import { KEPT_EXAMPLES_COPIES, markExamplesCopyUsed, pruneExamplesCopies } from './examplesCopies';
import { creationFolderName, StoreLayout } from './layout';

// Every time set below is hours or days away from what the policy compares it with.
const NOW = Date.now();
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let examples: string;
let remove: () => Promise<void>;

beforeEach(async () => {
	let root: string;
	({ folder: root, remove } = temporaryStoreFolder('support-ai-examples-'));
	examples = new StoreLayout(root).examplesFolder;
	await mkdir(examples);
});
afterEach(async () => await remove());

/** A copy's folder name: 16 hex digits, as Intent Classify's fingerprints. */
const fingerprint = (n: number) => n.toString(16).padStart(16, '0');

/** A copy (files as Intent Classify writes them) last used at `lastUsed`. */
async function copy(name: string, lastUsed: number): Promise<string> {
	const folder = join(examples, name);
	await mkdir(folder);
	await writeFile(join(folder, 'model.json'), '{}');
	await writeFile(join(folder, 'model.onnx'), 'onnx');
	await utimes(folder, new Date(lastUsed), new Date(lastUsed));
	return folder;
}

const entries = async () => (await readdir(examples)).sort();

describe('deleting the copies of typed-examples models nobody uses', () => {
	it('keeps the 32 most recently used and every copy used in the last day; deletes older ones beyond them', async () => {
		// 34 copies used in the last day (more than 32: none goes), then 6 unused for 2–7 days.
		const recent = Array.from({ length: 34 }, (_, i) => fingerprint(i));
		const idle = Array.from({ length: 6 }, (_, i) => fingerprint(100 + i));
		for (const [i, name] of recent.entries()) await copy(name, NOW - i * 40 * 60_000);
		for (const [i, name] of idle.entries()) await copy(name, NOW - (2 + i) * DAY);
		expect(recent.length).toBeGreaterThan(KEPT_EXAMPLES_COPIES);

		expect((await pruneExamplesCopies(examples, { now: NOW })).sort()).toEqual(idle);
		expect(await entries()).toEqual(recent);
	});

	it('keeps up to 32 copies however long unused, deleting the least recently used beyond them', async () => {
		const names = Array.from({ length: 35 }, (_, i) => fingerprint(i));
		for (const [i, name] of names.entries()) await copy(name, NOW - (30 + i) * DAY);

		expect((await pruneExamplesCopies(examples, { now: NOW })).sort()).toEqual(names.slice(32));
		expect(await entries()).toEqual(names.slice(0, 32));
		expect(await pruneExamplesCopies(examples, { now: NOW })).toEqual([]);
	});

	it('counts a copy as used from when markExamplesCopyUsed recorded it', async () => {
		const names = Array.from({ length: 33 }, (_, i) => fingerprint(i));
		for (const [i, name] of names.entries()) await copy(name, NOW - (30 + i) * DAY);
		const oldest = join(examples, names[32]);
		await markExamplesCopyUsed(oldest);
		expect((await stat(oldest)).mtimeMs).toBeGreaterThan(NOW - HOUR);

		expect(await pruneExamplesCopies(examples, { now: NOW })).toEqual([names[31]]);
		expect(await entries()).toEqual([...names.slice(0, 31), names[32]]);
	});

	it('never deletes a copy this process has loaded or is loading, however old', async () => {
		const names = Array.from({ length: 34 }, (_, i) => fingerprint(i));
		for (const [i, name] of names.entries()) await copy(name, NOW - (30 + i) * DAY);
		const loaded = join(examples, names[33]);

		expect(await pruneExamplesCopies(examples, { now: NOW, inUse: new Set([loaded]) })).toEqual([names[32]]);
		expect(await entries()).toEqual([...names.slice(0, 32), names[33]]);
	});

	it('leaves other files and creations in progress alone; removes what killed deletions and creations left', async () => {
		await copy(fingerprint(1), NOW - 365 * DAY);
		const killedPid = spawnSync(process.execPath, ['-e', '']).pid;
		const creator = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)']);
		try {
			const killed = creationFolderName(fingerprint(2), killedPid);
			const beingCreated = creationFolderName(fingerprint(3), creator.pid!);
			for (const leftover of [killed, beingCreated, '.deleting-00000000000000aa-1234abcd', 'notes', 'ABCDEF0123456789']) {
				await mkdir(join(examples, leftover));
				await writeFile(join(examples, leftover, 'model.onnx'), 'onnx');
			}
			await writeFile(join(examples, 'README.txt'), 'mine');

			expect(await pruneExamplesCopies(examples, { now: NOW })).toEqual([]);
			expect(await entries()).toEqual([beingCreated, fingerprint(1), 'ABCDEF0123456789', 'README.txt', 'notes'].sort());
		} finally {
			creator.kill();
		}
	});

	it('deletes each copy once when two prunes run at the same time (two processes sharing a store)', async () => {
		const names = Array.from({ length: 40 }, (_, i) => fingerprint(i));
		for (const [i, name] of names.entries()) await copy(name, NOW - (30 + i) * DAY);

		const [first, second] = await Promise.all([
			pruneExamplesCopies(examples, { now: NOW }),
			pruneExamplesCopies(examples, { now: NOW }),
		]);
		expect([...first, ...second].sort()).toEqual(names.slice(32));
		expect(await entries()).toEqual(names.slice(0, 32));
	});

	it('records nothing and fails nothing for a copy that is gone', async () => {
		await expect(markExamplesCopyUsed(join(examples, fingerprint(9)))).resolves.toBeUndefined();
		expect(await entries()).toEqual([]);
	});
});
