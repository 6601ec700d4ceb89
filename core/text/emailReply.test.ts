import { splitEmailReply } from './emailReply';

const lines = (...text: string[]) => text.join('\n');

describe('splitEmailReply: quoted history', () => {
	it('cuts Gmail\'s "On <date> <name> wrote:" and the ">" lines below it', () => {
		const body = lines(
			'Still not here, I want a refund.',
			'',
			'On Mon, Nov 30, 2026 at 10:00 AM Support Team <support@example.com> wrote:',
			'',
			'> Your order #A12345 shipped on 28 November and arrives in 2-3 days.',
			'>',
			'> On Sun, Nov 29, 2026 at 9:00 PM Li Wei <li@example.net> wrote:',
			'>> Where is my order?',
		);
		expect(splitEmailReply(body)).toEqual({
			reply: 'Still not here, I want a refund.',
			quoted: body.slice(body.indexOf('On Mon')),
			signature: '',
		});
	});

	it('cuts Gmail\'s attribution wrapped over two lines', () => {
		const body = lines(
			'Still not here, I want a refund.',
			'',
			'On Mon, Nov 30, 2026 at 10:00 AM Customer Support Team <support@example.com>',
			'wrote:',
			'',
			'> Your order #A12345 shipped on 28 November.',
		);
		const { reply, quoted } = splitEmailReply(body);
		expect(reply).toBe('Still not here, I want a refund.');
		expect(quoted.split('\n').slice(0, 2)).toEqual(['On Mon, Nov 30, 2026 at 10:00 AM Customer Support Team <support@example.com>', 'wrote:']);
	});

	it('cuts Apple Mail\'s quoted attribution and "Sent from my iPhone"', () => {
		const body = lines(
			'Still not here!!',
			'',
			'Sent from my iPhone',
			'',
			'> On 30 Nov 2026, at 10:00, Support <support@example.com> wrote:',
			'> ',
			'> Your order shipped.',
		);
		expect(splitEmailReply(body)).toEqual({
			reply: 'Still not here!!',
			quoted: lines('> On 30 Nov 2026, at 10:00, Support <support@example.com> wrote:', '>', '> Your order shipped.'),
			signature: 'Sent from my iPhone',
		});
	});

	it('cuts an attribution followed by unmarked text (no ">"), as HTML mail converted to text has it', () => {
		const body = lines('Thanks!', 'On 30 Nov 2026, at 10:00, Support <support@example.com> wrote:', 'You can pay with PayPal.');
		expect(splitEmailReply(body)).toMatchObject({ reply: 'Thanks!', quoted: body.slice(body.indexOf('On 30')) });
	});

	it('cuts Outlook\'s "-----Original Message-----"', () => {
		const body = lines(
			'That is not what I ordered. Please call me.',
			'',
			'-----Original Message-----',
			'From: Support <support@example.com>',
			'Sent: Monday, November 30, 2026 10:00 AM',
			'To: li@example.net',
			'Subject: RE: Order A12345',
			'',
			'Your order shipped.',
		);
		expect(splitEmailReply(body)).toMatchObject({ reply: 'That is not what I ordered. Please call me.', quoted: body.slice(body.indexOf('-----Original')) });
	});

	it('cuts Outlook\'s header block with the rule above it, and "Get Outlook for iOS"', () => {
		const body = lines(
			'Thanks, that worked.',
			'',
			'Get Outlook for iOS<https://aka.ms/o0ukef>',
			'________________________________',
			'From: Support <support@example.com>',
			'Sent: Monday, November 30, 2026 10:00 AM',
			'To: Li Wei <li@example.net>',
			'Subject: RE: Payment',
			'',
			'You can pay with Alipay or PayPal.',
		);
		expect(splitEmailReply(body)).toEqual({
			reply: 'Thanks, that worked.',
			quoted: body.slice(body.indexOf('____')),
			signature: 'Get Outlook for iOS<https://aka.ms/o0ukef>',
		});
	});

	it('cuts a Chinese Outlook header block (发件人 / 发送时间 / 收件人 / 主题), full-width colons too', () => {
		const body = lines(
			'还是没收到，我要退款。',
			'',
			'发件人: 客服 <support@example.com>',
			'发送时间: 2026年11月30日 10:00',
			'收件人: 李伟 <li@example.net>',
			'主题: 答复: 订单查询',
			'',
			'您的订单已发货。',
		);
		expect(splitEmailReply(body)).toMatchObject({ reply: '还是没收到，我要退款。', quoted: body.slice(body.indexOf('发件人')) });
		const fullWidth = body.replace(/: /g, '：');
		expect(splitEmailReply(fullWidth).reply).toBe('还是没收到，我要退款。');
	});

	it('cuts a header block whose fields are bold (*From:*) or in Apple\'s order (From, Subject, Date, To)', () => {
		const bold = lines('OK.', '*From:* Support <support@example.com>', '*Sent:* Monday, November 30, 2026 10:00 AM', '*Subject:* RE: Payment', 'PayPal.');
		expect(splitEmailReply(bold).reply).toBe('OK.');
		const apple = lines('OK.', 'From: Support <support@example.com>', 'Subject: Payment', 'Date: 30 November 2026 at 10:00:00 GMT+8', 'To: li@example.net', 'PayPal.');
		expect(splitEmailReply(apple).reply).toBe('OK.');
	});

	it('cuts QQ Mail\'s / Foxmail\'s "原始邮件" separator and "发自我的iPhone"', () => {
		const body = lines(
			'收到，谢谢！另外请问如何更换支付方式？',
			'',
			'发自我的iPhone',
			'',
			'',
			'------------------\u00a0原始邮件\u00a0------------------',
			'发件人: "客服" <support@example.com>;',
			'发送时间: 2026年11月30日(星期一) 上午10:00',
			'收件人: "李伟" <li@example.net>;',
			'主题: 回复：退款',
			'',
			'您好，退款已经处理，3-5个工作日到账。',
		);
		expect(splitEmailReply(body)).toEqual({
			reply: '收到，谢谢！另外请问如何更换支付方式？',
			quoted: body.slice(body.indexOf('------------------')),
			signature: '发自我的iPhone',
		});
		expect(splitEmailReply(lines('好的', '------------------ Original ------------------', 'From: x')).reply).toBe('好的');
		expect(splitEmailReply(lines('好的', '-----原始邮件-----', '发件人: x')).reply).toBe('好的');
		expect(splitEmailReply(lines('好的', '---- 回复的原邮件 ----', '您好')).reply).toBe('好的');
	});

	it('cuts "在 <date>，<name> 写道：" (163) and Gmail\'s "<name> 于<date>写道："', () => {
		const netease = lines('还是没收到，我要退款', '', '在 2026-11-30 10:00:00，"客服" <support@example.com> 写道：', '您的订单已发货，预计2-3天送达。');
		expect(splitEmailReply(netease)).toMatchObject({ reply: '还是没收到，我要退款', quoted: netease.slice(netease.indexOf('在 2026')) });
		const task = lines('好的', '在 2026年11月30日 10:00，张三 <a@b.com> 写道：', '> 请提供订单号');
		expect(splitEmailReply(task)).toMatchObject({ reply: '好的', quoted: lines('在 2026年11月30日 10:00，张三 <a@b.com> 写道：', '> 请提供订单号') });
		const gmail = lines('订单号是 A12345', '', '客服 <support@example.com> 于2026年11月30日周一 10:00写道：', '', '> 请提供订单号');
		expect(splitEmailReply(gmail).reply).toBe('订单号是 A12345');
		const wrapped = lines('订单号是 A12345', '', '客服 <support@example.com> 于2026年11月30日周一', '10:00写道：', '', '> 请提供订单号');
		expect(splitEmailReply(wrapped)).toMatchObject({ reply: '订单号是 A12345', quoted: wrapped.slice(wrapped.indexOf('客服')) });
		expect(splitEmailReply(lines('好的', '2026年11月30日 上午10:00，客服 <support@example.com> 寫道：', '請提供訂單號')).reply).toBe('好的');
	});

	it('keeps a reply written below ">" lines (bottom posting)', () => {
		const body = lines('> Could you send us your order number?', '', 'It is A12345.');
		expect(splitEmailReply(body)).toMatchObject({ reply: 'It is A12345.', quoted: '> Could you send us your order number?' });
	});

	it('keeps the sender\'s lines that start with an emoticon (">_<", ">.<"), not a quote', () => {
		for (const own of [lines('你好', '>_< 为什么还没发货？已经一周了'), lines('Hi', '>.< my parcel is lost again'), lines('订单还没到', '>_>')]) {
			expect(splitEmailReply(own)).toEqual({ reply: own, quoted: '', signature: '' });
		}
		expect(splitEmailReply(lines('OK', '>> nested', '>-- ', '>_ underlined')).quoted).toBe(lines('>> nested', '>--', '>_ underlined'));
	});

	it('keeps the sender\'s lines between quoted ones (an inline reply), the quoted blocks apart', () => {
		const body = lines(
			'Hi,',
			'',
			'On Mon, Nov 30, 2026 at 10:00 AM Support <support@example.com> wrote:',
			'> Could you send us your order number?',
			'',
			'It is 12345.',
			'',
			'> And the delivery address?',
			'',
			'Room 5, 88 Nanjing Road, Shanghai.',
			'',
			'-- ',
			'Li Wei',
			'+86 138 0000 0000',
		);
		expect(splitEmailReply(body)).toEqual({
			reply: lines('Hi,', '', 'It is 12345.', '', 'Room 5, 88 Nanjing Road, Shanghai.'),
			quoted: lines(
				'On Mon, Nov 30, 2026 at 10:00 AM Support <support@example.com> wrote:',
				'> Could you send us your order number?',
				'',
				'> And the delivery address?',
			),
			signature: lines('Li Wei', '+86 138 0000 0000'),
		});
	});

	it('takes a line that ends in "wrote:" right above ">" lines for their attribution, whatever its form', () => {
		expect(splitEmailReply(lines('Yes please.', 'Support <support@example.com> wrote:', '> Shall we refund you?'))).toMatchObject({
			reply: 'Yes please.',
			quoted: lines('Support <support@example.com> wrote:', '> Shall we refund you?'),
		});
	});

	it('gives an empty reply for a mail that is only a forward or a quote', () => {
		const forward = lines(
			'---------- Forwarded message ---------',
			'From: Shop <shop@example.com>',
			'Date: Mon, Nov 30, 2026 at 10:00 AM',
			'Subject: Your order',
			'To: <li@example.net>',
			'',
			'Your order shipped.',
		);
		expect(splitEmailReply(forward)).toEqual({ reply: '', quoted: forward, signature: '' });
		expect(splitEmailReply(lines('Begin forwarded message:', '', 'From: Shop <shop@example.com>', 'Your order shipped.')).reply).toBe('');
		expect(splitEmailReply(lines('', '> only quoted', '> text', '')).reply).toBe('');
		expect(splitEmailReply(lines('See below, it never came.', '', forward))).toMatchObject({ reply: 'See below, it never came.', quoted: forward });
	});

	it('reads CRLF and CR line ends', () => {
		expect(splitEmailReply('Refund please.\r\n\r\n-----Original Message-----\r\nFrom: x')).toMatchObject({
			reply: 'Refund please.',
			quoted: '-----Original Message-----\nFrom: x',
		});
		expect(splitEmailReply('Refund please.\r> quoted').reply).toBe('Refund please.');
	});
});

