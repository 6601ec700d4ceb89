/** An e-mail body split into what its sender newly wrote and what came along with it. */
export interface EmailReply {
	/** The sender's new text; '' when the mail holds nothing else than quoted or forwarded text. */
	reply: string;
	/** The quoted history (earlier mails, forwarded mail) as it stands in the body, '>' marks and headers included; '' when none. */
	quoted: string;
	/** What was cut off the end of the new text: the signature below a "-- " line, mobile footers ("Sent from my iPhone"); '' when none. */
	signature: string;
}

/**
 * Longest line read as a quote header ("On … wrote:", "From: …"): a longer one is the sender's own
 * text. It also bounds the work the header patterns do on a line, however long the body's lines are.
 */
const MAX_HEADER_LINE = 400;

const LINE_BREAK = /\r\n|\r|\n/;
// Not an emoticon the sender starts a line with (">_<", ">.<", ">_>").
const QUOTED_LINE = /^[ \t]*>(?![_.﹏^~-]{1,3}[<>])/;
const BLANK = /^\s*$/;
// "On <date> <name> wrote:" (Gmail, Apple Mail, Thunderbird) and "在 <date>，<name> 写道：" / "<name> 于<date>写道："
// (Chinese clients), with the time of day every client writes and, as they write it, the quoted sender's address
// (or, in Chinese, "在 <year>" first and someone else's name). "On 12/03 I wrote:", "On 30 Nov at 10:00, your
// driver wrote:", "我在2026年11月3日写道：" and "客服11月30日10:00写道：" are the sender's own sentences. Without an
// address ">" lines must follow (Thunderbird, mutt), see attributionAt.
const ENDS_AS_ATTRIBUTION = /(?:\bwrote|写道|寫道)\s*[:：]$/i;
const ATTRIBUTION =
	/^On\s(?=.*\d[:：]\d{2})(?=.*@).*\swrote:$|^(?=.*\d[:：]\d{2})(?=.*@|在\s*\d{4})(?!.*[我你您]).*(?:写道|寫道)\s*[:：]$/i;
// The first line of an attribution wrapped over two ("On … <name>" / "wrote:"), not a sentence of the sender's.
const ATTRIBUTION_OPENING = /^(?:On\s|在)|@|\d{4}/i;
const SENTENCE_END = /[.!?。！？]$/;
// Outlook, QQ Mail / Foxmail, Gmail's and 163's forwards: "-----Original Message-----", "------------------ 原始邮件 ------------------".
const SEPARATOR =
	/^-{2,}\s*(?:Original Message|Original|Forwarded message|原始邮件|原始郵件|转发的邮件|轉寄的郵件|转发邮件信息|回复的原邮件)\s*-{2,}$|^Begin forwarded message:$/i;
// The rule Outlook draws above its header block.
const RULE = /^(?:_{10,}|-{10,})$/;
const HEADER_FIELD = /^\*?(From|Sent|Date|Subject|发件人|发送时间|日期|时间|主题|寄件者|寄件日期|主旨)\*?\s*[:：]/i;
const FIELD_KIND: Record<string, 'from' | 'date' | 'subject'> = {
	from: 'from', 发件人: 'from', 寄件者: 'from',
	sent: 'date', date: 'date', 发送时间: 'date', 日期: 'date', 时间: 'date', 寄件日期: 'date',
	subject: 'subject', 主题: 'subject', 主旨: 'subject',
};
// Clients write when the quoted mail was sent, with its time of day; "Date: 2026-11-30" is the sender's own form.
const TIME_OF_DAY = /\d[:：]\d{2}/;
/** Lines an Outlook header block may span below "From:" (a long "To:" wraps). */
const HEADER_BLOCK_LINES = 8;
const SIGNATURE_DELIMITER = /^--[ \t]*$/;
// A signature is a few lines and asks nothing: a "--" above more, or above a question, separates the sender's own
// parts or a pasted log ("Question 1 … -- Question 2: how do I …?").
const MAX_SIGNATURE_LINES = 10;
const QUESTION_END = /[?？]$/;
// Mobile and webmail footers, told from the sender's own words ("Sent from Shanghai", "发自内心感谢") by naming a device or mail program.
const FOOTER_START = /^(?:Sent (?:from|with|via)\s|Get Outlook for\s|发自|發自|来自|來自|从我的|從我的)/i;
const FOOTER_DEVICE =
	/iPhone|iPad|Android|Outlook|Galaxy|Samsung|Huawei|Xiaomi|BlackBerry|Yahoo Mail|Mail for Windows|Proton ?Mail|\bmy (?:phone|mobile|smartphone|tablet)\b|手机|手機|平板|邮箱|郵箱|客户端|客戶端/i;
