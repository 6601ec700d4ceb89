// Mounts for tests of full disks and read-only stores: they need root, and are skipped with a note where
// this process may not mount.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function mount(...args: string[]): void {
	const mounted = spawnSync('mount', args, { encoding: 'utf8' });
	if (mounted.status !== 0) throw new Error(`mount ${args.join(' ')}: ${(mounted.stderr || String(mounted.error)).trim()}`);
}

/** A new folder with `mount …args <folder>` mounted on it; `unmount()` undoes both. */
export function mountedFolder(...args: string[]): { folder: string; unmount: () => void } {
	const mountPoint = mkdtempSync(join(tmpdir(), 'support-ai-mount-'));
	const unmount = () => {
		spawnSync('umount', [mountPoint]);
		rmSync(mountPoint, { recursive: true, force: true });
	};
	try {
		mount(...args, mountPoint);
	} catch (error) {
		unmount();
		throw error;
	}
	return { folder: mountPoint, unmount };
}

/** `folder` seen through a read-only bind mount: a read-only volume holding the same files. */
export function mountReadOnly(folder: string): { folder: string; unmount: () => void } {
	const view = mountedFolder('--bind', folder);
	try {
		mount('-o', 'remount,ro,bind', view.folder);
	} catch (error) {
		view.unmount();
		throw error;
	}
	return view;
}

/** Whether this process may mount; prints why not, naming the tests skipped. */
export function mayMount(skippedTests: string): boolean {
	try {
		mountedFolder('-t', 'tmpfs', '-o', 'size=1m', 'tmpfs').unmount();
		return true;
	} catch (error) {
		process.stderr.write(`\n  NOTE: ${skippedTests} skipped: cannot mount (needs root): ${(error as Error).message}\n\n`);
		return false;
	}
}
