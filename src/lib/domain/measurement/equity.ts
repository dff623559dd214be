/*
 * The engagement matrix and equity view: patient groups × formats (and × languages), with the
 * groups whose delivered format rarely matches a preferred one, and the groups, languages and
 * wards that do worse than the whole organisation, called out. A rate is only compared when it
 * rests on at least MIN_FOR_CALLOUT answers, so one unlucky patient does not flag a group.
 */
export const MIN_FOR_CALLOUT = 5;
/** A group's format fit under this share is "rarely matches". */
export const LOW_FIT = 50;
/** Percentage points below the whole organisation that are worth a look. */
export const GAP = 10;

export interface Tally {
	numerator: number;
	denominator: number;
}

export interface EquityInput {
	groups: ReadonlyArray<{ id: string; name: string; preferredFormats: readonly string[] }>;
	/**
	 * Briefings given, by group × format and group × language; `talkedAnswered`: of them, those
	 * whose talked-through question was answered (the rate's denominator; "not recorded" is
	 * left out of both sides). Absent: every one was answered.
	 */
	byGroupFormat: ReadonlyArray<{
		groupId: string;
		format: string;
		given: number;
		talked: number;
		talkedAnswered?: number;
	}>;
	byGroupLanguage: ReadonlyArray<{
		groupId: string;
		language: string;
		given: number;
		talked: number;
		talkedAnswered?: number;
	}>;
	/** Positive feedback over all FFT answers, by group (through the delivery) and by language. */
	feedbackByGroup: ReadonlyMap<string, Tally>;
	feedbackByLanguage: ReadonlyMap<string, Tally>;
	/** Coverage by ward, and for the organisation. */
	coverageByWard: ReadonlyArray<{ wardId: string; name: string } & Tally>;
}

export type Callout =
	| { kind: 'lowFit'; name: string; rate: number }
	| {
			kind: 'lowTalked' | 'lowFeedback' | 'lowCoverage';
			name: string;
			rate: number;
			whole: number;
	  };

const rate = (t: Tally) => (t.denominator > 0 ? (100 * t.numerator) / t.denominator : null);
const add = (a: Tally, b: Tally): Tally => ({
	numerator: a.numerator + b.numerator,
	denominator: a.denominator + b.denominator
});
const zero: Tally = { numerator: 0, denominator: 0 };

export function equityView(input: EquityInput) {
	const languages = [...new Set(input.byGroupLanguage.map((r) => r.language))].sort();
	const rows = input.groups.map((g) => {
		const formats = input.byGroupFormat.filter((r) => r.groupId === g.id);
		const given = formats.reduce((n, r) => n + r.given, 0);
		const fit: Tally = {
			numerator: formats
				.filter((r) => g.preferredFormats.includes(r.format))
				.reduce((n, r) => n + r.given, 0),
			denominator: given
		};
		const talked: Tally = {
			numerator: formats.reduce((n, r) => n + r.talked, 0),
			denominator: formats.reduce((n, r) => n + (r.talkedAnswered ?? r.given), 0)
		};
		return {
			id: g.id,
			name: g.name,
			given,
			byFormat: Object.fromEntries(formats.map((r) => [r.format, r.given])) as Record<
				string,
				number
			>,
			byLanguage: Object.fromEntries(
				input.byGroupLanguage.filter((r) => r.groupId === g.id).map((r) => [r.language, r.given])
			) as Record<string, number>,
			fit,
			talked,
			feedback: input.feedbackByGroup.get(g.id) ?? zero
		};
	});
	const whole = {
		talked: rows.reduce((t, r) => add(t, r.talked), zero),
		fit: rows.reduce((t, r) => add(t, r.fit), zero),
		feedback: [...input.feedbackByLanguage.values()].reduce(add, zero),
		coverage: input.coverageByWard.reduce<Tally>(add, zero)
	};

	const callouts: Callout[] = [];
	const below = (
		kind: 'lowTalked' | 'lowFeedback' | 'lowCoverage',
		name: string,
		t: Tally,
		w: Tally
	) => {
		const r = rate(t);
		const wr = rate(w);
		if (r !== null && wr !== null && t.denominator >= MIN_FOR_CALLOUT && r <= wr - GAP)
			callouts.push({ kind, name, rate: r, whole: wr });
	};
	for (const row of rows) {
		const fit = rate(row.fit);
		if (fit !== null && row.fit.denominator >= MIN_FOR_CALLOUT && fit < LOW_FIT)
			callouts.push({ kind: 'lowFit', name: row.name, rate: fit });
		below('lowTalked', row.name, row.talked, whole.talked);
		below('lowFeedback', row.name, row.feedback, whole.feedback);
	}
	const byLanguage = new Map<string, { talked: Tally; feedback: Tally }>();
	for (const language of languages) {
		const talked = input.byGroupLanguage
			.filter((r) => r.language === language)
			.reduce<Tally>(
				(t, r) => add(t, { numerator: r.talked, denominator: r.talkedAnswered ?? r.given }),
				zero
			);
		const feedback = input.feedbackByLanguage.get(language) ?? zero;
		byLanguage.set(language, { talked, feedback });
		below('lowTalked', language, talked, whole.talked);
		below('lowFeedback', language, feedback, whole.feedback);
	}
	for (const ward of input.coverageByWard) below('lowCoverage', ward.name, ward, whole.coverage);

	return {
		rows,
		languages,
		whole,
		callouts,
		rate,
		byLanguage,
		coverageByWard: input.coverageByWard
	};
}
export type EquityView = ReturnType<typeof equityView>;
