import { ChineseSegmenter, parseUserDictionary, tokenize, UserDictionaryError } from './tokenize';

const terms = (text: string, segmenter?: ChineseSegmenter) => tokenize(text, { segmenter }).map((token) => token.term);

describe('tokenize', () => {
	it('segments Chinese with jieba', () => {
		expect(terms('我想查询一下我的订单')).toEqual(['我', '想', '查询', '一下', '我', '的', '订单']);
	});

	it('tokenizes and stems English with natural', () => {
		const tokens = tokenize("I can't find my refunds for 2 orders!");
		expect(tokens.map((token) => token.term)).toEqual(['i', "can't", 'find', 'my', 'refund', 'for', '<num>', 'order']);
		expect(tokens.find((token) => token.term === 'refund')).toEqual({ text: 'refunds', term: 'refund', kind: 'latin' });
	});

	it('tokenizes both parts of a mixed message in order', () => {
		expect(tokenize('我的order还没到').map((token) => [token.term, token.kind])).toEqual([
			['我', 'han'],
			['的', 'han'],
			['order', 'latin'],
			['还', 'han'],
			['没到', 'han'],
		]);
	});

	it('marks the tokens that clause punctuation separates from the one before', () => {
		const starts = (text: string) => tokenize(text).filter((token) => token.clauseStart).map((token) => token.text);
		expect(starts("Not good, the app doesn't work! Refund me")).toEqual(['the', 'refund']);
		expect(starts('质量不好，退款吧。谢谢')).toEqual(['退款', '谢谢']);
		expect(starts('no—really: it’s fine')).toEqual(['it']);
		expect(starts('my card-holder isn\'t here')).toEqual([]);
	});

	it('keeps placeholders and emoji as tokens', () => {
		expect(tokenize('订单JD20240501001还没发货😡').map((token) => [token.term, token.kind])).toEqual([
			['订单', 'han'],
			['<id>', 'placeholder'],
			['还', 'han'],
			['没', 'han'],
			['发货', 'han'],
			['😡', 'symbol'],
		]);
	});

	it('keeps user-dictionary words whole, in that segmenter only', () => {
		const plain = new ChineseSegmenter();
		const withWords = new ChineseSegmenter();
		withWords.addUserWords(['蓝月亮洗衣液旗舰']);
		expect(terms('蓝月亮洗衣液旗舰怎么退', plain)).not.toContain('蓝月亮洗衣液旗舰');
		expect(terms('蓝月亮洗衣液旗舰怎么退', withWords)).toContain('蓝月亮洗衣液旗舰');
		const fromLines = new ChineseSegmenter('# shop names\n蓝月亮洗衣液旗舰 500 nz\n');
		expect(terms('蓝月亮洗衣液旗舰怎么退', fromLines)).toContain('蓝月亮洗衣液旗舰');
	});

	it('normalizes dictionary words like messages and rejects bad lines by number', () => {
		expect(parseUserDictionary('臺北車站 10 ns\nIPHONE手機')).toBe('台北车站 10 ns\niphone手机 1000');
		expect(() => parseUserDictionary('好词 10 n\n坏词 often')).toThrow(
			new UserDictionaryError('user dictionary line 2 ("坏词 often"): frequency must be a whole number'),
		);
		expect(() => parseUserDictionary('a 1 n extra')).toThrow(/line 1 .*expected "word freq \[tag\]"/);
	});
});
