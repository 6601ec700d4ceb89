import { EntityLinker, ownersByName, selectLongestNonOverlapping } from './entityLinker';
import { chineseSegmenter, normalizeForMatching } from './text';

function linkerFor(entities: { name: string; aliases?: string[] }[], withSegmentation = false): EntityLinker {
	const owners = ownersByName(
		entities.map(({ name, aliases = [] }) => ({ name, aliases })),
		normalizeForMatching,
	);
	if (!withSegmentation) return new EntityLinker(owners, normalizeForMatching);
	const segmenter = chineseSegmenter();
	segmenter.addUserWords([...owners.keys()]);
	return new EntityLinker(owners, normalizeForMatching, (run) => segmenter.cut(run));
}

const names = (linker: EntityLinker, text: string) => linker.link(text).map((m) => m.entities.join('|'));

describe('EntityLinker', () => {
	test('keeps the longest of overlapping names, and every name that does not overlap', () => {
		const linker = linkerFor([{ name: '中央民族大学' }, { name: '中央民族大学民族博物馆' }, { name: '北京' }, { name: '故宫' }]);
		expect(names(linker, '北京的中央民族大学民族博物馆和故宫哪个近？')).toEqual(['北京', '中央民族大学民族博物馆', '故宫']);
	});

	test('finds every occurrence, also names ending inside longer ones (failure and output links)', () => {
		const linker = linkerFor([{ name: '北京动物园' }, { name: '动物' }, { name: '物园' }, { name: '京动物园区' }]);
		expect(linker.findAll('北京动物园区').map((m) => `${m.surface}@${m.start}`)).toEqual(['动物@2', '北京动物园@0', '物园@3', '京动物园区@1']);
		// Equally long: the earlier one wins.
		expect(names(linker, '北京动物园区')).toEqual(['北京动物园']);
	});

	test('matches aliases, full-width, upper-case and traditional spellings of a name', () => {
		const linker = linkerFor([{ name: '支付宝 (Alipay)', aliases: ['支付宝', 'Alipay'] }, { name: '货到付款', aliases: ['COD'] }]);
		expect(names(linker, 'ＡＬＩＰＡＹ可以用吗')).toEqual(['支付宝 (Alipay)']);
		expect(names(linker, '你們支持貨到付款嗎')).toEqual(['货到付款']);
		expect(names(linker, 'Do you take cod?')).toEqual(['货到付款']);
	});

	test('a Latin name matches only as a whole word', () => {
		const linker = linkerFor([{ name: 'PayPal', aliases: ['pay'] }, { name: 'X1' }]);
		expect(names(linker, 'paypal please')).toEqual(['PayPal']);
		expect(names(linker, 'repay now')).toEqual([]);
		expect(names(linker, 'X10 or X1?')).toEqual(['X1']);
		expect(names(linker, '耳机X1多少钱')).toEqual(['X1']);
	});

	test('an alias shared by two entities names both; a canonical name beats an alias', () => {
		const linker = linkerFor([
			{ name: '安琪儿童乐园（大兴店）', aliases: ['安琪儿童乐园'] },
			{ name: '安琪儿童乐园（密云店）', aliases: ['安琪儿童乐园'] },
			{ name: '天坛', aliases: [] },
			{ name: '天坛公园', aliases: ['天坛'] },
		]);
		expect(linker.link('安琪儿童乐园开门吗')[0].entities).toEqual(['安琪儿童乐园（大兴店）', '安琪儿童乐园（密云店）']);
		expect(linker.link('天坛开门吗')[0].entities).toEqual(['天坛']);
	});

	test('with jieba, a short Chinese name inside another word is not a mention', () => {
		const linker = linkerFor([{ name: '南口' }, { name: '天桥' }, { name: '百雅轩798艺术中心' }], true);
		expect(names(linker, '去南口怎么走')).toEqual(['南口']);
		expect(names(linker, '我住在东南口村')).toEqual([]);
		expect(names(linker, '人行天桥在哪')).toEqual([]);
		// Names mixing scripts are split into runs by jieba, so no boundary check applies to them.
		expect(names(linker, '对百雅轩798艺术中心有了解吗')).toEqual(['百雅轩798艺术中心']);
	});

	test('names shorter than two characters are ignored', () => {
		expect(linkerFor([{ name: '门' }, { name: 'a' }]).size).toBe(0);
	});
});

describe('selectLongestNonOverlapping', () => {
	test('prefers length, then the earlier mention', () => {
		const mention = (start: number, end: number) => ({ start, end, surface: `${start}-${end}`, entities: [] });
		expect(selectLongestNonOverlapping([mention(0, 2), mention(1, 4), mention(3, 5), mention(5, 7)]).map((m) => m.surface)).toEqual([
			'1-4',
			'5-7',
		]);
	});

	test('a long message naming an entity again and again keeps every mention, not the overlapping ones', () => {
		const mentions = Array.from({ length: 20_000 }, (_, index) => ({ start: index * 7, end: index * 7 + 2, surface: '故宫', entities: ['故宫'] }));
		const overlapping = mentions.map(({ start }) => ({ start: start + 1, end: start + 3, surface: '宫门', entities: ['宫门'] }));
		const kept = selectLongestNonOverlapping([...overlapping, ...mentions]);
		expect(kept).toHaveLength(20_000);
		expect(kept.every((mention, index) => mention.start === index * 7)).toBe(true);
	});
});
