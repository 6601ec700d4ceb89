import type { CueMatches } from './lexicon';
import type { Polarity } from './polarity';
import type { Shouting } from './shouting';

/**
 * Weight of each escalation signal; a message escalates when the weights of the signals it shows add
 * up to the threshold (1 by default). So a threat (regulator, lawyer, chargeback, the press) escalates
 * alone; churn, repeated contact, a demand for a manager, profanity and anger escalate a negative
 * message (or one whose score leans negative); urgency and shouting escalate a strongly negative one,
 * or one of them with another cue.
 */
export const SIGNAL_WEIGHTS = {
	threat: 1,
	churn: 0.6,
	repeat: 0.6,
	manager: 0.6,
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
	/**
	 * Score at or below which a message the model calls neutral still counts as negative here, when the
	 * message has a cue in its words (a lexicon phrase or shouting). Customers who state a grievance
	 * without emotive words ("Fourth time I've asked for the same refund") often score just under 0 with
	 * the neutral class winning; the cue says the rest.
	 */
	leaningNegativeScore: number;
	/** English emotion model: p(anger) at or above this is an anger signal. */
	angerProbability: number;
}

export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = {
	threshold: 1,
	strongNegativeScore: -0.8,
	leaningNegativeScore: -0.1,
	// Trained on balanced classes, the emotion model lifts rare anger: from 0.5 it fires on plain requests
	// ("I don't want my profile, help me cancel it": 0.57); 0.6 escalates 71 fewer of Bitext's 21,534
	// requests and keeps every escalation of the labelled sets.
	angerProbability: 0.6,
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

/** Cues that are signals by themselves (anger joins the emotion model's), with the names reasons give them. */
const LABELS = {
	threat: 'threat',
	churn: 'churn',
	repeat: 'repeated contact',
	manager: 'asks for a manager',
	urgency: 'urgency',
	profanity: 'profanity',
} as const;

/** Escalation signals of one message, their weighted sum and the decision. */
export function escalationOf(input: EscalationInput, settings: EscalationSettings = DEFAULT_ESCALATION_SETTINGS): Escalation {
	const { polarity, cues, shouting } = input;
	const reasons: string[] = [];
	let score = 0;
	const signal = (weight: number, reason: string) => {
		score += weight;
		reasons.push(reason);
	};

	let lexiconCues = 0;
	for (const kind of Object.keys(LABELS) as Array<keyof typeof LABELS>) {
		const found = cues[kind];
		if (found) {
			signal(SIGNAL_WEIGHTS[kind], `${LABELS[kind]}: ${found.join(', ')}`);
			lexiconCues++;
		}
	}
	const modelAnger = input.anger !== undefined && input.anger >= settings.angerProbability;
	const angerWords = cues.anger ?? [];
	if (modelAnger || angerWords.length > 0) {
		const evidence = [...angerWords, ...(modelAnger ? [`model ${input.anger!.toFixed(2)}`] : [])];
		signal(SIGNAL_WEIGHTS.anger, `anger: ${evidence.join(', ')}`);
	}
	const shouted = shouting.caps || shouting.punctuation;
	if (shouted) {
		const how = [
			...(shouting.caps ? [`${Math.round(shouting.capsShare * 100)} % capitals`] : []),
			...(shouting.punctuation ? [`${shouting.punctuationRun} × !/?`] : []),
		];
		signal(SIGNAL_WEIGHTS.shouting, `shouting: ${how.join(', ')}`);
	}
	// The emotion model's anger does not count: it and a score near 0 misfire together on plain requests
	// ("I don't have an account, can you create one?").
	const hasWrittenCue = lexiconCues > 0 || angerWords.length > 0 || shouted;
	if (polarity.label === 'negative') {
		const strong = polarity.score <= settings.strongNegativeScore;
		signal(
			SIGNAL_WEIGHTS.negative + (strong ? SIGNAL_WEIGHTS.stronglyNegative : 0),
			`${strong ? 'strongly negative' : 'negative'} (score ${polarity.score.toFixed(2)})`,
		);
	} else if (hasWrittenCue && polarity.label === 'neutral' && polarity.score <= settings.leaningNegativeScore) {
		signal(SIGNAL_WEIGHTS.negative, `leans negative (score ${polarity.score.toFixed(2)})`);
	}
	score = Math.round(score * 1000) / 1000;
	return { escalate: score >= settings.threshold, score, reasons, angry: modelAnger || angerWords.length > 0 };
}
