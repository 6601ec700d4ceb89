import { isHeldOut, resolveDataset, textKey, type BaseExample } from './dataset';

describe('textKey', () => {
	it('treats width, case, spacing and traditional characters as the same text', () => {
		expect(textKey('  Ｗhere IS   my Parcel ')).toBe(textKey('where is my parcel'));
		expect(textKey('如何更換支付方式？')).toBe(textKey('如何更换支付方式?'));
	});

	it('keeps numbers and order ids apart', () => {
		expect(textKey('refund order 123')).not.toBe(textKey('refund order 456'));
	});
});

describe('isHeldOut', () => {
	it('is the same for the same key every time and holds out about the asked share', () => {
		const keys = Array.from({ length: 4000 }, (_, i) => `message ${i}`);
		const first = keys.map((key) => isHeldOut(key, 0.1));
		expect(keys.map((key) => isHeldOut(key, 0.1))).toEqual(first);
		const share = first.filter(Boolean).length / keys.length;
		expect(share).toBeGreaterThan(0.085);
		expect(share).toBeLessThan(0.115);
		expect(keys.some((key) => isHeldOut(key, 0))).toBe(false);
	});
});

describe('resolveDataset', () => {
	const base = (text: string, label: string, heldOut = false): BaseExample => ({ text, label, key: textKey(text), heldOut });
	const correction = (text: string, label: string) => ({ text, label, key: textKey(text) });

	it('lets the latest correction of a text win over earlier ones and over the base example', () => {
		const resolved = resolveDataset(
			[base('where is my parcel', 'delivery'), base('hello', 'greeting'), base('refund please', 'refund', true)],
			[correction('Where is my parcel', 'refund'), correction('hi', 'greeting'), correction('WHERE IS MY PARCEL', 'track_order')],
		);
		expect(resolved.baseTraining).toEqual([{ text: 'hello', label: 'greeting' }]);
		expect(resolved.corrections).toEqual([
			{ text: 'hi', label: 'greeting' },
			{ text: 'WHERE IS MY PARCEL', label: 'track_order' },
		]);
		expect(resolved.heldOut).toEqual([{ text: 'refund please', label: 'refund' }]);
	});

	it('takes a corrected held-out text out of the held-out split (it is trained on)', () => {
		const resolved = resolveDataset([base('refund please', 'refund', true)], [correction('refund please', 'cancel_order')]);
		expect(resolved.heldOut).toEqual([]);
		expect(resolved.corrections).toEqual([{ text: 'refund please', label: 'cancel_order' }]);
	});
});
