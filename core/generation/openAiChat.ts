import { attempt } from './attempt';
import type { ChatMessage } from './prompt';

/** Sampling settings shared by the local model and endpoints. Temperature 0 decodes greedily. */
export interface SamplingSettings {
	maxNewTokens: number;
	temperature: number;
	topP: number;
	seed: number;
	stop: string[];
}

export interface ChatCompletionRequest {
	model: string;
	messages: ChatMessage[];
	max_tokens: number;
	temperature: number;
	top_p: number;
	seed: number;
	stop?: string[];
	stream: false;
}

export interface ChatCompletion {
	text: string;
	/** `stop`, `length`, … as the server reports it. */
	finishReason: string;
	/** The model the server says answered. */
	model: string;
	promptTokens?: number;
	completionTokens?: number;
}

/** A response that is not a chat completion, or reports an error. */
export class ChatResponseError extends Error {}

/** `{base}/chat/completions`, whether or not the base URL ends with a slash. */
export function chatCompletionsUrl(baseUrl: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}/chat/completions`;
}

/** The body of a chat-completions request (OpenAI's API as Ollama, vLLM and LM Studio serve it). */
export function buildChatRequest(model: string, messages: ChatMessage[], sampling: SamplingSettings): ChatCompletionRequest {
	const request: ChatCompletionRequest = {
		model,
		messages,
		max_tokens: sampling.maxNewTokens,
		temperature: sampling.temperature,
		top_p: sampling.topP,
		seed: sampling.seed,
		stream: false,
	};
	// OpenAI accepts at most 4 stop sequences.
	if (sampling.stop.length > 0) request.stop = sampling.stop.slice(0, 4);
	return request;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The server's own error message, from `{error: {message}}`, `{error: "…"}` or `{message}`. */
export function errorMessageOf(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() === '' ? undefined : body.slice(0, 500);
	if (!isRecord(body)) return undefined;
	const { error } = body;
	if (isRecord(error) && typeof error.message === 'string') return error.message;
	if (typeof error === 'string') return error;
	return typeof body.message === 'string' ? body.message : undefined;
}

/** Reads the first choice of a chat-completions response; throws naming what is missing. */
export function parseChatResponse(body: unknown): ChatCompletion {
	const parsed = typeof body === 'string' ? parseJson(body) : body;
	if (!isRecord(parsed)) throw new ChatResponseError('The endpoint did not answer with a JSON object');
	const serverError = isRecord(parsed.error) || typeof parsed.error === 'string' ? errorMessageOf(parsed) : undefined;
	if (serverError !== undefined) throw new ChatResponseError(`The endpoint reported an error: ${serverError}`);
	const choice = Array.isArray(parsed.choices) ? parsed.choices[0] : undefined;
	if (!isRecord(choice)) throw new ChatResponseError('The endpoint answered without "choices": not a chat-completions response');
	const message = choice.message;
	if (!isRecord(message) || typeof message.content !== 'string') {
		throw new ChatResponseError('The endpoint answered without "choices[0].message.content"');
	}
	const usage = isRecord(parsed.usage) ? parsed.usage : {};
	return {
		text: message.content.trim(),
		finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : 'unknown',
		model: typeof parsed.model === 'string' ? parsed.model : '',
		...(typeof usage.prompt_tokens === 'number' && { promptTokens: usage.prompt_tokens }),
		...(typeof usage.completion_tokens === 'number' && { completionTokens: usage.completion_tokens }),
	};
}

function parseJson(text: string): unknown {
	const parsed = attempt(() => JSON.parse(text) as unknown);
	if ('error' in parsed) throw new ChatResponseError(`The endpoint did not answer with JSON: ${text.slice(0, 200)}`);
	return parsed.value;
}
