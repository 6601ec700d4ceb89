import { detectShouting } from './shouting';

describe('detectShouting', () => {
	it('finds capitals in English messages written in upper case', () => {
		const shouting = detectShouting('WHERE IS MY REFUND');
		expect(shouting.caps).toBe(true);
		expect(shouting.capsShare).toBe(1);
	});

	it('ignores acronyms and short capitals', () => {
		expect(detectShouting('I sent it with DHL, tracking via USB app').caps).toBe(false);
		expect(detectShouting('OK').caps).toBe(false);
	});

	it('counts runs of exclamation and question marks, full-width ones included', () => {
		expect(detectShouting('我的退款呢？？？').punctuation).toBe(true);
		expect(detectShouting('退款！！！').punctuationRun).toBe(3);
		expect(detectShouting('Where is it?!?!').punctuation).toBe(true);
		expect(detectShouting('Thanks!').punctuation).toBe(false);
	});

	it('counts the emoji ‼️ and ⁉️ as the marks they stand for, presentation selector and all', () => {
		expect(detectShouting('where is my refund‼️‼️').punctuationRun).toBe(4);
		expect(detectShouting('退款呢⁉️⁉️').punctuation).toBe(true);
	});

	it('counts the emoji marks ❗ ❓ ❕ ❔ as ! and ?, with or without the presentation selector', () => {
		expect(detectShouting('我的退款呢❓❓❓').punctuationRun).toBe(3);
		expect(detectShouting('还没到❗️❗️❗️').punctuation).toBe(true);
		expect(detectShouting('where is it?❔❕').punctuationRun).toBe(3);
		expect(detectShouting('好的❗').punctuation).toBe(false);
	});

	it('takes its thresholds from the settings', () => {
		expect(detectShouting('where?!', { capsRatio: 0.7, minCapsLetters: 8, punctuationRun: 2 }).punctuation).toBe(true);
		expect(detectShouting('Refund NOW please', { capsRatio: 0.2, minCapsLetters: 4, punctuationRun: 3 }).caps).toBe(true);
	});
});