// A footer is a few words without a comma; "Sent from my iPhone to your shop three times, no answer" is the sender's.
const MAX_FOOTER_WORDS = 6;
const COMMA = /[,，;；]/;
// Nor a question or a second sentence: "Sent from my iPad? Cannot pay", "Sent from my iPhone. It is broken".
const OWN_SENTENCE = /[?？]|[.。]\s+\S/;
// Chinese has no spaces to count words by: after the device or program only a client's closing word may follow
// ("從我的 iPhone 傳送", "发自网易邮箱大师"); "从我的手机无法登录" is the sender's.
const FOOTER_TAIL = /^\s*(?:传送|傳送|发送|發送|大师|大師)?[^\p{Script=Han}]*$/u;

const headerText = (line: string): string | undefined => {
	if (line.length > MAX_HEADER_LINE) return undefined;
	const text = line.trim();
	return text === '' ? undefined : text;
};

/** How many lines (1 or 2: Gmail wraps a long one) of an attribution start at `index`; 0 when none. */
function attributionAt(lines: string[], index: number, requireFullForm: boolean): number {
	const first = headerText(lines[index]);
	if (first === undefined || QUOTED_LINE.test(first)) return 0;
	if (ENDS_AS_ATTRIBUTION.test(first) && (!requireFullForm || ATTRIBUTION.test(first))) return 1;
	if (!ATTRIBUTION_OPENING.test(first) || SENTENCE_END.test(first)) return 0;
	const second = index + 1 < lines.length ? headerText(lines[index + 1]) : undefined;
	if (second === undefined || !ENDS_AS_ATTRIBUTION.test(second) || QUOTED_LINE.test(second)) return 0;
	// A whole attribution of its own: the line above it is the sender's ("订单号 20261130", "On second thought, …").
	if (ATTRIBUTION.test(second)) return 0;
	const joined = `${first} ${second}`;
	return joined.length <= MAX_HEADER_LINE && ATTRIBUTION.test(joined) ? 2 : 0;
}

/** Whether an Outlook-style header block (From, then Sent/Date with a time, and Subject) starts at `index`. */
function headerBlockAt(lines: string[], index: number): boolean {
	const kindAt = (line: number) => {
		const text = headerText(lines[line]);
		const field = text === undefined ? null : HEADER_FIELD.exec(text);
		return field === null ? undefined : FIELD_KIND[field[1].toLowerCase()];
	};
	if (kindAt(index) !== 'from') return false;
	const kinds = new Set<string>();
	for (let line = index + 1; line < Math.min(lines.length, index + HEADER_BLOCK_LINES); line++) {
		// A blank line ends the block; other lines are To and Cc, or wrapped ones ("To:" with many addresses).
		if (headerText(lines[line]) === undefined) break;
		const kind = kindAt(line);
		if (kind !== undefined && (kind !== 'date' || TIME_OF_DAY.test(lines[line]))) kinds.add(kind);
	}
	return kinds.has('subject') && kinds.has('date');
}

/** What a line of the body is. */
const REPLY = 0;
const QUOTED = 1;
const SIGNATURE = 2;
// The "-- " line itself: in no part.
const DELIMITER = 3;

const nextNonBlank = (lines: string[], from: number): number => {
	let index = from;
	while (index < lines.length && BLANK.test(lines[index])) index++;
	return index;
};

/** Where the quoted history that runs to the end of the body starts (a separator, a header block, an attribution with unmarked text below it); lines.length when none. */
function quoteCut(lines: string[], kinds: Uint8Array): number {
	for (let index = 0; index < lines.length; index++) {
		if (kinds[index] === QUOTED) continue;
		const text = headerText(lines[index]);
		if (text === undefined) continue;
		if (SEPARATOR.test(text)) return index;
		if (headerBlockAt(lines, index)) {
			let above = index - 1;
			while (above >= 0 && BLANK.test(lines[above])) above--;
			return above >= 0 && kinds[above] !== QUOTED && RULE.test(lines[above].trim()) ? above : index;
		}
		const attribution = attributionAt(lines, index, true);
		if (attribution > 0 && kinds[nextNonBlank(lines, index + attribution)] !== QUOTED) return index;
	}
	return lines.length;
}

