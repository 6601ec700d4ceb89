import { TestCredentialsHelper } from './credentialsHelper';
import { getRuntime } from './runtime';

describe('TestCredentialsHelper', () => {
	test('fills the fields a test leaves out with the credential type defaults', async () => {
		const { credentialTypes } = await getRuntime();
		const helper = new TestCredentialsHelper(credentialTypes, { openAiApi: { apiKey: 'sk-test' } });
		const decrypted = await helper.getDecrypted({}, { id: '1', name: 'OpenAI account' }, 'openAiApi');
		expect(decrypted).toMatchObject({ apiKey: 'sk-test', url: 'https://api.openai.com/v1' });
	});

	test('applies restrictToSupportedNodes as n8n does', async () => {
		const { credentialTypes } = await getRuntime();
		const helper = new TestCredentialsHelper(credentialTypes, {});
		expect(helper.isCredentialUsableByNode('openAiCompatibleApi', 'n8n-nodes-support-ai.generateAnswer')).toBe(true);
		expect(helper.isCredentialUsableByNode('neo4jApi', 'n8n-nodes-support-ai.kgQuery')).toBe(true);
		// n8n-nodes-base's one restricted credential type lists no supported nodes.
		expect(helper.isCredentialUsableByNode('slackManagerOAuth2Api', 'n8n-nodes-base.slack')).toBe(false);
	});
});
