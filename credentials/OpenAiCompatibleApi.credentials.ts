import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A server with OpenAI's chat-completions API: Ollama, vLLM, LM Studio, llama.cpp's server, OpenAI.
 * Local servers usually need no key, so the Authorization header is sent only when one is set.
 */
export class OpenAiCompatibleApi implements ICredentialType {
	name = 'openAiCompatibleApi';

	displayName = 'OpenAI-Compatible API';

	icon = { light: 'file:../icons/supportAi.svg', dark: 'file:../icons/supportAi.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-support-ai/n8n-nodes-support-ai#generate-answer';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:11434/v1',
			placeholder: 'http://127.0.0.1:8000/v1',
			description: 'The API root that /chat/completions and /models hang off (Ollama: http://127.0.0.1:11434/v1, vLLM: http://host:8000/v1)',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Sent as a Bearer token; leave empty for servers without keys',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const apiKey = String(credentials.apiKey ?? '').trim();
		if (apiKey === '') return requestOptions;
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${apiKey}` } };
	}

	test: ICredentialTestRequest = {
		request: { baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}', url: '/models', method: 'GET' },
	};
}
