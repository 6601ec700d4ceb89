import { formatList, joinSentences, tidyPunctuation } from './listFormat';

describe('formatList', () => {
	test('joins names as Chinese and English readers write them', () => {
		expect(formatList(['银行转账', '支付宝', '微信支付'], 'zh', 'or')).toBe('银行转账、支付宝或微信支付');
		expect(formatList(['银行转账', '支付宝', '微信支付'], 'zh')).toBe('银行转账、支付宝和微信支付');
		expect(formatList(['bank transfer', 'Alipay', 'WeChat Pay'], 'en', 'or')).toBe('bank transfer, Alipay or WeChat Pay');
		expect(formatList(['tea', 'coffee'], 'en')).toBe('tea and coffee');
		expect(formatList(['支付宝'], 'zh')).toBe('支付宝');
		expect(formatList([], 'en')).toBe('');
	});

	test('writes clauses one sentence after another', () => {
		expect(formatList(['发货前可在订单页直接取消，款项原路退回', '已发货订单请拒收。'], 'zh')).toBe(
			'发货前可在订单页直接取消，款项原路退回。已发货订单请拒收。',
		);
		expect(formatList(['free over ¥99, otherwise ¥8', 'next day for orders paid before 16:00'], 'en')).toBe(
			'Free over ¥99, otherwise ¥8. Next day for orders paid before 16:00.',
		);
	});

	test('keeps codes with commas as one value', () => {
		expect(formatList(['010-67012402,010-67013036'], 'en')).toBe('010-67012402,010-67013036');
	});
});

describe('joinSentences and tidyPunctuation', () => {
	test('close every value as a sentence once', () => {
		expect(joinSentences(['a', 'b!'], 'en')).toBe('A. B!');
		expect(joinSentences(['甲', '乙？'], 'zh')).toBe('甲。乙？');
	});

	test('remove the doubled sentence ends templates leave, keep ellipses and decimals', () => {
		expect(tidyPunctuation('故宫的门票：免费。。')).toBe('故宫的门票：免费。');
		expect(tidyPunctuation('It is 010-1234.. Thanks!.')).toBe('It is 010-1234. Thanks!');
		expect(tidyPunctuation('Wait... it costs 4.5  yuan .')).toBe('Wait... it costs 4.5 yuan.');
	});
});
