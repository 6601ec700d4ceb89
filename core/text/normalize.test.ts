import { normalizeText } from './normalize';

describe('normalizeText', () => {
	it('folds full-width forms, case, diacritics and whitespace', () => {
		expect(normalizeText('Ｈｅｌｌｏ　ＷＯＲＬＤ！ Café\t\n  ok')).toBe('hello world! cafe ok');
	});

	it('converts traditional Chinese to simplified', () => {
		expect(normalizeText('這間酒店環境和服務態度不錯，訂單還沒到')).toBe('这间酒店环境和服务态度不错,订单还没到');
	});

	it('masks URLs, e-mail addresses, ids and numbers', () => {
		expect(normalizeText('See https://shop.example.com/a?b=1 or mail bob.smith@mail.com')).toBe('see <url> or mail <email>');
		expect(normalizeText('Order #A12345 and JD20240501001, call 13812345678')).toBe('order <id> and <id> , call <id>');
		expect(normalizeText('ORD-2024-0501 cost $1,299.99 for 3 items')).toBe('<id> cost $ <num> for <num> items');
		expect(normalizeText('15.4寸屏幕')).toBe('<num> 寸屏幕');
	});

	it('keeps product names that merely contain digits', () => {
		expect(normalizeText('iPhone15 on 5G')).toBe('iphone15 on 5g');
	});

	it('can leave any step out', () => {
		const off = { lowercase: false, traditionalToSimplified: false, maskUrls: false, maskEmails: false, maskIds: false, maskNumbers: false };
		expect(normalizeText('Order 123456 訂單', off)).toBe('Order 123456 訂單');
	});
});