describe('splitEmailReply: signature and footers', () => {
	it('cuts everything below a "-- " line (also "--" without its space)', () => {
		expect(splitEmailReply(lines('Where is my order?', '-- ', 'Li Wei', 'Acme Ltd.'))).toEqual({
			reply: 'Where is my order?',
			quoted: '',
			signature: lines('Li Wei', 'Acme Ltd.'),
		});
		expect(splitEmailReply(lines('Where is my order?', '--', 'Li Wei')).signature).toBe('Li Wei');
	});

	it('keeps a "--" that separates the sender\'s own parts or a pasted log: a question or more than a signature\'s lines below it', () => {
		const parts = lines('Question 1: where is my order?', '--', 'Question 2: how do I change my address?');
		expect(splitEmailReply(parts)).toEqual({ reply: parts, quoted: '', signature: '' });
		const log = lines('The app crashes:', 'ERROR checkout failed', '--', 'Caused by: timeout at pay.js:12', 'What should I do?');
		expect(splitEmailReply(log).reply).toBe(log);
		const longLog = lines('The app crashes:', '--', ...Array.from({ length: 11 }, (_, line) => `at frame ${line}`), 'Please fix it.');
		expect(splitEmailReply(longLog).reply).toBe(longLog);
		expect(splitEmailReply(lines('Part one.', '--', 'Where is my refund?', '', '-- ', 'Li Wei', 'Acme Ltd.'))).toEqual({
			reply: lines('Part one.', '--', 'Where is my refund?'),
			quoted: '',
			signature: lines('Li Wei', 'Acme Ltd.'),
		});
	});

	it.each([
		'Sent from my iPhone',
		'Sent from my Huawei phone',
		'Sent from my Samsung Galaxy smartphone.',
		'Sent from Mail for Windows',
		'Sent from Yahoo Mail on Android',
		'Sent with Proton Mail secure email.',
		'Get Outlook for Android',
		'发自我的iPhone',
		'发自我的 iPad',
		'发自我的华为手机',
		'发自网易邮箱大师',
		'從我的 iPhone 傳送',
	])('cuts the mobile footer "%s" at the end of the reply', (footer) => {
		expect(splitEmailReply(lines('我的订单还没到', '', footer, ''))).toEqual({ reply: '我的订单还没到', quoted: '', signature: footer });
	});

	it('keeps the sender\'s own lines that only look like footers, and footers that are not at the end', () => {
		for (const own of [
			'Sent from Shanghai on Monday, still not here.',
			'发自内心地感谢你们',
			'Sent from my iPhone to your shop three times, no answer',
			'Sent from my iPad? Cannot pay',
			'Sent from my iPhone. It is broken',
			'从我的手机无法登录',
			'从我的邮箱发不了邮件',
			'来自手机的订单一直没有发货',
			'发自我的iPhone为什么收不到验证码',
		]) {
			expect(splitEmailReply(lines('Hello', own)).reply).toBe(lines('Hello', own));
		}
		expect(splitEmailReply(lines('Sent from my iPhone', 'but the order is still missing')).signature).toBe('');
	});
});

