import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { attempt } from '../attempt';

/** A model folder that cannot be used: missing or unreadable files, or configs without what is needed. */
export class ModelFolderError extends Error {}

export const REQUIRED_FILES = ['model.onnx', 'tokenizer.json', 'config.json', 'generation_config.json'] as const;
const EXPORT_HINT =
	'export the model with `optimum-cli export onnx --model <model> --task text-generation-with-past <folder>`';

/** config.json fields the decoder loop reads (Hugging Face names). */
export interface DecoderConfig {
	model_type?: string;
	_name_or_path?: string;
	num_hidden_layers?: number;
	num_attention_heads?: number;
	num_key_value_heads?: number;
	hidden_size?: number;
	head_dim?: number;
	max_position_embeddings?: number;
	eos_token_id?: number | number[];
}

/** generation_config.json fields used as defaults. */
export interface GenerationConfig {
	eos_token_id?: number | number[];
	repetition_penalty?: number;
	max_new_tokens?: number;
}

/** tokenizer_config.json: special tokens and the chat template (a string or named templates). */
export interface TokenizerConfig {
	chat_template?: string | Array<{ name: string; template: string }>;
	bos_token?: string | { content: string } | null;
	eos_token?: string | { content: string } | null;
	[key: string]: unknown;
}

export interface ModelFolder {
	folder: string;
	modelPath: string;
	/** See `modelFolderVersion`. */
	version: string;
	tokenizerJson: object;
	tokenizerConfig: TokenizerConfig;
	config: DecoderConfig;
	generationConfig: GenerationConfig;
	/** chat_template.jinja, else tokenizer_config.json's template; undefined when the folder has none. */
	chatTemplate?: string;
}

/**
 * Reads an exported decoder-only model folder (Hugging Face optimum layout): model.onnx (its external
 * weights file, if any, beside it), tokenizer.json, config.json, generation_config.json, and optionally
 * tokenizer_config.json and chat_template.jinja. Errors name the missing or broken file.
 */
export async function readModelFolder(folder: string): Promise<ModelFolder> {
	const absolute = path.resolve(folder);
	const version = await modelFolderVersion(absolute);
	const [tokenizerJson, config, generationConfig, tokenizerConfig, chatTemplateFile] = await Promise.all([
		readJson<object>(absolute, 'tokenizer.json'),
		readJson<DecoderConfig>(absolute, 'config.json'),
		readJson<GenerationConfig>(absolute, 'generation_config.json'),
		readJson<TokenizerConfig>(absolute, 'tokenizer_config.json', {}),
		readFile(path.join(absolute, 'chat_template.jinja'), 'utf8').catch(() => undefined),
	]);
	return {
		folder: absolute,
		modelPath: path.join(absolute, 'model.onnx'),
		version,
		tokenizerJson,
		tokenizerConfig,
		config,
		generationConfig,
		chatTemplate: chatTemplateFile ?? defaultChatTemplate(tokenizerConfig),
	};
}

/**
 * Sizes and modification times of the required files: cheap to take before every run, and different
 * as soon as a file is replaced. Throws naming the files that are missing.
 */
export async function modelFolderVersion(folder: string): Promise<string> {
	const absolute = path.resolve(folder);
	const folderInfo = await stat(absolute).catch(() => undefined);
	if (!folderInfo?.isDirectory()) throw new ModelFolderError(`Model folder "${absolute}" does not exist or is not a folder`);
	const infos = await Promise.all(REQUIRED_FILES.map((name) => stat(path.join(absolute, name)).catch(() => undefined)));
	const missing = REQUIRED_FILES.filter((_name, index) => !infos[index]?.isFile());
	if (missing.length > 0) {
		throw new ModelFolderError(`Model folder "${absolute}" is missing ${missing.join(', ')}: ${EXPORT_HINT}`);
	}
	return infos.map((info) => `${info!.size}:${info!.mtimeMs}`).join('|');
}

function defaultChatTemplate(tokenizerConfig: TokenizerConfig): string | undefined {
	const template = tokenizerConfig.chat_template;
	if (typeof template === 'string') return template;
	if (Array.isArray(template)) return template.find((entry) => entry.name === 'default')?.template ?? template[0]?.template;
	return undefined;
}

async function readJson<T>(folder: string, name: string, fallback?: T): Promise<T> {
	const text = await readFile(path.join(folder, name), 'utf8').catch((error: NodeJS.ErrnoException) => {
		if (fallback !== undefined && error.code === 'ENOENT') return undefined;
		// Without the "EACCES:" prefix: n8n would swap a message naming an errno code for a generic one.
		throw new ModelFolderError(`${name} in "${folder}" cannot be read: ${error.message.replace(/^E[A-Z]+: /, '')}`);
	});
	if (text === undefined) return fallback as T;
	const parsed = attempt(() => JSON.parse(text) as unknown);
	if ('error' in parsed) throw new ModelFolderError(`${name} in "${folder}" is not valid: ${parsed.error.message}`);
	const value = parsed.value;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ModelFolderError(`${name} in "${folder}" is not valid: expected a JSON object`);
	}
	return value as T;
}
