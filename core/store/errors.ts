/** A model store problem, with a message that names the model, file or version concerned. */
export class ModelStoreError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ModelStoreError';
	}
}

/** Another retrain of the same model holds the training lock. */
export class TrainingInProgressError extends ModelStoreError {
	constructor(
		readonly model: string,
		readonly holder: { pid: number; host: string; since: Date },
	) {
		super(
			`Training in progress: model "${model}" is being retrained by process ${holder.pid} on ${holder.host} ` +
				`since ${holder.since.toISOString()}. Try again when it finishes, or let Retrain wait for it.`,
		);
		this.name = 'TrainingInProgressError';
	}
}

// What to do about the file system errors a store write can meet.
const WRITE_ERROR_HINTS: Record<string, string> = {
	ENOSPC: 'the disk is full: free space there, then run it again',
	EDQUOT: 'the disk quota is used up: free space there or raise the quota, then run it again',
	EROFS: 'the file system is read-only: give the store a writable folder',
	EACCES: "n8n's user may not write there: give it write access to the folder",
	EPERM: "n8n's user may not write there: give it write access to the folder",
};

/**
 * A file system error met while writing a model's files, as a ModelStoreError naming the model, the
 * folder and what to do (a bare "ENOSPC: no space left on device, write" names neither). Other errors
 * are returned as they are.
 */
export function storeWriteError(model: string, folder: string, error: unknown): Error {
	const { code, syscall, message } = error as NodeJS.ErrnoException;
	if (error instanceof ModelStoreError || typeof syscall !== 'string') return error as Error;
	const hint = code === undefined ? undefined : WRITE_ERROR_HINTS[code];
	return new ModelStoreError(`Could not write model "${model}" in ${folder} (${message})${hint === undefined ? '' : `: ${hint}`}`);
}