describe('splitEmailReply: the sender\'s own text is not taken for a quote', () => {
	it('keeps "On Monday I wrote:", "From: … To: …" and a long line ending in "wrote:"', () => {
		const own = lines('On Monday I wrote:', 'where is my order', 'Now it is Friday!');
		expect(splitEmailReply(own).reply).toBe(own);
		const route = lines('From: Beijing', 'To: Shanghai', 'How long does delivery take?');
		expect(splitEmailReply(route).reply).toBe(route);
		const long = `On 30 Nov 2026 ${'blah '.repeat(100)}wrote:`;
		expect(splitEmailReply(lines(long, 'more')).reply).toBe(lines(long, 'more'));
		const zh = lines('我第3次给你们写道：', '东西还没到');
		expect(splitEmailReply(zh).reply).toBe(zh);
	});

	it('keeps the sender\'s own "From: / Date: / Subject:" lines: no date with a time of day as clients write it', () => {
		for (const own of [
			lines('Hi, my details:', 'From: Li Wei', 'Date: 2026-11-30', 'Subject: refund for order 123', 'Please refund me.'),
			lines('退款申请', '发件人：李伟', '日期：11月30日', '主题：退款', '订单号A123，请退款'),
			lines('Please check this mail I got:', 'From: Acme <no-reply@acme.com>', 'To: me', 'Subject: Refund done', '', 'I never got the money. Help!'),
		]) {
			expect(splitEmailReply(own)).toEqual({ reply: own, quoted: '', signature: '' });
		}
	});

	it('keeps "On 12/03 I wrote:" and "我在2026年11月3日写道：" with the sender\'s text below them: no time of day, no address, or the sender\'s own words', () => {
		for (const own of [
			lines('Hello,', 'On 12/03 I wrote:', 'where is my order A12345?', 'It is three weeks now. Refund please.'),
			lines('On 3 May 2026 I wrote:', 'my order arrived broken', 'Please answer!'),
			lines('On 3 May 2026 at 10:00 we wrote:', 'please cancel', 'Nothing happened.'),
			lines('On Monday 30 Nov at 10:00, your driver wrote:', '"Left at the door"', 'I was home all day!'),
			lines('你好', '我在2026年11月3日写道：', '订单一直没到', '请尽快处理退款'),
			lines('关于订单20261130，你们客服写道：', '“三天内发货”，结果一周了还没发'),
			lines('你们客服11月30日10:00写道：', '“三天内发货”', '结果一周了还没发'),
			lines('客服11月30日10:00写道：', '“三天内发货”', '结果一周了还没发'),
			lines('订单2026号10:30下单，', '客服写道：', '今天发货', '到现在还没发'),
		]) {
			expect(splitEmailReply(own)).toEqual({ reply: own, quoted: '', signature: '' });
		}
	});

	it('does not join the sender\'s sentence above an attribution into it', () => {
		const body = lines('Thanks for order 12345!', 'On 30 Nov 2026, at 10:00, Support <support@example.com> wrote:', '> Shipped.');
		expect(splitEmailReply(body).reply).toBe('Thanks for order 12345!');
		const unfinished = lines('On second thought, call me at 555-1234', 'On Mon, Nov 30, 2026 at 10:00 AM Support <support@example.com> wrote:', '> Shipped.');
		expect(splitEmailReply(unfinished).reply).toBe('On second thought, call me at 555-1234');
		const orderNumber = lines('还是没收到', '订单号 20261130', '在 2026-11-30 10:00:00，"客服" <support@example.com> 写道：', '您的订单已发货');
		expect(splitEmailReply(orderNumber)).toMatchObject({ reply: lines('还是没收到', '订单号 20261130'), quoted: orderNumber.slice(orderNumber.indexOf('在 2026')) });
	});
});

