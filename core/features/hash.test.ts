import { FNV_OFFSET_BASIS, finishHash, hashString, hashText } from './hash';

/** Byte-wise FNV-1a over TextEncoder's UTF-8, as the reference for the incremental encoder. */
function referenceFnv1a(text: string): number {
	let hash = FNV_OFFSET_BASIS;
	for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
	return hash;
}

describe('hash', () => {
	it('gives fixed values (a change here changes every trained model’s features)', () => {
		expect(['', 'a', 'order', '订单', '😡', 'naïve'].map(hashText)).toEqual([
			2872998923, 444641715, 1640259148, 3288088400, 2976536734, 3450408762,
		]);
	});

	it('hashes UTF-8 bytes: ASCII, 2-, 3- and 4-byte characters', () => {
		for (const text of ['order', 'naïve', '订单还没到', '😡👍', 'mixed 中文 and émoji 🎉']) {
			expect(hashString(FNV_OFFSET_BASIS, text)).toBe(referenceFnv1a(text));
		}
	});

	it('hashes a slice like the sliced string, and is incremental', () => {
		expect(hashString(FNV_OFFSET_BASIS, 'xx订单yy', 2, 4)).toBe(referenceFnv1a('订单'));
		expect(finishHash(hashString(hashString(FNV_OFFSET_BASIS, 'ab'), 'cd'))).toBe(hashText('abcd'));
	});
});
