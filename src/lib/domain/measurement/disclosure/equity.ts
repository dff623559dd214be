import { briefingFormats } from '../../format';
import type { Callout, EquityView, Tally } from '../equity';
import { protect, type Line } from './cells';
import { rateShown } from './rules';

/*
 * The equity page as its reader may see it. Everything on the page is one system of cells and
 * lines, protected together:
 *   counts   group × format (with each group's total and the whole-organisation row) and
 *            group × language (whose rows add up to the same group totals);
 *   rates    format fit and talked through per group and for the whole organisation: a shown
 *            rate gives away its numerator (rate × the shown total), so the numerators are
 *            cells too, adding up to the whole organisation's — as do the numerators of the
 *            languages called out, and coverage of the wards called out.
 * Feedback rates rest on numbers of answers that are never shown, so only the rule for a single
 * rate applies to them. A call-out is shown only when its rate and the whole organisation's are.
 */
export type ShownCount = number | 'withheld';
export type ShownRate = number | 'withheld' | 'none';

export interface DisclosedEquityRow {
	id: string;
	name: string;
	byFormat: Record<string, ShownCount>;
	byLanguage: Record<string, ShownCount>;
	given: ShownCount;
	fit: ShownRate;
	talked: ShownRate;
	feedback: ShownRate;
}

export interface DisclosedEquity {
	rows: DisclosedEquityRow[];
	whole: Omit<DisclosedEquityRow, 'id' | 'name' | 'byLanguage'>;
	languages: string[];
	callouts: Callout[];
}

const zero: Tally = { numerator: 0, denominator: 0 };

/** The count cells and their lines: groups × formats with totals, groups × languages. */
function countTable(view: EquityView) {
	const values = new Map<string, number>();
	const lines: Line[] = [];
	for (const row of view.rows) {
		values.set(`given:${row.id}`, row.given);
		for (const f of briefingFormats) values.set(`f:${row.id}:${f}`, row.byFormat[f] ?? 0);
		for (const l of view.languages) values.set(`l:${row.id}:${l}`, row.byLanguage[l] ?? 0);
		lines.push({ total: `given:${row.id}`, parts: briefingFormats.map((f) => `f:${row.id}:${f}`) });
		lines.push({ total: `given:${row.id}`, parts: view.languages.map((l) => `l:${row.id}:${l}`) });
	}
	for (const f of briefingFormats) {
		values.set(
			`fw:${f}`,
			view.rows.reduce((n, r) => n + (r.byFormat[f] ?? 0), 0)
		);
		lines.push({ total: `fw:${f}`, parts: view.rows.map((r) => `f:${r.id}:${f}`) });
	}
	values.set(
		'given:whole',
		view.rows.reduce((n, r) => n + r.given, 0)
	);
	lines.push({ total: 'given:whole', parts: briefingFormats.map((f) => `fw:${f}`) });
	lines.push({ total: 'given:whole', parts: view.rows.map((r) => `given:${r.id}`) });
	return { values, lines };
}

/** The rates' numerators as cells: hidden when their rate may not be shown or is not shown. */
function rateTable(view: EquityView, counts: ReadonlySet<string>) {
	const values = new Map<string, number>();
	const lines: Line[] = [];
	const hidden = new Set<string>();
	const calledOut = (kind: Callout['kind'], name: string) =>
		view.callouts.some((c) => c.kind === kind && c.name === name);
	const cell = (id: string, t: Tally, denominatorHidden: boolean, onPage = true) => {
		values.set(id, t.numerator);
		if (!onPage || !rateShown(t.numerator, t.denominator, denominatorHidden)) hidden.add(id);
	};
	for (const measure of ['fit', 'talked'] as const) {
		for (const row of view.rows)
			cell(`${measure}:${row.id}`, row[measure], counts.has(`given:${row.id}`));
		cell(`${measure}:whole`, view.whole[measure], counts.has('given:whole'));
		lines.push({ total: `${measure}:whole`, parts: view.rows.map((r) => `${measure}:${r.id}`) });
	}
	for (const language of view.languages) {
		const columnHidden = view.rows.some((r) => counts.has(`l:${r.id}:${language}`));
		const talked = view.byLanguage.get(language)?.talked ?? zero;
		cell(`tl:${language}`, talked, columnHidden, calledOut('lowTalked', language));
	}
	lines.push({ total: 'talked:whole', parts: view.languages.map((l) => `tl:${l}`) });
	for (const ward of view.coverageByWard)
		cell(`cov:${ward.wardId}`, ward, false, calledOut('lowCoverage', ward.name));
	cell('cov:whole', view.whole.coverage, false);
	lines.push({ total: 'cov:whole', parts: view.coverageByWard.map((w) => `cov:${w.wardId}`) });
	return { values, lines, hidden };
}

export function discloseEquity(view: EquityView, raw: boolean): DisclosedEquity {
	const table = countTable(view);
	const counts = raw ? new Set<string>() : protect(table.values, table.lines);
	const numerators = rateTable(view, counts);
	const rates = raw
		? new Set<string>()
		: protect(numerators.values, numerators.lines, numerators.hidden);

	const count = (id: string): ShownCount =>
		counts.has(id) ? 'withheld' : (table.values.get(id) ?? 0);
	const rate = (t: Tally, hidden: boolean): ShownRate =>
		t.denominator === 0 ? 'none' : hidden ? 'withheld' : (100 * t.numerator) / t.denominator;
	const feedbackShown = (t: Tally) => raw || rateShown(t.numerator, t.denominator);

	const rows = view.rows.map((r): DisclosedEquityRow => ({
		id: r.id,
		name: r.name,
		byFormat: Object.fromEntries(briefingFormats.map((f) => [f, count(`f:${r.id}:${f}`)])),
		byLanguage: Object.fromEntries(view.languages.map((l) => [l, count(`l:${r.id}:${l}`)])),
		given: count(`given:${r.id}`),
		fit: rate(r.fit, rates.has(`fit:${r.id}`)),
		talked: rate(r.talked, rates.has(`talked:${r.id}`)),
		feedback: rate(r.feedback, !feedbackShown(r.feedback))
	}));
	const whole = {
		byFormat: Object.fromEntries(briefingFormats.map((f) => [f, count(`fw:${f}`)])),
		given: count('given:whole'),
		fit: rate(view.whole.fit, rates.has('fit:whole')),
		talked: rate(view.whole.talked, rates.has('talked:whole')),
		feedback: rate(view.whole.feedback, !feedbackShown(view.whole.feedback))
	};

	const groupOf = new Map(view.rows.map((r, i) => [r.name, rows[i] as DisclosedEquityRow]));
	const wardOf = new Map(view.coverageByWard.map((w) => [w.name, w.wardId]));
	const isShown = (r: ShownRate) => typeof r === 'number';
	const shown = (c: Callout): boolean => {
		const row = groupOf.get(c.name);
		switch (c.kind) {
			case 'lowFit':
				return isShown(row?.fit ?? 'none');
			case 'lowTalked':
				return isShown(whole.talked) && (row ? isShown(row.talked) : !rates.has(`tl:${c.name}`));
			case 'lowFeedback':
				return (
					isShown(whole.feedback) &&
					(row
						? isShown(row.feedback)
						: feedbackShown(view.byLanguage.get(c.name)?.feedback ?? zero))
				);
			case 'lowCoverage':
				return !rates.has('cov:whole') && !rates.has(`cov:${wardOf.get(c.name)}`);
		}
	};
	return { rows, whole, languages: view.languages, callouts: view.callouts.filter(shown) };
}
