import { displayName } from './displayName';
import { DEFAULT_TEMPLATES, NO_FACTS_REPLY, SUMMARY_TEMPLATE } from './defaultTemplates';
import { groupFacts, type FactGroup, type FactValue } from './factGroups';
import { formatList, joinSentences, readsAsSentences, tidyPunctuation } from './listFormat';
import { referencedNames, renderTemplate, requiredNames, TemplateError } from './templateSyntax';
import { applyTone, toneOf } from './tone';
import type { Answer, Fact, GenerationInput, ReplyLanguage } from './types';

/** A reply template the user wrote for an intent (all languages, or one). */
export interface IntentTemplate {
	intent: string;
	language?: ReplyLanguage;
	text: string;
	handsOver?: boolean;
}

export interface TemplateSettings {
	/** The user's templates; they win over the defaults for the intents they name. */
	templates: IntentTemplate[];
	/** Apologise and offer a person to unhappy or escalated customers. */
	adaptTone: boolean;
	/** HTML-escape values printed with `{{name}}` (for HTML replies). */
	escapeHtml: boolean;
}

export interface TemplateReply {
	text: string;
	grounded: boolean;
	needsHuman: boolean;
	usedFacts: Fact[];
	reason?: string;
}

/** Placeholders filled from the facts; `facts.<relation>`-style ones name a relation after the dot. */
const FACT_PLACEHOLDERS = new Set(['entity', 'answer', 'answerOr', 'answers', 'summary', 'facts', 'factsOr', 'factList', 'details']);
const PER_RELATION = new Set(['facts', 'factsOr', 'factList', 'details']);
/** Placeholders filled from the item: {@link baseView}'s names. */
const ITEM_PLACEHOLDERS = ['question', 'intent', 'language', 'customerName', 'negative', 'escalate', 'item'] as const;
const PLACEHOLDERS = new Set<string>([...FACT_PLACEHOLDERS, ...ITEM_PLACEHOLDERS]);

/**
 * Throws a TemplateError when a reply template cannot be used: it does not parse, or it names a
 * placeholder that does not exist (a typo such as `{{fact.price}}` would print nothing and the reply
 * would still pass for grounded). `{{item.<field>}}` may name any field; a missing one prints nothing.
 */
export function validateReplyTemplate(template: string): void {
	const unknown = [...referencedNames(template)].filter((name) => name !== '.' && !PLACEHOLDERS.has(rootOf(name)));
	if (unknown.length > 0) {
		throw new TemplateError(
			`Template uses the unknown placeholder ${unknown.map((name) => `"{{${name}}}"`).join(', ')}; placeholders are ${[...PLACEHOLDERS].join(', ')} (see README, Templates)`,
		);
	}
}

/**
 * The template reply for an item: the user's template for its intent, else the default one, filled
 * from the facts (once per entity the facts are about); a generic summary of the facts when no
 * template fits them; and the honest "no information" hand-over when there are no facts.
 */
export function templateReply(input: GenerationInput, settings: TemplateSettings): TemplateReply {
	const groups = groupFacts(input.facts, input.paths, input.language);
	const chosen = chooseTemplate(input, settings.templates);
	const filled = chosen ? fillTemplate(chosen.text, groups, input, settings.escapeHtml) : undefined;
	let reply: { body: string; usedFacts: Fact[]; handsOver: boolean; grounded: boolean; reason?: string };
	if (filled && 'text' in filled) {
		reply = { body: filled.text, usedFacts: filled.usedFacts, handsOver: chosen?.handsOver === true, grounded: true };
	} else if (groups.length > 0) {
		const summary = fillTemplate(SUMMARY_TEMPLATE[input.language], groups, input, settings.escapeHtml) as Filled;
		const why = filled?.missing ?? (input.intent === undefined ? 'No intent' : `No template for intent "${input.intent}"`);
		reply = { body: summary.text, usedFacts: summary.usedFacts, handsOver: false, grounded: true, reason: `${why}: answered with a summary of the facts` };
	} else {
		const reason = input.intent === undefined ? 'No intent and no facts' : `No facts for intent "${input.intent}"`;
		reply = { body: NO_FACTS_REPLY[input.language], usedFacts: [], handsOver: true, grounded: false, reason };
	}
	const tone = settings.adaptTone ? toneOf(input.sentiment) : 'neutral';
	return {
		text: tidyPunctuation(applyTone(reply.body, tone, input.language, reply.handsOver)),
		grounded: reply.grounded,
		needsHuman: reply.handsOver || tone === 'escalated',
		usedFacts: reply.usedFacts,
		...(reply.reason !== undefined && { reason: reply.reason }),
	};
}

function chooseTemplate(input: GenerationInput, templates: IntentTemplate[]): Omit<IntentTemplate, 'intent'> | undefined {
	if (input.intent === undefined) return undefined;
	const intent = input.intent.trim().toLowerCase();
	const forIntent = templates.filter((template) => template.intent.trim().toLowerCase() === intent);
	const own = forIntent.find((template) => template.language === input.language) ?? forIntent.find((template) => template.language === undefined);
	if (own) return own;
	const builtIn = Object.entries(DEFAULT_TEMPLATES).find(([name]) => name.toLowerCase() === intent)?.[1];
	return builtIn && { text: builtIn[input.language], handsOver: builtIn.handsOver };
}

type Filled = { text: string; usedFacts: Fact[] };

