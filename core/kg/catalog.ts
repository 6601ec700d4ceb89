import { EntityLinker, ownersByName } from './entityLinker';
import { chineseSegmenter, normalizeForMatching } from './text';
import type { EntityRecord } from './types';

/** "鸟巢（国家体育场）" is also called "鸟巢": the part before a trailing parenthesis is an alias. */
const PARENTHESIZED_SUFFIX = /^(.{2,}?)\s*[（(][^（）()]+[）)]$/u;

/** What answering needs to know about a graph as a whole, whichever backend holds it. */
export class GraphCatalog {
	readonly linker: EntityLinker;
	private readonly owners: Map<string, string[]>;

	constructor(
		entities: EntityRecord[],
		readonly relationNames: ReadonlySet<string>,
		readonly defaultEntity: string | undefined,
		readonly intentPaths: Record<string, string[]>,
	) {
		const withDerived = entities.map(({ name, aliases }) => {
			const outer = PARENTHESIZED_SUFFIX.exec(name)?.[1];
			return { name, aliases: outer !== undefined && !aliases.includes(outer) ? [...aliases, outer] : aliases };
		});
		this.owners = ownersByName(withDerived, normalizeForMatching);
		// jieba keeps the names whole, for linking here and for every tokenization in this process.
		const segmenter = chineseSegmenter();
		segmenter.addUserWords([...this.owners.keys()]);
		this.linker = new EntityLinker(this.owners, normalizeForMatching, (run) => segmenter.cut(run));
	}

	/** Entities named exactly `nameOrAlias` (after normalization); see `ownersByName`. */
	resolve(nameOrAlias: string): string[] {
		return this.owners.get(normalizeForMatching(nameOrAlias)) ?? [];
	}
}
