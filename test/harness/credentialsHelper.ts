import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression, NodeHelpers } from 'n8n-workflow';

import type { PackageCredentialTypes } from './runtime';

/** Credential data per credential type name, e.g. `{ neo4jApi: { uri, user, password } }`. */
export type TestCredentials = Record<string, ICredentialDataDecryptedObject>;

/**
 * Serves the credentials a test passes in, in place of n8n's encrypted credential store. Defaults of
 * the credential type fill fields a test leaves out, and `authenticate` applies the type's rules the
 * way n8n's CredentialsHelper does, so `httpRequestWithAuthentication` sends real, signed requests.
 * OAuth and expirable-token (preAuthentication) credentials are not supported.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: PackageCredentialTypes,
		private readonly credentials: TestCredentials,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		if (!this.credentialTypes.getByName(credentialType).restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate?.type !== 'generic') return options;
		if (!workflow || !node) throw new Error(`Credential type "${typeName}" needs the workflow and node to authenticate`);
		const resolve = (value: string | number | boolean) =>
			isExpression(value)
				? String(
						workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }) ??
							'',
					)
				: value;
		const target = options as unknown as Record<string, Record<string, unknown>>;
		for (const [location, entries] of Object.entries(authenticate.properties)) {
			target[location] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, string | number | boolean>)) {
				target[location][String(resolve(key))] = resolve(value);
			}
		}
		return options;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (data === undefined) {
			throw new Error(
				`No credentials of type "${type}" (node credential "${nodeCredentials.name}") were given to the workflow harness: pass them as the \`credentials\` option`,
			);
		}
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(properties, data as INodeParameters, true, false, null, null);
		return (withDefaults ?? {}) as ICredentialDataDecryptedObject;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const ownAndParentTypes = [...this.getParentTypes(type).reverse(), type];
		return ownAndParentTypes.flatMap((name) => this.credentialTypes.getByName(name).properties);
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('The workflow harness serves decrypted test credentials only (no OAuth, no stored credentials)');
	}

	async updateCredentials(): Promise<void> {
		throw new Error('The workflow harness cannot update credentials (no OAuth token refresh)');
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new Error('The workflow harness cannot update credentials (no OAuth token refresh)');
	}
}
