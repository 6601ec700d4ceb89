/**
 * The tests' side of the mail system test/mail/start.sh runs: submit a message over SMTP as a
 * customer's mail program would, read a mailbox over IMAP, see who is logged in to Dovecot and whether
 * Postfix's queue is empty.
 * Small clients over node:net, enough for plain loopback SMTP and IMAP (no TLS, UTF-8 text mail).
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

import { testServerVariable } from '../support/testServerVariable';

/** Where the test mail servers listen, from the exports of test/mail/start.sh. */
export interface MailTestServers {
	imapPort: number;
	smtpPort: number;
	password: string;
	folder: string;
}

/**
 * The test mail servers, or undefined (tests skipped, with a note) when MAIL_TEST_SMTP_PORT is unset
 * on a developer's machine. Under CI (`CI` set) missing servers are an error, never a silent skip.
 */
export function mailTestServers(): MailTestServers | undefined {
	const smtpPort = testServerVariable(
		'MAIL_TEST_SMTP_PORT',
		'mail',
		'start them (as root) with: eval "$(bash test/mail/start.sh)" (stop: bash test/mail/stop.sh)',
	);
	if (smtpPort === undefined) return undefined;
	return {
		imapPort: Number(process.env.MAIL_TEST_IMAP_PORT),
		smtpPort: Number(smtpPort),
		password: process.env.MAIL_TEST_PASSWORD ?? '',
		folder: process.env.MAIL_TEST_DIR ?? '',
	};
}

/** Reads a server's CRLF-terminated lines (and IMAP literals) from a socket as they arrive. */
class LineReader {
	private buffer = Buffer.alloc(0);
	private closed = false;

	constructor(private readonly socket: Socket) {
		socket.on('data', (chunk: Buffer) => {
			this.buffer = Buffer.concat([this.buffer, chunk]);
			socket.emit('buffered');
		});
		socket.on('close', () => {
			this.closed = true;
			socket.emit('buffered');
		});
	}

	/** The next `count` bytes. */
	async bytes(count: number): Promise<Buffer> {
		while (this.buffer.length < count) await this.more();
		const taken = this.buffer.subarray(0, count);
		this.buffer = this.buffer.subarray(count);
		return taken;
	}

	/** The next line, without its CRLF. */
	async line(): Promise<string> {
		let end = this.buffer.indexOf('\r\n');
		while (end < 0) {
			await this.more();
			end = this.buffer.indexOf('\r\n');
		}
		const text = this.buffer.subarray(0, end).toString('utf8');
		this.buffer = this.buffer.subarray(end + 2);
		return text;
	}

	private async more(): Promise<void> {
		if (this.closed) throw new Error('the server closed the connection');
		await once(this.socket, 'buffered');
	}
}

async function open(port: number): Promise<{ socket: Socket; reader: LineReader }> {
	const socket = connect({ host: '127.0.0.1', port });
	const reader = new LineReader(socket);
	await once(socket, 'connect');
	return { socket, reader };
}

export interface OutgoingMail {
	from: string;
	to: string;
	subject: string;
	text: string;
	/** Extra header lines, e.g. `{ 'Auto-Submitted': 'auto-replied' }`. */
	headers?: Record<string, string>;
}

const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/** Submits a mail over SMTP without logging in, as mail from the Internet reaches a mail server. */
export async function sendMail(port: number, mail: OutgoingMail): Promise<void> {
	const { socket, reader } = await open(port);
	const reply = async (expected: string) => {
		let line = await reader.line();
		const lines = [line];
		while (/^\d{3}-/.test(line)) lines.push((line = await reader.line()));
		if (!line.startsWith(expected)) throw new Error(`SMTP: expected ${expected}, got: ${lines.join(' | ')}`);
	};
	const command = async (text: string, expected: string) => {
		socket.write(`${text}\r\n`);
		await reply(expected);
	};
	try {
		await reply('220');
		await command('EHLO customer.example.net', '250');
		await command(`MAIL FROM:<${mail.from}>`, '250');
		await command(`RCPT TO:<${mail.to}>`, '250');
		await command('DATA', '354');
		const header = {
			From: mail.from,
			To: mail.to,
			Subject: encodedWord(mail.subject),
			Date: new Date().toUTCString(),
			'Message-ID': `<${Date.now()}.${Math.random().toString(36).slice(2)}@example.net>`,
			'MIME-Version': '1.0',
			'Content-Type': 'text/plain; charset=utf-8',
			'Content-Transfer-Encoding': 'base64',
			...mail.headers,
		};
		const body = Buffer.from(mail.text, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
		const headerLines = Object.entries(header).map(([name, value]) => `${name}: ${value}`);
		await command(`${headerLines.join('\r\n')}\r\n\r\n${body}\r\n.`, '250');
		await command('QUIT', '221');
	} finally {
		socket.destroy();
	}
}

export interface ReceivedMail {
	/** Header names in lower case, values unfolded and decoded. */
	headers: Record<string, string>;
	subject: string;
	/** The body with its transfer encoding undone (single-part text mail). */
	text: string;
}

/** Undoes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) in a header value. */
export function decodeHeader(value: string): string {
	return value
		.replace(/(\?=)\s+(=\?)/g, '$1$2')
		.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_word, charset: string, encoding: string, data: string) => {
			const bytes =
				encoding.toUpperCase() === 'B'
					? Buffer.from(data, 'base64')
					: Buffer.from(
							data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))),
							'latin1',
						);
			return new TextDecoder(charset).decode(bytes);
		});
}

function parseHeaders(block: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeHeader(line.slice(colon + 1).trim());
	}
	return headers;
}

