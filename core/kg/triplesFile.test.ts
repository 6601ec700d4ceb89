import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { KgInputError } from './errors';
import { mergeTripleSets, parseTriplesJson, parseTriplesTable, readTriplesFile, serializeTripleSet } from './triplesFile';

describe('triples files', () => {
	test('JSON: a list of triples, as arrays or objects, with language tags and alias rows', () => {
		const set = parseTriplesJson(
			JSON.stringify([
				['故宫', '门票', '60元'],
				{ subject: '故宫', relation: 'ticket', object: '60 yuan', language: 'EN' },
				['故宫', 'alias', '紫禁城'],
				['故宫', '门票', '60元'],
			]),
			'test.json',
		);
		expect(set.triples).toEqual([
			{ subject: '故宫', relation: '门票', object: '60元' },
			{ subject: '故宫', relation: 'ticket', object: '60 yuan', language: 'en' },
		]);
		expect(set.aliases.get('故宫')).toEqual(['紫禁城']);
	});

	test('JSON: a graph document with aliases, default entity and intent paths', () => {
		const set = parseTriplesJson(
			JSON.stringify({
				defaultEntity: 'Shop',
				intents: { track_order: ['how_to_track'], faq: 'faq' },
				aliases: { Shop: ['store'] },
				triples: [['Shop', 'how_to_track', 'See My Orders', 'en']],
			}),
			'graph.json',
		);
		expect(set.defaultEntity).toBe('Shop');
		expect(set.intentPaths).toEqual({ track_order: ['how_to_track'], faq: ['faq'] });
		expect(set.aliases.get('Shop')).toEqual(['store']);
		expect(set.triples[0].language).toBe('en');
	});

	test("JSON: KdConv's knowledge base shape", () => {
		const set = parseTriplesJson(JSON.stringify({ 故宫: [['故宫', '周边景点', '天坛'], ['故宫', '电话', '010-85007938']] }), 'kb.json');
		expect(set.triples).toHaveLength(2);
	});

	test('CSV and TSV with a header in any order; quoted fields keep commas and quotes', () => {
		const csv = parseTriplesTable('Object,Subject,Relation,language\n"8:30-17:00, 周一闭馆",故宫,开放时间,\n"say ""hi""",Shop,greeting,en\n', 'csv', 't.csv');
		expect(csv.triples).toEqual([
			{ subject: '故宫', relation: '开放时间', object: '8:30-17:00, 周一闭馆' },
			{ subject: 'Shop', relation: 'greeting', object: 'say "hi"', language: 'en' },
		]);
		const tsv = parseTriplesTable('subject\trelation\tobject\n故宫\t电话\t010-85007938\n', 'tsv', 't.tsv');
		expect(tsv.triples).toEqual([{ subject: '故宫', relation: '电话', object: '010-85007938' }]);
	});

	test('bad files name the cause', () => {
		expect(() => parseTriplesJson('{"triples": [', 'bad.json')).toThrow(/bad\.json" is not valid JSON/);
		expect(() => parseTriplesJson('[["a", "b"]]', 'short.json')).toThrow(/short\.json \[0\]: a triple needs \[subject, relation, object\]/);
		expect(() => parseTriplesJson('[["a", "", "c"]]', 'empty.json')).toThrow(/empty\.json \[0\]: relation is missing or empty/);
		expect(() => parseTriplesJson('{"x": 1}', 'odd.json')).toThrow(/"x" is not a list of triples/);
		expect(() => parseTriplesTable('head,rel,obj\na,b,c\n', 'csv', 'cols.csv')).toThrow(/header lacks column\(s\) subject, relation, object/);
		expect(() => parseTriplesTable('subject,relation,object\na,,c\n', 'csv', 'gap.csv')).toThrow(/gap\.csv line 2: relation is missing/);
		expect(() => parseTriplesJson('[1]', 'x.json')).toThrow(KgInputError);
	});

	test('files: by extension, UTF-8 strictly, unreadable and unknown files named', async () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'kg-triples-'));
		writeFileSync(path.join(folder, 'g.csv'), '\ufeffsubject,relation,object\n故宫,门票,60元\n');
		expect((await readTriplesFile(path.join(folder, 'g.csv'))).triples).toHaveLength(1);
		writeFileSync(path.join(folder, 'gbk.json'), Buffer.from([0x5b, 0xb9, 0xca, 0x5d]));
		await expect(readTriplesFile(path.join(folder, 'gbk.json'))).rejects.toThrow(/not valid UTF-8/);
		await expect(readTriplesFile(path.join(folder, 'missing.json'))).rejects.toThrow(/missing\.json" cannot be read/);
		await expect(readTriplesFile(path.join(folder, 'g.xlsx'))).rejects.toThrow(/expected a \.json, \.csv or \.tsv file/);
	});

	test('a serialized set reads back the same; merging adds only what is new', () => {
		const first = parseTriplesJson(JSON.stringify({ defaultEntity: 'Shop', aliases: { Shop: ['store'] }, triples: [['Shop', 'greeting', 'hi', 'en'], ['Shop', 'sells', 'X1']] }), 'a');
		const again = parseTriplesJson(serializeTripleSet(first), 'b');
		expect(again).toEqual(first);
		const merged = mergeTripleSets(first, parseTriplesJson(JSON.stringify([['Shop', 'sells', 'X1'], ['Shop', 'sells', 'W2'], ['Shop', 'alias', '本店']]), 'c'));
		expect(merged.triples).toHaveLength(3);
		expect(merged.aliases.get('Shop')).toEqual(['store', '本店']);
		expect(merged.defaultEntity).toBe('Shop');
	});
});
