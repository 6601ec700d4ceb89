import type { EntityProfile, Hop } from './types';

/** An entity named in a message, with the words that named it (normalized). */
export interface Mention {
	entity: string;
	surface: string;
}

/**
 * Follows what a conversation is about, message by message: each entity named moves to the top of a
 * stack, except one named inside the current focus's own description ("排云殿 … 位于万寿山南麓, 是颐和园…"
 * describes 排云殿; it does not change the subject to 颐和园). Returns the stack, newest last.
 */
export function trackFocus(
	start: string[],
	messages: Mention[][],
	profiles: ReadonlyMap<string, EntityProfile>,
): string[] {
	const stack = [...start];
	for (const mentions of messages) {
		for (const { entity, surface } of mentions) {
			const focus = stack[stack.length - 1];
			if (focus !== undefined && focus !== entity && profiles.get(focus)?.literalText.includes(surface)) continue;
			const at = stack.indexOf(entity);
			if (at >= 0) stack.splice(at, 1);
			stack.push(entity);
		}
	}
	return stack;
}

/**
 * The entity a question without names refers to: the most recent one on the stack that has the first
 * relation of one of the intent's paths (a question about opening hours means the last place that has
 * opening hours); the most recent one at all when none has.
 */
export function pickReferent(
	stack: string[],
	firstHops: Hop[],
	profiles: ReadonlyMap<string, EntityProfile>,
): string | undefined {
	for (let i = stack.length - 1; i >= 0; i--) {
		const profile = profiles.get(stack[i]);
		if (profile && firstHops.some((hop) => (hop.direction === 'out' ? profile.outRelations : profile.inRelations).has(hop.relation))) {
			return stack[i];
		}
	}
	return stack[stack.length - 1];
}