/**
 * Logs in, examines INBOX and fetches `items` of every message without marking anything read:
 * per message, the literals it carried, in the order of `items`.
 */
async function fetchInbox(port: number, user: string, password: string, items: string): Promise<Buffer[][]> {
	const { socket, reader } = await open(port);
	let tagNumber = 0;
	const quote = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;
	/** Sends a command; returns its untagged responses, each with the literals it carried. */
	const command = async (text: string) => {
		const tag = `t${++tagNumber}`;
		socket.write(`${tag} ${text}\r\n`);
		const responses: Array<{ line: string; literals: Buffer[] }> = [];
		for (;;) {
			let line = await reader.line();
			if (line.startsWith(`${tag} `)) {
				if (!line.startsWith(`${tag} OK`)) throw new Error(`IMAP ${text.split(' ')[0]}: ${line}`);
				return responses;
			}
			const response = { line, literals: [] as Buffer[] };
			let literal = /~?\{(\d+)\}$/.exec(line);
			while (literal) {
				response.literals.push(await reader.bytes(Number(literal[1])));
				line = await reader.line();
				response.line += line;
				literal = /~?\{(\d+)\}$/.exec(line);
			}
			responses.push(response);
		}
	};
	try {
		const greeting = await reader.line();
		if (!greeting.startsWith('* OK')) throw new Error(`IMAP greeting: ${greeting}`);
		await command(`LOGIN ${quote(user)} ${quote(password)}`);
		const selected = await command('EXAMINE INBOX');
		const exists = Number(selected.map(({ line }) => /^\* (\d+) EXISTS/.exec(line)?.[1]).find(Boolean) ?? 0);
		if (exists === 0) return [];
		const fetched = await command(`FETCH 1:* (${items})`);
		await command('LOGOUT').catch(() => undefined);
		return fetched.map(({ literals }) => literals);
	} finally {
		socket.destroy();
	}
}

/** Every message in a mailbox's INBOX, read over IMAP without marking anything read. */
export async function readInbox(port: number, user: string, password: string): Promise<ReceivedMail[]> {
	// BINARY (RFC 3516) makes the server undo the body's transfer encoding; HEADER comes first.
	const messages = await fetchInbox(port, user, password, 'BODY.PEEK[HEADER] BINARY.PEEK[1]');
	return messages
		.filter((literals) => literals.length === 2)
		.map(([header, body]) => {
			const headers = parseHeaders(header.toString('utf8'));
			return { headers, subject: headers.subject ?? '', text: body.toString('utf8') };
		});
}

export interface MailPart {
	/** Header names in lower case, values unfolded and decoded. */
	headers: Record<string, string>;
	/** The part's content with its transfer encoding (base64, quoted-printable) undone. */
	content: Buffer;
}

export interface ReceivedMessage {
	headers: Record<string, string>;
	subject: string;
	/** The leaf parts (text, attachments) of a multipart message, or the body of a single-part one. */
	parts: MailPart[];
}

function decodeTransfer(body: string, encoding = ''): Buffer {
	switch (encoding.toLowerCase()) {
		case 'base64':
			return Buffer.from(body, 'base64');
		case 'quoted-printable':
			return Buffer.from(
				body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))),
				'latin1',
			);
		default:
			return Buffer.from(body, 'latin1');
	}
}

/** A MIME entity's leaf parts, multiparts opened recursively. */
function mimeParts(entity: string): MailPart[] {
	const split = entity.indexOf('\r\n\r\n');
	const headers = parseHeaders(split < 0 ? entity : entity.slice(0, split));
	const body = split < 0 ? '' : entity.slice(split + 4);
	const boundary = /^multipart\/.*?;\s*boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
	if (boundary === undefined) return [{ headers, content: decodeTransfer(body, headers['content-transfer-encoding']) }];
	// Between the first "--boundary" line and the closing "--boundary--": one part per delimiter.
	const delimited = body.split(`--${boundary}--`)[0].split(`--${boundary}\r\n`).slice(1);
	return delimited.flatMap((part) => mimeParts(part.replace(/\r\n$/, '')));
}

/** Every message in a mailbox's INBOX, whole, with its MIME parts decoded (attachments included). */
export async function readInboxMessages(port: number, user: string, password: string): Promise<ReceivedMessage[]> {
	const messages = await fetchInbox(port, user, password, 'BODY.PEEK[]');
	return messages
		.filter((literals) => literals.length === 1)
		.map(([raw]) => {
			// latin1 keeps every byte as one character, so decoded parts get their bytes back.
			const entity = raw.toString('latin1');
			const headers = parseHeaders(entity.slice(0, entity.indexOf('\r\n\r\n')));
			return { headers, subject: headers.subject ?? '', parts: mimeParts(entity) };
		});
}

/** Whether someone (n8n's Email Trigger, say) holds an IMAP session on the mailbox: `doveadm who`. */
export function hasImapSession(servers: MailTestServers, user: string): boolean {
	const sessions = execFileSync('doveadm', ['-c', join(servers.folder, 'dovecot/dovecot.conf'), 'who', '-1', user], { encoding: 'utf8' });
	return sessions.split('\n').some((line) => line.startsWith(`${user} `));
}

/** Whether Postfix has delivered (or bounced) everything it accepted: `postqueue -j` lists nothing. */
export function postfixQueueIsEmpty(servers: MailTestServers): boolean {
	const queue = execFileSync('postqueue', ['-c', join(servers.folder, 'postfix/etc'), '-j'], { encoding: 'utf8' });
	return queue.trim() === '';
}