/**
 * Fills a template: once without facts when it uses none, else once per entity whose facts have every
 * relation the template prints outside a section. `missing` says why it could not be filled.
 */
function fillTemplate(
	template: string,
	groups: FactGroup[],
	input: GenerationInput,
	escapeHtml: boolean,
): Filled | { missing: string } {
	const factNames = [...referencedNames(template)].filter((name) => FACT_PLACEHOLDERS.has(rootOf(name)));
	const required = [...requiredNames(template)].filter((name) => FACT_PLACEHOLDERS.has(rootOf(name)));
	if (factNames.length === 0 || (required.length === 0 && groups.length === 0)) {
		const text = tidyPunctuation(renderTemplate(template, baseView(input), escapeHtml));
		return text === '' ? { missing: 'The template gave an empty reply' } : { text, usedFacts: [] };
	}
	const requiredRelations = [...new Set(required.filter((name) => PER_RELATION.has(rootOf(name))).map(relationOf))];
	const answering = groups.filter((group) =>
		requiredRelations.every((relation) => group.values.some((value) => value.relation === relation)),
	);
	if (answering.length === 0) {
		const have = [...new Set(groups.flatMap((group) => group.values.map((value) => value.relation)))];
		return groups.length === 0
			? { missing: 'No facts' }
			: { missing: `The template needs the relation(s) ${requiredRelations.join(', ')}; the facts have ${have.join(', ')}` };
	}
	// Only values of the relations the template names count as used, unless it prints them all.
	const namedRelations = new Set(factNames.filter((name) => PER_RELATION.has(rootOf(name))).map(relationOf));
	const usesAll = factNames.some((name) => !PER_RELATION.has(rootOf(name)) && name !== 'entity');
	const separator = input.language === 'zh' ? '' : ' ';
	const text = tidyPunctuation(
		answering.map((group) => renderTemplate(template, groupView(group, input), escapeHtml)).join(separator),
	);
	if (text === '') return { missing: 'The template gave an empty reply' };
	const used = answering.flatMap((group) => group.values.filter((value) => usesAll || namedRelations.has(value.relation)));
	return { text, usedFacts: [...new Set(used.flatMap((value) => value.facts))] };
}

const rootOf = (name: string) => name.split('.')[0];
const relationOf = (name: string) => name.slice(name.indexOf('.') + 1);

function baseView(input: GenerationInput): Record<(typeof ITEM_PLACEHOLDERS)[number], unknown> {
	const tone = toneOf(input.sentiment);
	return {
		question: input.question,
		intent: input.intent ?? '',
		language: input.language,
		customerName: input.customerName ?? '',
		negative: tone !== 'neutral',
		escalate: tone === 'escalated',
		item: input.item,
	};
}

function groupView(group: FactGroup, input: GenerationInput) {
	const { language } = input;
	const show = (value: FactValue) => displayName(value.value, language);
	const entity = displayName(group.entity, language);
	const relations = [...new Set(group.values.map((value) => value.relation))];
	const ofRelation = (relation: string) => group.values.filter((value) => value.relation === relation);
	const perRelation = <T>(render: (values: FactValue[]) => T) =>
		Object.fromEntries(relations.map((relation) => [relation, render(ofRelation(relation))]));
	const details = (values: FactValue[]) =>
		joinSentences(
			values.map((value) =>
				value.holder === group.entity ? show(value) : `${displayName(value.holder, language)}${language === 'zh' ? '：' : ': '}${show(value)}`,
			),
			language,
		);
	const all = group.values.map(show);
	return {
		...baseView(input),
		entity,
		answer: formatList(all, language),
		answerOr: formatList(all, language, 'or'),
		answers: all,
		facts: perRelation((values) => formatList(values.map(show), language)),
		factsOr: perRelation((values) => formatList(values.map(show), language, 'or')),
		factList: perRelation((values) => values.map(show)),
		details: perRelation(details),
		summary: relations.map((relation) => summarize(entity, relation, ofRelation(relation), group.entity, details, language)).join(language === 'zh' ? '' : ' '),
	};
}

/** One relation in a sentence: "故宫的门票：60元。" / "Price of Earbuds X1: ¥499."; clauses stand alone. */
function summarize(
	entity: string,
	relation: string,
	values: FactValue[],
	groupEntity: string,
	details: (values: FactValue[]) => string,
	language: ReplyLanguage,
): string {
	const own = values.filter((value) => value.holder === groupEntity).map((value) => displayName(value.value, language));
	const others = values.filter((value) => value.holder !== groupEntity);
	const parts: string[] = [];
	if (own.length > 0) {
		const list = formatList(own, language);
		const label = relation.replace(/_/g, ' ');
		if (readsAsSentences(own, language)) parts.push(list);
		else if (language === 'zh') parts.push(`${entity}的${label}：${list}。`);
		else parts.push(`${label.charAt(0).toUpperCase()}${label.slice(1)} of ${entity}: ${list}.`);
	}
	if (others.length > 0) parts.push(details(others));
	return parts.join(language === 'zh' ? '' : ' ');
}

/** Template mode's answer: the template reply with the answer's full shape. */
export function answerFromTemplate(input: GenerationInput, settings: TemplateSettings): Answer {
	const started = performance.now();
	const reply = templateReply(input, settings);
	return { ...reply, language: input.language, mode: 'template', model: null, issues: [], timing: { totalMs: performance.now() - started } };
}
