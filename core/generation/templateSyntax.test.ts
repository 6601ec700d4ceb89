import { referencedNames, renderTemplate, requiredNames, TemplateError } from './templateSyntax';

describe('template syntax (logic-less Mustache)', () => {
	test('printed names are required, names only used as sections are optional', () => {
		const template = '{{entity}}：{{facts.门票}}{{#facts.电话}}电话 {{facts.电话}}{{/facts.电话}}{{^answer}}无{{/answer}}';
		expect([...requiredNames(template)]).toEqual(['entity', 'facts.门票']);
		expect([...referencedNames(template)].sort()).toEqual(['answer', 'entity', 'facts.电话', 'facts.门票']);
	});

	test('values are inserted verbatim unless HTML escaping is asked for; {{{ }}} never escapes', () => {
		const view = { name: '<b>A & B</b>' };
		expect(renderTemplate('{{name}}', view, false)).toBe('<b>A & B</b>');
		expect(renderTemplate('{{name}}', view, true)).toBe('&lt;b&gt;A &amp; B&lt;&#x2F;b&gt;');
		expect(renderTemplate('{{{name}}}', view, true)).toBe('<b>A & B</b>');
	});

	test('a value holding template syntax is printed, not rendered', () => {
		expect(renderTemplate('{{value}}', { value: '{{secret}}', secret: 'leaked' }, false)).toBe('{{secret}}');
	});

	test('lists render with sections and {{.}}', () => {
		expect(renderTemplate('{{#items}}- {{.}}\n{{/items}}', { items: ['a', 'b'] }, false)).toBe('- a\n- b\n');
	});

	test('syntax errors and partials are refused with a clear message', () => {
		expect(() => referencedNames('{{#open}} never closed')).toThrow(TemplateError);
		expect(() => referencedNames('{{#open}} never closed')).toThrow(/Template syntax error: Unclosed section "open"/);
		expect(() => referencedNames('Hi {{> header}}')).toThrow(/partial "\{\{> header\}\}", which is not supported/);
	});
});
