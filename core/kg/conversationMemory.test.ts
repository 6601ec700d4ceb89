import { ConversationMemory } from './conversationMemory';

describe('ConversationMemory', () => {
	let now = 0;
	const memory = (maxConversations = 3, maxEntities = 3) => new ConversationMemory({ maxConversations, maxEntities, ttlMs: 1000 }, () => now);
	beforeEach(() => {
		now = 0;
	});

	test('keeps entities newest last, moving a repeated one to the end, at most maxEntities', () => {
		const store = memory();
		store.remember('c1', ['故宫', '天坛']);
		store.remember('c1', ['故宫']);
		expect(store.recall('c1')).toEqual(['天坛', '故宫']);
		store.remember('c1', ['颐和园', '北海']);
		expect(store.recall('c1')).toEqual(['故宫', '颐和园', '北海']);
		expect(store.recall('other')).toEqual([]);
	});

	test('forgets a conversation after its time to live (from the last update)', () => {
		const store = memory();
		store.remember('c1', ['故宫']);
		now = 900;
		store.remember('c1', ['天坛']);
		now = 1800;
		expect(store.recall('c1')).toEqual(['故宫', '天坛']);
		now = 1900;
		expect(store.recall('c1')).toEqual([]);
		store.remember('c2', ['X1'], 5000);
		now = 6000;
		expect(store.recall('c2')).toEqual(['X1']);
	});

	test('drops the least recently updated conversations beyond capacity', () => {
		const store = memory(2);
		store.remember('a', ['1']);
		store.remember('b', ['2']);
		store.remember('a', ['3']);
		store.remember('c', ['4']);
		expect(store.size).toBe(2);
		expect(store.recall('b')).toEqual([]);
		expect(store.recall('a')).toEqual(['1', '3']);
	});

	test('interleaved executions merge instead of overwriting each other', async () => {
		const store = memory(10, 10);
		const execution = async (entity: string, delayMs: number) => {
			const seen = store.recall('c');
			await new Promise((resolve) => setTimeout(resolve, delayMs));
			store.remember('c', [...seen, entity]);
		};
		await Promise.all([execution('故宫', 20), execution('天坛', 5), execution('北海', 10)]);
		expect(store.recall('c').sort()).toEqual(['北海', '天坛', '故宫'].sort());
	});
});
