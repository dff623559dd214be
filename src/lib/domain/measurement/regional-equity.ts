import {
	equityView,
	LOW_FIT,
	MIN_FOR_CALLOUT,
	type Callout,
	type EquityInput,
	type EquityView,
	type Tally
} from './equity';

/*
 * The equity view across a region: one row per organisation (its briefings given by format and
 * language, format fit, talked through and feedback), the region as the whole, and the languages
 * and organisations that do worse than the region called out — the organisation's equity view
 * (equity.ts) with organisations in place of patient groups. Patient groups are each
 * organisation's own, so they are not added up across organisations; each organisation's format
 * fit is worked out against its own groups' preferred formats first.
 *
 * What each organisation shares decides what it adds: its counts and format fit only when it
 * shares format fit; talked through and feedback only when it shares those too (otherwise they
 * count as nothing answered, so the region's rate is over the organisations that share it).
 * The caller leaves out organisations that share none of the three.
 */
export interface RegionalEquityPart {
	id: string;
	name: string;
	input: EquityInput;
	shares: { talkedThrough: boolean; feedbackPositive: boolean };
}

const zero: Tally = { numerator: 0, denominator: 0 };
const add = (a: Tally, b: Tally): Tally => ({
	numerator: a.numerator + b.numerator,
	denominator: a.denominator + b.denominator
});

function sumBy<K extends 'format' | 'language'>(
	rows: EquityInput['byGroupFormat'] | EquityInput['byGroupLanguage'],
	key: K,
	talked: boolean
) {
	const out = new Map<string, { given: number; talked: number; talkedAnswered: number }>();
	for (const r of rows) {
		const k = (r as Record<string, unknown>)[key] as string;
		const s = out.get(k) ?? { given: 0, talked: 0, talkedAnswered: 0 };
		s.given += r.given;
		if (talked) {
			s.talked += r.talked;
			s.talkedAnswered += r.talkedAnswered ?? r.given;
		}
		out.set(k, s);
	}
	return out;
}

export function regionalEquityView(parts: readonly RegionalEquityPart[]): EquityView {
	const own = parts.map((p) => ({ ...p, view: equityView(p.input) }));
	const input: EquityInput = {
		groups: own.map((p) => ({ id: p.id, name: p.name, preferredFormats: [] })),
		byGroupFormat: own.flatMap((p) =>
			[...sumBy(p.input.byGroupFormat, 'format', p.shares.talkedThrough)].map(([format, s]) => ({
				groupId: p.id,
				format,
				...s
			}))
		),
		byGroupLanguage: own.flatMap((p) =>
			[...sumBy(p.input.byGroupLanguage, 'language', p.shares.talkedThrough)].map(
				([language, s]) => ({ groupId: p.id, language, ...s })
			)
		),
		feedbackByGroup: new Map(
			own.map((p) => [p.id, p.shares.feedbackPositive ? p.view.whole.feedback : zero])
		),
		feedbackByLanguage: own.reduce((all, p) => {
			if (!p.shares.feedbackPositive) return all;
			for (const [language, t] of p.input.feedbackByLanguage)
				all.set(language, add(all.get(language) ?? zero, t));
			return all;
		}, new Map<string, Tally>()),
		coverageByWard: []
	};
	const view = equityView(input);
	// Format fit: each organisation's own, against its own groups' preferred formats.
	const rows = view.rows.map((row, i) => ({ ...row, fit: own[i]?.view.whole.fit ?? zero }));
	const fitCallouts: Callout[] = rows.flatMap((row) => {
		const rate = view.rate(row.fit);
		return rate !== null && row.fit.denominator >= MIN_FOR_CALLOUT && rate < LOW_FIT
			? [{ kind: 'lowFit' as const, name: row.name, rate }]
			: [];
	});
	return {
		...view,
		rows,
		whole: { ...view.whole, fit: rows.reduce((t, r) => add(t, r.fit), zero) },
		callouts: [...fitCallouts, ...view.callouts.filter((c) => c.kind !== 'lowFit')]
	};
}
