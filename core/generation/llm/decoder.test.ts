import { InferenceSession } from 'onnxruntime-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { greedyWithoutCache, writeTinyModelFolder } from '../../../test/workflows/generateAnswer.tinyDecoder';
import { ElementType, GraphBuilder } from '../../onnx/graphBuilder';
import { decode, describeDecoder, type DecoderLayout } from './decoder';
import { readModelFolder } from './modelFolder';
import { argmax } from './sampler';
import { openSession } from '../../model/sessions';

let root: string;
let session: InferenceSession;
let layout: DecoderLayout;
const prompt = Array.from({ length: 40 }, (_v, i) => (i * 37 + 11) % 263);

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'decoder-'));
	const files = await readModelFolder((await writeTinyModelFolder(path.join(root, 'tiny'))).folder);
	session = (await openSession(files.modelPath)).session;
	layout = describeDecoder(session, files.config);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const decodeWithoutCache = (steps: number) => greedyWithoutCache(session, prompt, steps);

describe('decode', () => {
	test('reads the cache layout from the model and config.json', () => {
		expect(layout).toEqual({
			layers: 2,
			kvHeads: 1,
			headDim: 8,
			kvType: 'float32',
			hasAttentionMask: true,
			hasPositionIds: true,
			hasUseCacheBranch: false,
			maxPositions: 4096,
		});
	});

	test('greedy decoding with the KV cache gives exactly what decoding without it gives', async () => {
		const steps = 24;
		const reference = await decodeWithoutCache(steps);
		const seen: Float32Array[] = [];
		const result = await decode(session, layout, prompt, {
			maxNewTokens: steps,
			stopTokenIds: new Set(),
			pickNext: (logits) => {
				seen.push(Float32Array.from(logits));
				return argmax(logits);
			},
		});
		expect(result.tokens).toEqual(reference.tokens);
		expect(result.finishReason).toBe('length');
		expect(new Set(result.tokens).size).toBeGreaterThan(5);
		const largestGap = Math.max(...seen.flatMap((row, step) => Array.from(row, (value, i) => Math.abs(value - reference.logits[step][i]))));
		expect(largestGap).toBeLessThan(1e-4);
	});

	test('a stop token ends the reply and is not part of it', async () => {
		const { tokens } = await decodeWithoutCache(12);
		const stop = tokens[6];
		const result = await decode(session, layout, prompt, { maxNewTokens: 12, stopTokenIds: new Set([stop]), pickNext: argmax });
		expect(result).toMatchObject({ tokens: tokens.slice(0, tokens.indexOf(stop)), finishReason: 'stop' });
	});

	test('shouldStop and the deadline end decoding early', async () => {
		const options = { maxNewTokens: 12, stopTokenIds: new Set<number>(), pickNext: argmax };
		expect((await decode(session, layout, prompt, { ...options, shouldStop: (generated) => generated.length === 3 })).tokens).toHaveLength(3);
		const late = await decode(session, layout, prompt, { ...options, deadline: performance.now() - 1 });
		expect(late).toMatchObject({ finishReason: 'time' });
		expect(late.tokens).toHaveLength(1);
	});

	test('every step gives the event loop a turn', async () => {
		let turns = 0;
		let ticking = true;
		const tick = () => {
			turns++;
			if (ticking) setImmediate(tick);
		};
		setImmediate(tick);
		await decode(session, layout, prompt, { maxNewTokens: 20, stopTokenIds: new Set(), pickNext: argmax });
		ticking = false;
		expect(turns).toBeGreaterThanOrEqual(20);
	});
});

describe('describeDecoder refuses models it cannot drive', () => {
	/** A one-node "language model" (an embedding lookup) with the given extra inputs. */
	async function sessionWithInputs(extraInputs: string[]): Promise<InferenceSession> {
		const graph = new GraphBuilder('no_cache');
		for (const name of ['input_ids', ...extraInputs]) graph.input(name, ElementType.int64, ['batch', 'sequence']);
		graph.node('Gather', [graph.initializer('embedding', new Float32Array(16), [4, 4]), 'input_ids'], ['logits']);
		graph.output('logits', ElementType.float, ['batch', 'sequence', 4]);
		return await InferenceSession.create(graph.toBytes({ opset: 17, producerName: 'test', producerVersion: '1', metadata: {} }));
	}

	test('one exported without past_key_values', async () => {
		const session = await sessionWithInputs([]);
		expect(() => describeDecoder(session, {})).toThrow(/no past_key_values inputs: export it with --task text-generation-with-past/);
	});

	test('one with inputs the loop does not feed', async () => {
		const session = await sessionWithInputs(['token_type_ids']);
		expect(() => describeDecoder(session, {})).toThrow('model.onnx has inputs this decoder cannot feed: token_type_ids');
	});
});
