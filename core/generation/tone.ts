import type { ReplyLanguage, SentimentSignal } from './types';

/** `apologetic` for unhappy customers, `escalated` when Sentiment asks for a person. */
export type Tone = 'neutral' | 'apologetic' | 'escalated';

/** Below this score a customer counts as unhappy even when the label says otherwise. */
const NEGATIVE_SCORE = -0.3;

export function toneOf(sentiment: SentimentSignal | undefined): Tone {
	if (!sentiment) return 'neutral';
	if (sentiment.escalate === true) return 'escalated';
	const negativeLabel = sentiment.label?.toLowerCase() === 'negative';
	const negativeScore = typeof sentiment.score === 'number' && sentiment.score <= NEGATIVE_SCORE;
	return negativeLabel || negativeScore ? 'apologetic' : 'neutral';
}

const PHRASES: Record<ReplyLanguage, { apology: string; strongApology: string; offerHuman: string; handedOver: string }> = {
	zh: {
		apology: '非常抱歉给您带来不便。',
		strongApology: '非常抱歉给您带来这么不好的体验。',
		offerHuman: '如需人工客服协助，请直接回复“人工”。',
		handedOver: '我已将您的问题转交人工客服，专员会尽快与您联系。',
	},
	en: {
		apology: "I'm sorry for the trouble.",
		strongApology: "I'm very sorry about this experience.",
		offerHuman: 'If you would like a person to help, just reply "agent".',
		handedOver: "I've passed your conversation to a member of our team, who will get back to you shortly.",
	},
};

/**
 * Wraps a reply in the tone the customer's mood calls for: an apology first, then a short path to a
 * person (an offer when unhappy, the hand-over itself when escalated). A reply that already hands the
 * customer over gets the apology only.
 */
export function applyTone(body: string, tone: Tone, language: ReplyLanguage, handsOver: boolean): string {
	if (tone === 'neutral') return body;
	const phrases = PHRASES[language];
	const apology = tone === 'escalated' ? phrases.strongApology : phrases.apology;
	const closing = handsOver ? '' : tone === 'escalated' ? phrases.handedOver : phrases.offerHuman;
	const separator = language === 'zh' ? '' : ' ';
	return [apology, body, closing].filter((part) => part !== '').join(separator);
}