describe('splitEmailReply: odd input', () => {
	it('gives empty parts for an empty or blank body, or something that is not a string', () => {
		const empty = { reply: '', quoted: '', signature: '' };
		expect(splitEmailReply('')).toEqual(empty);
		expect(splitEmailReply(' \n\t\n')).toEqual(empty);
		for (const value of [undefined, null, 42, {}, ['a']]) expect(splitEmailReply(value as unknown as string)).toEqual(empty);
	});

	it('loses nothing of binary-ish garbage but white space', () => {
		const garbage = `\u0000\u0001\ufffd\ud800>x\u0000\u2028${String.fromCharCode(...Array.from({ length: 256 }, (_, code) => code))}`;
		const { reply, quoted, signature } = splitEmailReply(garbage.repeat(3));
		expect(reply).not.toBe('');
		expect((reply + quoted + signature).replace(/\s/g, '')).toBe(garbage.repeat(3).replace(/\s/g, ''));
	});

	it.each([
		['one 1 MB line', 'On 2026 x '.repeat(104_858), (result: ReturnType<typeof splitEmailReply>) => expect(result.reply.length).toBeGreaterThan(1_000_000)],
		['a million line ends', '\n'.repeat(1 << 20), (result: ReturnType<typeof splitEmailReply>) => expect(result.reply).toBe('')],
		['a million "--" lines', '--\n'.repeat(350_000), (result: ReturnType<typeof splitEmailReply>) => expect(result.reply).toBe('')],
		['"From:" lines', 'From: a@b.com\n'.repeat(75_000), (result: ReturnType<typeof splitEmailReply>) => expect(result.quoted).toBe('')],
		[
			'attribution openings that never end',
			'On 30 Nov 2026 at 10:00 <a@b.com>\n'.repeat(30_000),
			(result: ReturnType<typeof splitEmailReply>) => expect(result.quoted).toBe(''),
		],
		[
			'a long thread',
			`Refund!\n\n${'On Mon, Nov 30, 2026 at 10:00 AM Support <support@example.com> wrote:\n> Your order shipped.\n>\n'.repeat(11_000)}`,
			(result: ReturnType<typeof splitEmailReply>) => expect(result.reply).toBe('Refund!'),
		],
	])('splits 1 MB of %s', (_, body, check) => {
		expect(body.length).toBeGreaterThan(1_000_000);
		check(splitEmailReply(body));
	});
});

