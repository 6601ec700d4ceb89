import type { IExecuteFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { attempt } from '../../core/generation/attempt';
import { answerWithModel } from '../../core/generation/modelAnswer';
import {
	buildChatRequest,
	chatCompletionsUrl,
	errorMessageOf,
	parseChatResponse,
	type ChatCompletion,
	type ChatCompletionRequest,
} from '../../core/generation/openAiChat';
import type { Answer } from '../../core/generation/types';
import { generateOptions, readGenerationInput, readModelSettings, readSampling } from './itemInput';

export const CREDENTIAL_TYPE = 'openAiCompatibleApi';

const RETRY_DELAY_MS = 500;
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** OpenAI-compatible endpoint mode: chat completions through n8n's authenticated HTTP helper. */
export async function answerWithEndpoint(context: IExecuteFunctions, item: INodeExecutionData, itemIndex: number): Promise<Answer> {
	const model = String(context.getNodeParameter('model', itemIndex, '')).trim();
	if (model === '') throw new NodeOperationError(context.getNode(), 'Model is empty: give the model name the server knows', { itemIndex });
	const credentials = await context.getCredentials<{ baseUrl?: string }>(CREDENTIAL_TYPE, itemIndex);
	const baseUrl = String(credentials.baseUrl ?? '').trim();
	if (!/^https?:\/\//i.test(baseUrl)) {
		throw new NodeOperationError(context.getNode(), `The credential's Base URL "${baseUrl}" must start with http:// or https://`, { itemIndex });
	}
	const url = chatCompletionsUrl(baseUrl);
	const options = generateOptions(context, itemIndex);
	const input = readGenerationInput(context, item, itemIndex);
	return await answerWithModel(input, 'endpoint', readModelSettings(context, itemIndex), async (messages) => {
		const request = buildChatRequest(model, messages, readSampling(options));
		const { completion, attempts } = await complete(context, itemIndex, url, request, (options.timeout ?? 60) * 1000, options.retries ?? 2);
		return {
			text: completion.text,
			model: { name: completion.model || model, source: baseUrl },
			timing: {
				attempts,
				...(completion.promptTokens !== undefined && { promptTokens: completion.promptTokens }),
				...(completion.completionTokens !== undefined && { generatedTokens: completion.completionTokens }),
			},
		};
	});
}

/**
 * Posts the request, retrying refused or dropped connections, HTTP 429 and 5xx with a growing pause. A
 * timeout is not retried: it is the time the user allows. Errors name the URL and what happened.
 */
async function complete(
	context: IExecuteFunctions,
	itemIndex: number,
	url: string,
	body: ChatCompletionRequest,
	timeoutMs: number,
	retries: number,
): Promise<{ completion: ChatCompletion; attempts: number }> {
	const fail = (message: string) => new NodeOperationError(context.getNode(), message, { itemIndex });
	const request: IHttpRequestOptions = {
		method: 'POST',
		url,
		body,
		json: true,
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	let lastProblem = '';
	for (let attempts = 1; attempts <= retries + 1; attempts++) {
		if (attempts > 1) await sleep(RETRY_DELAY_MS * 2 ** (attempts - 2));
		let response: { statusCode: number; body: unknown };
		const deadline = AbortSignal.timeout(Math.round(timeoutMs));
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(withDeadline(context, deadline), CREDENTIAL_TYPE, request)) as typeof response;
		} catch (error) {
			const code = errorCode(error);
			if (deadline.aborted || (code !== undefined && TIMED_OUT.has(code))) {
				throw fail(`The endpoint ${url} did not answer within ${timeoutMs / 1000} s (Timeout option)`);
			}
			// n8n's message for network errors says it in words ("The service refused the connection…").
			lastProblem = (error as Error).message;
			continue;
		}
		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) {
			const parsed = attempt(() => parseChatResponse(response.body));
			if ('error' in parsed) throw fail(`${url}: ${parsed.error.message}`);
			return { completion: parsed.value, attempts };
		}
		const serverSays = errorMessageOf(response.body);
		lastProblem = `HTTP ${statusCode}${serverSays ? `: ${serverSays}` : ''}`;
		if (statusCode !== 429 && statusCode < 500) {
			const hint = statusCode === 401 || statusCode === 403 ? ' (check the API key of the credential)' : statusCode === 404 ? ' (check the Base URL and the model name)' : '';
			throw fail(`The endpoint ${url} refused the request: ${lastProblem}${hint}`);
		}
	}
	throw fail(`The endpoint ${url} failed after ${retries + 1} attempt(s): ${lastProblem}`);
}

/**
 * The context with `deadline` added to the execution's cancel signal, which is the only signal n8n's
 * authenticated request aborts on. The request's own timeout restarts with every chunk received, so a
 * server that trickles bytes (keep-alive blanks) would otherwise hold the item for ever.
 */
function withDeadline(context: IExecuteFunctions, deadline: AbortSignal): IExecuteFunctions {
	const cancel = context.getExecutionCancelSignal();
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	return Object.create(context, { getExecutionCancelSignal: { value: () => signal } }) as IExecuteFunctions;
}

/** The network error code (ECONNREFUSED, ECONNABORTED, …) under n8n's NodeApiError wrapping. */
function errorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}
