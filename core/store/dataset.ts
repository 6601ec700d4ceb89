import { createHash } from 'node:crypto';

import type { LabelledExample } from '../data/labelled';
import { normalizeText } from '../text/normalize';

/**
 * What makes two messages "the same text" for corrections: the engine's normalization (width, case,
 * diacritics, traditional → simplified, whitespace) without masking, so "order 123" and "order 456"
 * stay different messages.
 */
export function textKey(text: string): string {
	return normalizeText(text, { maskUrls: false, maskEmails: false, maskIds: false, maskNumbers: false });
}

/**
 * Whether a text belongs to the held-out split: decided by a hash of its key, so the same text is on
 * the same side in every version and its duplicates never straddle the split.
 */
export function isHeldOut(key: string, heldOutFraction: number): boolean {
	const bucket = createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
	return bucket < heldOutFraction;
}

export interface BaseExample extends LabelledExample {
	key: string;
	heldOut: boolean;
}

export interface Correction extends LabelledExample {
	key: string;
}

export interface ResolvedDataset {
	/** Base examples outside the held-out split whose text has no correction. */
	baseTraining: LabelledExample[];
	/** One example per corrected text, with its latest label, in order of that latest correction. */
	corrections: LabelledExample[];
	/** Base examples of the held-out split whose text has no correction. */
	heldOut: LabelledExample[];
}

/**
 * Base training set + feedback, oldest correction first: the last correction of a text wins and
 * replaces any base example of the same text. Corrected texts always train (they are what the
 * feedback is for); the held-out split only ever holds base examples, so candidate and current
 * version are compared on data neither was corrected on.
 */
export function resolveDataset(base: readonly BaseExample[], corrections: readonly Correction[]): ResolvedDataset {
	const latest = new Map<string, LabelledExample>();
	for (const { key, text, label } of corrections) {
		latest.delete(key); // re-inserted: the order follows each text's latest correction
		latest.set(key, { text, label });
	}
	const baseTraining: LabelledExample[] = [];
	const heldOut: LabelledExample[] = [];
	for (const { key, text, label, heldOut: isHeld } of base) {
		if (latest.has(key)) continue;
		(isHeld ? heldOut : baseTraining).push({ text, label });
	}
	return { baseTraining, corrections: [...latest.values()], heldOut };
}