describe('splitEmailReply: real-looking threads', () => {
	it('an English thread from Gmail, third mail: the new complaint alone', () => {
		const body = lines(
			'Hi,',
			'',
			'it is still not here and the tracking page has not changed for a week. I want a refund.',
			'',
			'Best,',
			'Li Wei',
			'',
			'On Tue, Dec 1, 2026 at 9:12 AM Acme Support <support@example.com> wrote:',
			'',
			'> Hello Li Wei,',
			'>',
			'> Order A12345 shipped on 28 November with SF Express; it usually arrives',
			'> within 2-3 days. You can follow it at https://example.com/track/A12345.',
			'>',
			'> On Mon, Nov 30, 2026 at 8:02 PM Li Wei <li.wei@example.net> wrote:',
			'>',
			'>> Where is my order A12345?',
			'>>',
			'>> Sent from my iPhone',
		);
		expect(splitEmailReply(body)).toMatchObject({
			reply: lines('Hi,', '', 'it is still not here and the tracking page has not changed for a week. I want a refund.', '', 'Best,', 'Li Wei'),
			signature: '',
		});
	});

	it('a Chinese thread from QQ Mail over Outlook: the new question alone', () => {
		const body = lines(
			'你好，',
			'',
			'退款收到了，谢谢。另外想问一下，怎么修改收货地址？',
			'',
			'李伟',
			'',
			'',
			'------------------ 原始邮件 ------------------',
			'发件人: "Acme 客服" <support@example.com>;',
			'发送时间: 2026年12月1日(星期二) 上午9:12',
			'收件人: "李伟" <li.wei@example.net>;',
			'主题: 答复: 退款',
			'',
			'您好，退款已于今天原路退回，预计1-3个工作日到账。',
			'',
			'________________________________',
			'发件人: 李伟 <li.wei@example.net>',
			'发送时间: 2026年11月30日 20:02',
			'收件人: support@example.com',
			'主题: 退款',
			'',
			'第三次找你们了！！！再不退款我就投诉到12315！',
		);
		expect(splitEmailReply(body)).toEqual({
			reply: lines('你好，', '', '退款收到了，谢谢。另外想问一下，怎么修改收货地址？', '', '李伟'),
			quoted: body.slice(body.indexOf('------------------')),
			signature: '',
		});
	});
});
