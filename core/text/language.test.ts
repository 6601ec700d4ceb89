import { detectLanguage, languageOfWords } from './language';

describe('detectLanguage', () => {
	it.each([
		['我想退款', 'zh'],
		['Where is my order?', 'en'],
		['我的order还没到', 'mixed'],
		['订单 <id> 什么时候到', 'zh'],
		['my order <id> from <url>', 'en'],
		['请问iPhone 15 pro max的电池保修多久', 'mixed'],
		['こんにちは、元気ですか', 'unknown'],
		['12345 !!! 😊', 'unknown'],
		['', 'unknown'],
		['𠀀𠀁𠀂 a', 'zh'],
		['crème brûlée was cold', 'en'],
		['Привет, где мой заказ', 'unknown'],
		['x 我', 'zh'],
	])('%s → %s', (text, language) => {
		expect(detectLanguage(text)).toBe(language);
	});
});

describe('languageOfWords', () => {
	it.each([
		['我的订单 https://example.com/track 还没到', 'zh'],
		['发票请发到 zhangsan.wang@example.com 谢谢', 'zh'],
		['订单JD20240501123456到哪了', 'zh'],
		['我的order还没到', 'mixed'],
		['Where is my order?', 'en'],
		['https://example.com', 'unknown'],
	])('%s → %s', (text, language) => {
		expect(languageOfWords(text)).toBe(language);
	});
});
