import type { CueMatches } from './lexicon';
import type { Polarity } from './polarity';
import type { Shouting } from './shouting';

/**
 * Weight of each escalation signal; a message escalates when the weights of the signals it shows add
 * up to the threshold (1 by default). So a threat (regulator, lawyer, chargeback, the press) escalates
 * alone; churn, repeated contact, profanity and anger escalate a negative message; urgency and
 * shouting escalate a strongly negative one, or one of them with another cue.
 */
export const SIGNAL_WEIGHTS = {
	threat: 1,
	churn: 0.6,
	repeat: 0.6,
	profanity: 0.6,
	anger: 0.6,
	urgency: 0.4,
	shouting: 0.4,
	negative: 0.4,
	/** Added to `negative` when the score is at or below the strong-negative score. */
	stronglyNegative: 0.3,
} as const;

export interface EscalationSettings {
	/** Sum of signal weights at which a message escalates. */
	threshold: number;
	/** Score at or below which a negative message counts as strongly negative. */
	strongNegativeScore: number;
	/** English emotion model: p(anger) at or above this is an anger signal. */
	angerProbability: number;
}

export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = {
	threshold: 1,
	strongNegativeScore: -0.8,
	angerProbability: 0.5,
};

export interface EscalationInput {
	polarity: Polarity;
	cues: CueMatches;
	shouting: Shouting;
	/** p(anger) from the English emotion model, when it ran. */
	anger?: number;
}

export interface Escalation {
	escalate: boolean;
	score: number;
	reasons: string[];
	/** Anger was found (lexicon or model): also raises intensity. */
	angry: boolean;
}

const LABELS = { threat: 'threat', churn: 'churn', repeat: 'repeated contact', urgency: 'urgency', profanity: 'profanity' } as const;

/** Escalation signals of one message, their weighted sum and the decision. */
export function escalationOf(input: EscalationInput, settings: EscalationSettings = DEFAULT_ESCALATION_SETTINGS): Escalation {
	const { polarity, cues, shouting } = input;
	const reasons: string[] = [];
	let score = 0;
	const signal = (weight: number, reason: string) => {
		score += weight;
		reasons.push(reason);
	};

	for (const kind of ['threat', 'churn', 'repeat', 'urgency', 'profanity'] as const) {
		const found = cues[kind];
		if (found) signal(SIGNAL_WEIGHTS[kind], `${LABELS[kind]}: ${found.join(', ')}`);
	}
	const modelAnger = input.anger !== undefined && input.anger >= settings.angerProbability;
	const angerWords = cues.anger ?? [];
	if (modelAnger || angerWords.length > 0) {
		const evidence = [...angerWords, ...(modelAnger ? [`model ${input.anger!.toFixed(2)}`] : [])];
		signal(SIGNAL_WEIGHTS.anger, `anger: ${evidence.join(', ')}`);
	}
	if (shouting.caps || shouting.punctuation) {
		const how = [
			...(shouting.caps ? [`${Math.round(shouting.capsShare * 100)} % capitals`] : []),
			...(shouting.punctuation ? [`${shouting.punctuationRun} × !/?`] : []),
		];
		signal(SIGNAL_WEIGHTS.shouting, `shouting: ${how.join(', ')}`);
	}
	if (polarity.label === 'negative') {
		const strong = polarity.score <= settings.strongNegativeScore;
		signal(
			SIGNAL_WEIGHTS.negative + (strong ? SIGNAL_WEIGHTS.stronglyNegative : 0),
			`${strong ? 'strongly negative' : 'negative'} (score ${polarity.score.toFixed(2)})`,
		);
	}
	score = Math.round(score * 1000) / 1000;
	return { escalate: score >= settings.threshold, score, reasons, angry: modelAnger || angerWords.length > 0 };
}
