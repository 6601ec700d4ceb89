import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { demoGraphPath, importIntoGraphFile, loadGraphFile } from './graphFiles';
import { parseTriplesJson } from './triplesFile';

describe('graph files', () => {
	const folder = mkdtempSync(path.join(tmpdir(), 'kg-graph-files-'));

	test('the demo graphs ship with the package', async () => {
		const travel = await loadGraphFile(demoGraphPath('kdconvTravel'));
		expect(travel.order).toBeGreaterThan(1154);
		const shop = await loadGraphFile(demoGraphPath('ecommerce'));
		expect((await shop.catalog()).defaultEntity).toBe('本店 (Store)');
	});

	test('a file is loaded once and again after it changes', async () => {
		const file = path.join(folder, 'g.csv');
		writeFileSync(file, 'subject,relation,object\nA,r,B\n');
		const first = await loadGraphFile(file);
		expect(await loadGraphFile(file)).toBe(first);
		writeFileSync(file, 'subject,relation,object\nA,r,B\nA,r,C\n');
		utimesSync(file, new Date(), new Date(Date.now() + 5000));
		const second = await loadGraphFile(file);
		expect(second).not.toBe(first);
		expect(second.order).toBe(1);
		await expect(loadGraphFile(path.join(folder, 'none.json'))).rejects.toThrow(/none\.json" cannot be read/);
		await expect(loadGraphFile(folder)).rejects.toThrow(/is not a file/);
	});

	test('import merges into a JSON graph file; a second import adds nothing', async () => {
		const target = path.join(folder, 'shop.json');
		const set = parseTriplesJson(JSON.stringify({ defaultEntity: 'Shop', triples: [['Shop', 'hotline', '400'], ['Shop', 'alias', '本店']] }), 'in');
		expect(await importIntoGraphFile(target, set)).toEqual({ triples: 1, added: 1, total: 1 });
		expect(await importIntoGraphFile(target, set)).toEqual({ triples: 1, added: 0, total: 1 });
		const graph = await loadGraphFile(target);
		expect((await graph.catalog()).resolve('本店')).toEqual(['Shop']);
		expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ defaultEntity: 'Shop', triples: [['Shop', 'hotline', '400']] });
		await expect(importIntoGraphFile(path.join(folder, 'shop.csv'), set)).rejects.toThrow(/must end in \.json/);
	});

	test('imports into the same file at the same time all arrive', async () => {
		const target = path.join(folder, 'concurrent.json');
		const sets = ['A', 'B', 'C', 'D'].map((name) => parseTriplesJson(JSON.stringify([[name, 'hotline', `${name}-1`]]), name));
		await Promise.all(sets.map(async (set) => await importIntoGraphFile(target, set)));
		const triples = (JSON.parse(readFileSync(target, 'utf8')) as { triples: string[][] }).triples;
		expect(triples.map(([subject]) => subject).sort()).toEqual(['A', 'B', 'C', 'D']);
	});
});
