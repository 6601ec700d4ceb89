export interface ConversationMemoryOptions {
	/** Conversations kept at most; the least recently used one is dropped first. */
	maxConversations: number;
	/** Entities remembered per conversation (most recent kept). */
	maxEntities: number;
	/** How long a conversation is kept after its last update, unless `remember` is given another time. */
	ttlMs: number;
}

interface Entry {
	entities: string[];
	expiresAt: number;
}

/**
 * Recently mentioned entities per conversation, newest last: bounded in conversations and entities,
 * expiring after a time without updates. Every operation is synchronous, so executions running in
 * parallel in one process never see a half-updated entry, and `remember` merges into what is stored
 * at that moment instead of writing back a stale copy.
 */
export class ConversationMemory {
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly options: ConversationMemoryOptions,
		private readonly now: () => number = Date.now,
	) {}

	/** The conversation's entities, newest last; empty when unknown or expired. */
	recall(conversationId: string): string[] {
		const entry = this.entries.get(conversationId);
		if (!entry) return [];
		if (this.now() >= entry.expiresAt) {
			this.entries.delete(conversationId);
			return [];
		}
		return [...entry.entities];
	}

	/** Moves `entities` (oldest first) to the newest end of the conversation's list. */
	remember(conversationId: string, entities: string[], ttlMs = this.options.ttlMs): void {
		const added = [...new Set(entities)];
		const kept = this.recall(conversationId).filter((name) => !added.includes(name));
		// Re-inserting keeps the Map in least-recently-updated-first order for eviction.
		this.entries.delete(conversationId);
		this.entries.set(conversationId, {
			entities: [...kept, ...added].slice(-this.options.maxEntities),
			expiresAt: this.now() + ttlMs,
		});
		this.evict();
	}

	get size(): number {
		return this.entries.size;
	}

	private evict(): void {
		const now = this.now();
		for (const [id, entry] of this.entries) {
			if (this.entries.size > this.options.maxConversations || now >= entry.expiresAt) this.entries.delete(id);
			else break;
		}
	}
}
