/**
 * KG Query on KdConv travel questions: for each question, history + question + the gold relation as
 * the intent go to Answer question over the shipped KdConv graph; a hit is the gold value among the
 * returned fact objects. Prints accuracy for questions that name their entity and for all, and the
 * time per question. Usage (from the repository root):
 *   bash scripts/node24.sh npx tsx bench/kgKdconv.ts [../shared/data/zh/kdconv_travel/qa_dev.jsonl] [--misses N]
 * With NEO4J_TEST_URI (+ NEO4J_TEST_USER, NEO4J_TEST_PASSWORD) set, the graph is imported into that
 * Neo4j and the questions are answered there instead.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import neo4j from 'neo4j-driver';

import { answerQuestion } from '../core/kg/answer';
import type { GraphBackend } from '../core/kg/backend';
import { demoGraphPath, loadGraphFile } from '../core/kg/graphFiles';
import { importIntoNeo4j, Neo4jGraph } from '../core/kg/neo4jGraph';
import { readTriplesFile } from '../core/kg/triplesFile';

interface QaRow {
	history: string[];
	question: string;
	entity: string;
	relation: string;
	value: string;
	entityNamed: boolean;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const missesAt = args.indexOf('--misses');
	const showMisses = missesAt >= 0 ? Number(args[missesAt + 1]) : 0;
	const file = args.find((arg, i) => !arg.startsWith('--') && i !== missesAt + 1) ??
		path.resolve(__dirname, '../../shared/data/zh/kdconv_travel/qa_dev.jsonl');
	const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as QaRow);

	const loadStart = performance.now();
	const uri = process.env.NEO4J_TEST_URI;
	const driver = uri
		? neo4j.driver(uri, neo4j.auth.basic(process.env.NEO4J_TEST_USER ?? 'neo4j', process.env.NEO4J_TEST_PASSWORD ?? ''), { disableLosslessIntegers: true })
		: undefined;
	let graph: GraphBackend;
	if (driver) {
		await importIntoNeo4j(driver, await readTriplesFile(demoGraphPath('kdconvTravel')), { batchSize: 1000, transactionTimeoutMs: 60_000 });
		graph = new Neo4jGraph(driver, { transactionTimeoutMs: 10_000, catalogTtlMs: 600_000 });
	} else {
		graph = await loadGraphFile(demoGraphPath('kdconvTravel'));
	}
	await graph.catalog();
	const loadMs = performance.now() - loadStart;

	const tally = { named: [0, 0], all: [0, 0] };
	const misses: string[] = [];
	const start = performance.now();
	for (const row of rows) {
		const answer = await answerQuestion(graph, { question: row.question, intent: row.relation, history: row.history });
		const hit = answer.facts.some((fact) => fact.object === row.value);
		tally.all[0] += Number(hit);
		tally.all[1]++;
		if (row.entityNamed) {
			tally.named[0] += Number(hit);
			tally.named[1]++;
		}
		if (!hit && misses.length < showMisses) {
			misses.push(`${row.question} | ${row.relation} | gold ${row.entity} | got ${answer.entities.map((e) => `${e.name}(${e.source})`).join(', ')}`);
		}
	}
	const perQuestionMs = (performance.now() - start) / rows.length;
	const percent = ([hits, total]: number[]) => `${((100 * hits) / total).toFixed(1)} % (${hits}/${total})`;
	const print = (line: string) => process.stdout.write(`${line}\n`);
	for (const miss of misses) print(`miss: ${miss}`);
	print(`questions that name their entity: ${percent(tally.named)}`);
	print(`all questions:                    ${percent(tally.all)}`);
	print(`${graph.kind} graph: load ${loadMs.toFixed(0)} ms, ${perQuestionMs.toFixed(2)} ms per question`);
	await driver?.close();
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
