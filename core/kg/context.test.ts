import { pickReferent, trackFocus } from './context';
import type { EntityProfile } from './types';

const profile = (name: string, outRelations: string[], literalText = ''): EntityProfile => ({
	name,
	outRelations: new Set(outRelations),
	inRelations: new Set(),
	literalText,
});

describe('conversation focus', () => {
	const profiles = new Map([
		['排云殿', profile('排云殿', ['门票', '地址'], '位于万寿山南麓的中部,是颐和园南北中轴线上最重要的核心景观建筑组群')],
		['颐和园', profile('颐和园', ['门票', '地址', '电话'])],
		['万寿山', profile('万寿山', ['门票'])],
		['观复博物馆', profile('观复博物馆', ['门票', '开放时间'])],
	]);

	test("a name inside the current subject's own description does not change the subject", () => {
		const stack = trackFocus([], [[{ entity: '排云殿', surface: '排云殿' }], [{ entity: '万寿山', surface: '万寿山' }, { entity: '颐和园', surface: '颐和园' }]], profiles);
		expect(stack).toEqual(['排云殿']);
	});

	test('a name outside it does, and a repeated name moves to the top', () => {
		const stack = trackFocus(['颐和园'], [[{ entity: '观复博物馆', surface: '观复博物馆' }], [{ entity: '颐和园', surface: '颐和园' }]], profiles);
		expect(stack).toEqual(['观复博物馆', '颐和园']);
	});

	test('the referent is the most recent entity that has the relation asked about', () => {
		const stack = ['颐和园', '观复博物馆'];
		expect(pickReferent(stack, [{ relation: '开放时间', direction: 'out' }], profiles)).toBe('观复博物馆');
		expect(pickReferent(stack, [{ relation: '电话', direction: 'out' }], profiles)).toBe('颐和园');
		expect(pickReferent(stack, [{ relation: '官网', direction: 'out' }], profiles)).toBe('观复博物馆');
		expect(pickReferent([], [], profiles)).toBeUndefined();
	});
});
