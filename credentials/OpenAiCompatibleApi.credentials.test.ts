import { OpenAiCompatibleApi } from './OpenAiCompatibleApi.credentials';

describe('OpenAiCompatibleApi credential', () => {
	const credential = new OpenAiCompatibleApi();
	const request = { url: 'http://127.0.0.1:11434/v1/chat/completions', headers: { 'content-type': 'application/json' } };

	test('sends the API key as a Bearer token, keeping other headers', async () => {
		expect(await credential.authenticate({ baseUrl: 'x', apiKey: ' sk-test ' }, request)).toEqual({
			...request,
			headers: { 'content-type': 'application/json', Authorization: 'Bearer sk-test' },
		});
	});

	test('sends no Authorization header without a key (Ollama, local vLLM)', async () => {
		expect(await credential.authenticate({ baseUrl: 'x', apiKey: '' }, request)).toEqual(request);
		expect(await credential.authenticate({ baseUrl: 'x' }, request)).toEqual(request);
	});

	test('is tested by listing the models under the base URL', () => {
		expect(credential.test.request).toMatchObject({ url: '/models', method: 'GET' });
		expect(credential.properties.map((property) => [property.name, property.default])).toEqual([
			['baseUrl', 'http://127.0.0.1:11434/v1'],
			['apiKey', ''],
		]);
	});
});
