import { CueLexicon, LexiconError, normalizeForCues } from './lexicon';

const match = (lexicon: CueLexicon, text: string) => lexicon.match(normalizeForCues(text));

describe('CueLexicon', () => {
	const lexicon = CueLexicon.parse(
		['# comment', '[threat]', '投诉', '12315', 'lawyer*', 'file a complaint', '[urgency]', '立刻', '立刻退款', 'right now'].join('\n'),
		'test.txt',
	);

	it('finds Chinese phrases anywhere and keeps the longest one that starts at a place', () => {
		expect(match(lexicon, '再不处理我就打12315投诉！立刻退款')).toEqual({ threat: ['12315', '投诉'], urgency: ['立刻退款'] });
	});

	it('matches English phrases as whole words, case and spacing ignored, with * for word endings, reporting the words found', () => {
		expect(match(lexicon, 'My LAWYERS will  File A Complaint right now')).toEqual({
			threat: ['lawyers', 'file a complaint'],
			urgency: ['right now'],
		});
		expect(match(lexicon, 'I want to refile a complaintive note')).toEqual({});
	});

	it('does not take digits inside longer numbers for a hotline', () => {
		expect(match(lexicon, 'order 9123159')).toEqual({});
	});

	it('matches traditional and full-width text against simplified, half-width phrases', () => {
		expect(match(lexicon, '我要投訴')).toEqual({ threat: ['投诉'] });
		expect(match(lexicon, '打１２３１５')).toEqual({ threat: ['12315'] });
	});

	it('is extended with phrases of one’s own; each built-in lexicon is a new one, which a node’s phrases never reach', () => {
		const extended = CueLexicon.builtIn().add('churn', ['Switch to Amazon']);
		expect(match(extended, 'I will switch to amazon')).toEqual({ churn: ['switch to amazon'] });
		expect(match(CueLexicon.builtIn(), 'I will switch to amazon')).toEqual({});
	});

	it('names the file and line of a bad lexicon', () => {
		expect(() => CueLexicon.parse('投诉', 'zh.txt')).toThrow(new LexiconError('zh.txt line 1: "投诉" comes before any [section] line (e.g. [threat])'));
		expect(() => CueLexicon.parse('[threats]\nx', 'en.txt')).toThrow(/en\.txt line 1: unknown section \[threats\]/);
	});

	it('ships Chinese and English lexicons with every cue kind', () => {
		const builtIn = CueLexicon.builtIn();
		expect(match(builtIn, '第三次了还没解决，我要打12315投诉，马上给我退款，气死我了')).toMatchObject({
			threat: expect.arrayContaining(['12315', '投诉']),
			repeat: expect.arrayContaining(['第三次']),
			urgency: ['马上'],
			anger: ['气死我了'],
		});
		expect(match(builtIn, 'This is the third time, cancel my account or I file a chargeback')).toMatchObject({
			threat: ['chargeback'],
			repeat: ['third time'],
			churn: ['cancel my account'],
		});
		expect(match(builtIn, 'Get me a supervisor, this is my 4th email')).toMatchObject({ manager: ['supervisor'], repeat: ['4th email'] });
		expect(match(builtIn, '叫你们经理来')).toMatchObject({ manager: ['你们经理'] });
		expect(match(builtIn, 'Where is my order? Thanks')).toEqual({});
	});
});
