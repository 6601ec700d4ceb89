/**
 * 32-bit FNV-1a over the UTF-8 bytes of strings, finished with MurmurHash3's fmix32 so that the low
 * bits (the bucket) depend on every byte. Incremental, so that n-grams hash without building strings.
 * Lone surrogates encode as three bytes (like WTF-8), so every JavaScript string hashes stably.
 */
export const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function hashByte(hash: number, byte: number): number {
	return Math.imul(hash ^ byte, FNV_PRIME);
}

/** Feeds `text.slice(start, end)` (UTF-16 indexes) as UTF-8 bytes. */
export function hashString(hash: number, text: string, start = 0, end = text.length): number {
	let h = hash;
	for (let i = start; i < end; i++) {
		let code = text.charCodeAt(i);
		if (code < 0x80) {
			h = Math.imul(h ^ code, FNV_PRIME);
			continue;
		}
		if (code >= 0xd800 && code < 0xdc00 && i + 1 < end) {
			const low = text.charCodeAt(i + 1);
			if (low >= 0xdc00 && low < 0xe000) {
				code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
				i++;
			}
		}
		if (code < 0x800) {
			h = Math.imul(h ^ (0xc0 | (code >> 6)), FNV_PRIME);
		} else if (code < 0x10000) {
			h = Math.imul(h ^ (0xe0 | (code >> 12)), FNV_PRIME);
			h = Math.imul(h ^ (0x80 | ((code >> 6) & 0x3f)), FNV_PRIME);
		} else {
			h = Math.imul(h ^ (0xf0 | (code >> 18)), FNV_PRIME);
			h = Math.imul(h ^ (0x80 | ((code >> 12) & 0x3f)), FNV_PRIME);
			h = Math.imul(h ^ (0x80 | ((code >> 6) & 0x3f)), FNV_PRIME);
		}
		h = Math.imul(h ^ (0x80 | (code & 0x3f)), FNV_PRIME);
	}
	return h;
}

/** MurmurHash3's 32-bit finalizer; returns an unsigned 32-bit integer. */
export function finishHash(hash: number): number {
	let h = hash;
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** The finished hash of a whole string. */
export function hashText(text: string): number {
	return finishHash(hashString(FNV_OFFSET_BASIS, text));
}
