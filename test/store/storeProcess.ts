// A separate process working on a model store, for the reliability tests (killed with SIGKILL mid-way).
// Run with `node --import tsx test/store/storeProcess.ts <command> <store folder> <model> [...]`:
//   record <count>        records <count> feedback messages one transaction each, printing `ack <id> <text>`
//                         only after each commit returned
//   retrain <fail|wait>   prints `started`, retrains printing `progress <line>` lines (the first once it holds
//                         the training lock), then `done <json>` or `error <message>`
//   rollback <version>    rolls the model back to <version>, printing `done <json>` or `error <message>`
import { openModelStore, retrainModel } from '../../core/store';

const [command, folder, model, argument] = process.argv.slice(2);
const store = openModelStore(folder);
const print = (line: string) => process.stdout.write(`${line}\n`);

async function record(count: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		const text = `message ${process.pid}-${i} 我的订单`;
		const [{ id }] = await store.recordFeedback(model, [{ text, correctLabel: i % 2 === 0 ? 'delivery' : 'refund' }]);
		print(`ack ${id} ${text}`);
	}
}

async function retrain(ifTrainingInProgress: 'fail' | 'wait'): Promise<void> {
	print('started');
	try {
		const result = await retrainModel(store, model, { ifTrainingInProgress, onProgress: (line) => print(`progress ${line}`) });
		print(`done ${JSON.stringify({ version: result.candidateVersion, promoted: result.promoted })}`);
	} catch (error) {
		print(`error ${(error as Error).message}`);
	}
}

async function rollBack(version: number): Promise<void> {
	try {
		print(`done ${JSON.stringify(await store.rollBack(model, version))}`);
	} catch (error) {
		print(`error ${(error as Error).message}`);
	}
}

const commands: Record<string, () => Promise<void>> = {
	record: () => record(Number(argument)),
	retrain: () => retrain(argument as 'fail' | 'wait'),
	rollback: () => rollBack(Number(argument)),
};
void commands[command]();
