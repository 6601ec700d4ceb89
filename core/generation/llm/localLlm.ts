import { Template } from '@huggingface/jinja';
import { Tokenizer } from '@huggingface/tokenizers';
import path from 'node:path';

import { attempt } from '../attempt';
import type { ChatMessage } from '../prompt';
import { decode, describeDecoder, type DecoderLayout, type FinishReason } from './decoder';
import { modelFolderVersion, ModelFolderError, readModelFolder, type ModelFolder, type TokenizerConfig } from './modelFolder';
import { createSampler } from './sampler';
import { openSession, type ExecutionProvider, type ProviderSession } from '../../model/sessions';

export interface LocalGenerationSettings {
	maxNewTokens: number;
	temperature: number;
	topP: number;
	topK: number;
	seed: number;
	/** Undefined: generation_config.json's, else 1 (none). */
	repetitionPenalty?: number;
	/** Strings that end the reply (cut there). */
	stop: string[];
	/** Stop decoding after this long and answer with what there is. */
	timeoutMs: number;
}

export interface LocalGeneration {
	text: string;
	promptTokens: number;
	generatedTokens: number;
	finishReason: FinishReason;
	firstTokenMs: number;
	totalMs: number;
	/** Tokens per second after the first one (the decoding speed users should compare). */
	tokensPerSecond?: number;
}

const tokenText = (token: TokenizerConfig['eos_token']) => (typeof token === 'string' ? token : (token?.content ?? ''));
const idList = (ids: number | number[] | undefined) => (ids === undefined ? [] : Array.isArray(ids) ? ids : [ids]);

/** A decoder-only model exported to ONNX, with its tokenizer and chat template, ready to answer. */
export class LocalLlm {
	readonly name: string;
	private readonly template?: Template;
	private readonly stopTokenIds: Set<number>;

	private constructor(
		private readonly files: ModelFolder,
		private readonly tokenizer: Tokenizer,
		private readonly loaded: ProviderSession,
		private readonly layout: DecoderLayout,
	) {
		this.name = files.config._name_or_path || path.basename(files.folder);
		this.template = files.chatTemplate === undefined ? undefined : new Template(files.chatTemplate);
		const eosToken = tokenizer.token_to_id(tokenText(files.tokenizerConfig.eos_token));
		this.stopTokenIds = new Set([
			...idList(files.generationConfig.eos_token_id),
			...idList(files.config.eos_token_id),
			...(eosToken === undefined ? [] : [eosToken]),
		]);
	}

	static async load(folder: string, provider: ExecutionProvider, warn: (message: string) => void): Promise<LocalLlm> {
		const files = await readModelFolder(folder);
		const tokenizer = attempt(() => new Tokenizer(files.tokenizerJson, files.tokenizerConfig));
		if ('error' in tokenizer) throw new ModelFolderError(`tokenizer.json in "${files.folder}" cannot be used: ${tokenizer.error.message}`);
		// A decoder wants every core (ONNX Runtime's default), unlike the small classifiers.
		const loaded = await openSession(files.modelPath, { executionProvider: provider, intraOpNumThreads: 0, logger: { warn } }).catch((error: Error) => {
			throw new ModelFolderError(`model.onnx in "${files.folder}" cannot be loaded: ${error.message}`);
		});
		return new LocalLlm(files, tokenizer.value, loaded, describeDecoder(loaded.session, files.config));
	}

	get folder(): string {
		return this.files.folder;
	}

	get executionProvider(): ExecutionProvider {
		return this.loaded.provider;
	}

	/** The chat as the model was trained to read it: its chat template, or plain "Role: text" turns. */
	renderPrompt(messages: ChatMessage[]): string {
		if (!this.template) {
			const turns = messages.map(({ role, content }) => `${role.charAt(0).toUpperCase()}${role.slice(1)}: ${content}`);
			return `${turns.join('\n\n')}\n\nAssistant:`;
		}
		return this.template.render({
			messages,
			add_generation_prompt: true,
			bos_token: tokenText(this.files.tokenizerConfig.bos_token),
			eos_token: tokenText(this.files.tokenizerConfig.eos_token),
		});
	}

	/** Token ids of a rendered prompt (special tokens written in it are recognised, none are added). */
	encode(prompt: string): number[] {
		return this.tokenizer.encode(prompt, { add_special_tokens: false }).ids;
	}

	async generate(messages: ChatMessage[], settings: LocalGenerationSettings): Promise<LocalGeneration> {
		const promptIds = this.encode(this.renderPrompt(messages));
		const room = this.layout.maxPositions === undefined ? Infinity : this.layout.maxPositions - promptIds.length;
		if (room <= 0) {
			throw new ModelFolderError(
				`The prompt has ${promptIds.length} tokens and the model takes at most ${this.layout.maxPositions}: send fewer facts or shorter instructions`,
			);
		}
		const decodeText = (tokens: readonly number[]) => this.tokenizer.decode([...tokens], { skip_special_tokens: true });
		const stopAt = (text: string) => Math.min(...settings.stop.map((stop) => text.indexOf(stop)).filter((index) => index >= 0));
		const result = await decode(this.loaded.session, this.layout, promptIds, {
			maxNewTokens: Math.min(settings.maxNewTokens, room),
			stopTokenIds: this.stopTokenIds,
			pickNext: createSampler({
				temperature: settings.temperature,
				topP: settings.topP,
				topK: settings.topK,
				seed: settings.seed,
				repetitionPenalty: settings.repetitionPenalty ?? this.files.generationConfig.repetition_penalty ?? 1,
			}),
			shouldStop: settings.stop.length > 0 ? (tokens) => Number.isFinite(stopAt(decodeText(tokens))) : undefined,
			deadline: performance.now() + settings.timeoutMs,
		});
		let text = decodeText(result.tokens);
		const stop = stopAt(text);
		if (Number.isFinite(stop)) text = text.slice(0, stop);
		const decodingMs = result.totalMs - result.firstTokenMs;
		return {
			text: text.trim(),
			promptTokens: promptIds.length,
			generatedTokens: result.tokens.length,
			finishReason: result.finishReason,
			firstTokenMs: result.firstTokenMs,
			totalMs: result.totalMs,
			...(result.tokens.length > 1 && decodingMs > 0 && { tokensPerSecond: ((result.tokens.length - 1) * 1000) / decodingMs }),
		};
	}
}

const MAX_CACHED_MODELS = 2;
const cache = new Map<string, { version: string; model: Promise<LocalLlm> }>();

/**
 * The model of a folder, loaded once per process and provider and reloaded when its files change.
 * Only the most recently used models stay loaded (a model holds its weights in memory).
 */
export async function loadLocalLlm(folder: string, provider: ExecutionProvider, warn: (message: string) => void): Promise<LocalLlm> {
	const absolute = path.resolve(folder);
	const version = await modelFolderVersion(absolute);
	const key = `${provider}:${absolute}`;
	const cached = cache.get(key);
	cache.delete(key);
	if (cached?.version === version) {
		cache.set(key, cached);
		return await cached.model;
	}
	const model = LocalLlm.load(absolute, provider, warn);
	cache.set(key, { version, model });
	model.catch(() => cache.delete(key));
	// Evicted models are not released explicitly: a run may still be using one; the session's native
	// memory goes with it once nothing refers to it.
	while (cache.size > MAX_CACHED_MODELS) cache.delete(cache.keys().next().value as string);
	return await model;
}
