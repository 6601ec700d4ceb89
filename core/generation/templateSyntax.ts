import Mustache from 'mustache';

import { attempt } from './attempt';

/** A template that cannot be parsed, or uses something the safe subset leaves out. */
export class TemplateError extends Error {}

/** Mustache tokens: `[type, value, start, end, children?]`. */
type Token = [string, string, number, number, Token[]?];

/**
 * Parses a logic-less (Mustache) template: `{{name}}`, `{{a.b}}`, sections `{{#x}}…{{/x}}`, inverted
 * sections `{{^x}}…{{/x}}`, `{{.}}` inside lists, comments. Partials are refused: templates come from
 * node parameters and must not pull in other text.
 */
function parse(template: string): Token[] {
	const parsed = attempt(() => Mustache.parse(template) as unknown as Token[]);
	if ('error' in parsed) throw new TemplateError(`Template syntax error: ${parsed.error.message}`);
	const tokens = parsed.value;
	const partial = findToken(tokens, (token) => token[0] === '>');
	if (partial) throw new TemplateError(`Template uses the partial "{{> ${partial[1]}}}", which is not supported`);
	return tokens;
}

function findToken(tokens: Token[], predicate: (token: Token) => boolean): Token | undefined {
	for (const token of tokens) {
		if (predicate(token)) return token;
		const inner = token[4] && findToken(token[4], predicate);
		if (inner) return inner;
	}
	return undefined;
}

/**
 * Names a template cannot do without: those printed outside any section. Names used only as sections
 * (`{{#entity}}…{{/entity}}`) or inside them are optional: a missing one just leaves the section out.
 */
export function requiredNames(template: string): Set<string> {
	const names = new Set<string>();
	for (const [type, value] of parse(template)) {
		if (type === 'name' || type === '&') names.add(value);
	}
	return names;
}

/** Every name the template refers to, printed or as a section. */
export function referencedNames(template: string): Set<string> {
	const names = new Set<string>();
	const visit = (tokens: Token[]) => {
		for (const token of tokens) {
			if (['name', '&', '#', '^'].includes(token[0])) names.add(token[1]);
			if (token[4]) visit(token[4]);
		}
	};
	visit(parse(template));
	return names;
}

const verbatim = (value: unknown) => String(value);

/**
 * Fills a template. Values are inserted as they are unless `escapeHtml` is set (for replies sent as
 * HTML); `{{{name}}}` is never escaped. Values are never rendered again, so a fact holding `{{…}}`
 * prints literally.
 */
export function renderTemplate(template: string, view: object, escapeHtml: boolean): string {
	parse(template);
	return Mustache.render(template, view, undefined, escapeHtml ? undefined : { escape: verbatim });
}
