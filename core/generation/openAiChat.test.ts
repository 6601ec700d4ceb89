import { buildChatRequest, chatCompletionsUrl, ChatResponseError, errorMessageOf, parseChatResponse } from './openAiChat';

describe('OpenAI-compatible chat completions', () => {
	test('the URL under any base URL', () => {
		expect(chatCompletionsUrl('http://127.0.0.1:11434/v1')).toBe('http://127.0.0.1:11434/v1/chat/completions');
		expect(chatCompletionsUrl(' https://api.openai.com/v1/ ')).toBe('https://api.openai.com/v1/chat/completions');
	});

	test('the request body', () => {
		const messages = [{ role: 'user' as const, content: 'hi' }];
		const sampling = { maxNewTokens: 128, temperature: 0, topP: 1, seed: 42, stop: [] };
		expect(buildChatRequest('qwen2.5:0.5b', messages, sampling)).toEqual({
			model: 'qwen2.5:0.5b',
			messages,
			max_tokens: 128,
			temperature: 0,
			top_p: 1,
			seed: 42,
			stream: false,
		});
		expect(buildChatRequest('m', messages, { ...sampling, stop: ['a', 'b', 'c', 'd', 'e'] }).stop).toEqual(['a', 'b', 'c', 'd']);
	});

	test('the first choice, finish reason and usage of a response', () => {
		const body = {
			id: 'chatcmpl-1',
			object: 'chat.completion',
			model: 'qwen2.5:0.5b',
			choices: [{ index: 0, message: { role: 'assistant', content: ' 您好！ ' }, finish_reason: 'stop' }],
			usage: { prompt_tokens: 31, completion_tokens: 4, total_tokens: 35 },
		};
		const expected = { text: '您好！', finishReason: 'stop', model: 'qwen2.5:0.5b', promptTokens: 31, completionTokens: 4 };
		expect(parseChatResponse(body)).toEqual(expected);
		expect(parseChatResponse(JSON.stringify(body))).toEqual(expected);
	});

	test('responses that are not chat completions name what is wrong', () => {
		expect(() => parseChatResponse('<html>502</html>')).toThrow(new ChatResponseError('The endpoint did not answer with JSON: <html>502</html>'));
		expect(() => parseChatResponse({ error: { message: 'model "x" not found' } })).toThrow(
			'The endpoint reported an error: model "x" not found',
		);
		expect(() => parseChatResponse({ data: [] })).toThrow(/without "choices"/);
		expect(() => parseChatResponse({ choices: [{ message: { content: null, tool_calls: [] } }] })).toThrow(
			/without "choices\[0\]\.message\.content"/,
		);
	});

	test('error messages of the usual shapes', () => {
		expect(errorMessageOf({ error: { message: 'Invalid API key' } })).toBe('Invalid API key');
		expect(errorMessageOf({ error: 'overloaded' })).toBe('overloaded');
		expect(errorMessageOf({ message: 'Not Found' })).toBe('Not Found');
		expect(errorMessageOf('')).toBeUndefined();
	});
});
