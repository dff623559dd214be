import {
	discloseEquity,
	type DisclosedChart,
	type DisclosedEquity
} from '$lib/domain/measurement/disclosure';
import { funnelPlot } from '$lib/domain/measurement/funnel';
import { regionalEquityView } from '$lib/domain/measurement/regional-equity';
import {
	regionalMeasures,
	type FunnelRow,
	type RegionalMeasure,
	type RegionalMeasureView
} from '$lib/domain/region';
import type { Db } from '../db/database';
import { equityInput } from '../repositories/equity';
import { receivedCharts } from './aggregates';
import { disclosedMonthlyCharts } from './monthly-charts';

/*
 * What a regional lead sees: per shared measure, each organisation's monthly XmR chart and a
 * funnel plot of the latest complete month; and the equity view across the region. Everything
 * is built here on the server through disclosure control, as any reader who is not the
 * organisation's own lead sees it (no raw counts; 1–4 and whatever would give one away hidden,
 * joint with the organisation's other pages), and only that reaches the browser.
 *
 * The funnel plot's figures are the charts' own rows for that month, not new totals: a month
 * hidden on an organisation's chart is hidden on the funnel plot too, and the regional rate is
 * pooled over the organisations shown, so no hidden figure can be worked back from it.
 * An organisation that does not share a measure is in none of it: not read, not listed.
 * Organisations on a service of their own are here through the files they sent (aggregates.ts):
 * their charts and funnel figures, not their equity view, which needs figures they do not send.
 */

const DAY_MS = 86_400_000;
/** The equity view covers the last year, as the organisation's own. */
const EQUITY_DAYS = 364;

export interface RegionalView {
	measures: RegionalMeasureView[];
	equity: DisclosedEquity | null;
	/** How many organisations share at least one measure (here or sent from their own service). */
	sharing: number;
	/** How many of those sent their figures from a service of their own (not in the equity view). */
	received: number;
}

interface Member {
	id: string;
	name: string;
	shares: Set<RegionalMeasure>;
}

/** The region's trusts (not suspended) with what each shares; those sharing nothing left out. */
async function members(db: Db, regionId: string): Promise<Member[]> {
	const rows = await db
		.selectFrom('region_member as m')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.innerJoin('region_share as s', 's.organisation_id', 'm.organisation_id')
		.select(['o.id', 'o.name', 's.measure'])
		.where('m.region_id', '=', regionId)
		.where('o.kind', '=', 'trust')
		.where('o.suspended_at', 'is', null)
		.orderBy('o.name')
		.execute(); // tenancy: the region decides the organisations; only their shared measures
	const byId = new Map<string, Member>();
	for (const r of rows) {
		const m = byId.get(r.id) ?? { id: r.id, name: r.name, shares: new Set() };
		if ((regionalMeasures as readonly string[]).includes(r.measure))
			m.shares.add(r.measure as RegionalMeasure);
		byId.set(r.id, m);
	}
	return [...byId.values()].filter((m) => m.shares.size > 0);
}

/** One organisation's monthly charts of the measures it shares, disclosed. */
function chartsOf(db: Db, member: Member, now: Date) {
	return disclosedMonthlyCharts(
		db,
		member.id,
		regionalMeasures.filter((m) => member.shares.has(m)),
		now
	);
}

function measureView(
	measure: RegionalMeasure,
	charts: Array<{ id: string; name: string; chart: DisclosedChart }>
): RegionalMeasureView {
	const complete = charts.flatMap((c) =>
		c.chart.rows.filter((r) => !r.inProgress).map((r) => r.period)
	);
	const period = complete.length ? complete.reduce((a, b) => (b > a ? b : a)) : null;
	const rows: FunnelRow[] = charts.map(({ id, name, chart }) => {
		// A month still in progress is never compared (the one compared is complete everywhere).
		const row = chart.rows.find((r) => r.period === period && !r.inProgress);
		if (!row || row.denominator === null || row.denominator === 0)
			return { id, name, status: row?.withheld.value ? 'withheld' : 'none' };
		if (row.withheld.value || row.numerator === null || row.value === null)
			return { id, name, status: 'withheld' };
		return { id, name, status: 'shown', numerator: row.numerator, denominator: row.denominator };
	});
	const plot = funnelPlot(
		rows.flatMap((r) =>
			r.status === 'shown'
				? [{ id: r.id, name: r.name, numerator: r.numerator ?? 0, denominator: r.denominator ?? 0 }]
				: []
		)
	);
	const judged = new Map(plot?.units.map((u) => [u.id, u]));
	return {
		measure,
		period,
		rows: rows.map((r) => {
			const u = judged.get(r.id);
			return u ? { ...r, rate: u.rate, position: u.position, limits: u.limits } : r;
		}),
		centre: plot?.centre ?? null,
		total: plot
			? {
					numerator: plot.units.reduce((s, u) => s + u.numerator, 0),
					denominator: plot.units.reduce((s, u) => s + u.denominator, 0)
				}
			: null,
		curve: plot?.curve ?? [],
		charts
	};
}

/** The regional view of a region, as of `now`. */
export async function regionalView(
	db: Db,
	regionId: string,
	now = new Date()
): Promise<RegionalView> {
	const [sharing, received] = await Promise.all([
		members(db, regionId),
		receivedCharts(db, regionId)
	]);
	const charts = await Promise.all(sharing.map((m) => chartsOf(db, m, now)));
	// Organisations here and those on their own service (received), side by side, by name.
	const all = [
		...sharing.map((m, i) => ({ id: m.id, name: m.name, charts: charts[i] })),
		...received.map((r) => ({ id: r.id, name: r.name, charts: r.charts }))
	].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
	const views = regionalMeasures.map((measure) =>
		measureView(
			measure,
			all.flatMap((m) => {
				const chart = m.charts?.get(measure);
				return chart ? [{ id: m.id, name: m.name, chart }] : [];
			})
		)
	);
	const fromDay = new Date(now.getTime() - EQUITY_DAYS * DAY_MS).toISOString().slice(0, 10);
	const equityMembers = sharing.filter((m) => m.shares.has('formatFit'));
	const parts = await Promise.all(
		equityMembers.map(async (m) => ({
			id: m.id,
			name: m.name,
			input: await equityInput(db, m.id, fromDay),
			shares: {
				talkedThrough: m.shares.has('talkedThrough'),
				feedbackPositive: m.shares.has('feedbackPositive')
			}
		}))
	);
	return {
		measures: views,
		equity: parts.length ? discloseEquity(regionalEquityView(parts), false) : null,
		sharing: sharing.length + received.length,
		received: received.length
	};
}
