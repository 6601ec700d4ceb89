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