/** Whether a line is a mobile or webmail footer ("Sent from my iPhone", "发自我的iPhone"). */
function isFooter(text: string): boolean {
	if (text.length > MAX_HEADER_LINE || !FOOTER_START.test(text)) return false;
	const device = FOOTER_DEVICE.exec(text);
	return (
		device !== null &&
		FOOTER_TAIL.test(text.slice(device.index + device[0].length)) &&
		!COMMA.test(text) &&
		!OWN_SENTENCE.test(text) &&
		text.split(/\s+/).length <= MAX_FOOTER_WORDS
	);
}

/** The lines of one kind, a blank line where lines of another kind were left out between them; trimmed. */
function joinKind(lines: string[], kinds: Uint8Array, kind: number): string {
	const kept: string[] = [];
	let previous = -1;
	for (let index = 0; index < lines.length; index++) {
		if (kinds[index] !== kind) continue;
		if (previous >= 0 && previous < index - 1) kept.push('');
		kept.push(lines[index].trimEnd());
		previous = index;
	}
	return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Splits a plain-text e-mail body into what the sender newly wrote, the quoted history below (or
 * between) it and the signature / mobile footer at its end. Recognizes Gmail's, Apple Mail's and
 * Thunderbird's "On … wrote:" (also wrapped over two lines) and Chinese clients' "… 写道：", Outlook's
 * "-----Original Message-----" and its "From: / Sent: / To: / Subject:" block (English and Chinese),
 * QQ Mail's, Foxmail's and 163's "原始邮件" separators, forwarded-message separators and '>'-quoted
 * lines. Between quoted blocks (an inline reply) the sender's lines are kept. Line by line, so linear
 * in the body's length; any string is accepted.
 */
export function splitEmailReply(body: string): EmailReply {
	if (typeof body !== 'string' || body === '') return { reply: '', quoted: '', signature: '' };
	const lines = body.split(LINE_BREAK);
	const kinds = new Uint8Array(lines.length);
	for (let index = 0; index < lines.length; index++) if (QUOTED_LINE.test(lines[index])) kinds[index] = QUOTED;
	// An attribution right above '>' lines belongs to them (an inline reply may follow).
	for (let index = 0; index < lines.length; index++) {
		if (kinds[index] === QUOTED) continue;
		const attribution = attributionAt(lines, index, false);
		if (attribution > 0 && kinds[nextNonBlank(lines, index + attribution)] === QUOTED) {
			kinds.fill(QUOTED, index, index + attribution);
			index += attribution - 1;
		}
	}
	kinds.fill(QUOTED, quoteCut(lines, kinds));

	// The signature and footers: only at the end of the sender's text, where clients put them.
	let delimiter = -1;
	let signatureLines = 0;
	for (let index = lines.length - 1; index >= 0 && signatureLines <= MAX_SIGNATURE_LINES; index--) {
		if (kinds[index] !== REPLY) continue;
		const text = lines[index].trim();
		if (SIGNATURE_DELIMITER.test(lines[index])) delimiter = index;
		else if (QUESTION_END.test(text)) break;
		else if (text !== '') signatureLines++;
	}
	const end = delimiter < 0 ? lines.length : delimiter;
	if (delimiter >= 0) {
		kinds[delimiter] = DELIMITER;
		for (let below = delimiter + 1; below < lines.length; below++) if (kinds[below] === REPLY) kinds[below] = SIGNATURE;
	}
	for (let index = end - 1; index >= 0; index--) {
		if (kinds[index] !== REPLY) continue;
		const text = lines[index].trim();
		if (text === '') continue;
		if (!isFooter(text)) break;
		kinds[index] = SIGNATURE;
	}
	return { reply: joinKind(lines, kinds, REPLY), quoted: joinKind(lines, kinds, QUOTED), signature: joinKind(lines, kinds, SIGNATURE) };
}
