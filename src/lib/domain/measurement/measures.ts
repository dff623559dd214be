/*
 * The measures of "Measurement for improvement", per period, for one slice of
 * ward × patient group × format × language (each filter optional).
 *
 * The server hands over counts already grouped by day (see the measurement repository); this
 * module turns them into one series per measure. Definitions:
 *   deliveries         records made (voided ones never reach here)            count
 *   coverage           briefings given (delivered or partly) ÷ admissions     %  ward or whole org only
 *   formatFit          given in one of the group's preferred formats ÷ given  %
 *   talkedThrough      given and talked through ÷ given with that answered     %
 *   teachBack          given with teach-back confirmed ÷ given with it answered %
 *   feedbackPositive   FFT very good + good ÷ every FFT answer, don't know in  %
 *   knowsHowToGetHelp  "yes" ÷ every answer to that question                  %
 * A question the nurse left unanswered is "not recorded": it is in neither the numerator nor
 * the denominator, and each point says how many given records were not recorded, so a board
 * sees what the rate rests on. Up is better for all of them. A percentage with no denominator in a period is missing
 * (null), never zero: a week with no admissions entered has no coverage, not 0% coverage.
 * Months: admissions are entered per ISO week, so a month's admissions are those of the weeks
 * whose Monday falls in it.
 * Coverage across wards: in a week when some wards of the slice (every ward, for the whole
 * organisation) entered admissions and others did not, numerator and denominator count the
 * same wards: the briefings given by wards that entered none that week (`uncovered`) are left
 * out, and the point says over how many of the wards it was counted. Example: Ward 7 entered
 * 20 admissions and gave 15; Ward 12 entered none and gave 10 → 15 / 20 = 75% over 1 of 2
 * wards, not 25 / 20 = 125%.
 */
import { z } from 'zod';
import type { Improvement } from './spc';
import { periodOf, periodsBetween, weekStartOf, type PeriodKind } from './period';

export const measureIds = [
	'coverage',
	'formatFit',
	'talkedThrough',
	'teachBack',
	'feedbackPositive',
	'knowsHowToGetHelp',
	'deliveries'
] as const;
export const MeasureId = z.enum(measureIds);
export type MeasureId = z.infer<typeof MeasureId>;

export interface MeasureDefinition {
	id: MeasureId;
	unit: 'percentage' | 'count';
	improvement: Improvement;
}

export const measures: Record<MeasureId, MeasureDefinition> = {
	coverage: { id: 'coverage', unit: 'percentage', improvement: 'increase' },
	formatFit: { id: 'formatFit', unit: 'percentage', improvement: 'increase' },
	talkedThrough: { id: 'talkedThrough', unit: 'percentage', improvement: 'increase' },
	teachBack: { id: 'teachBack', unit: 'percentage', improvement: 'increase' },
	feedbackPositive: { id: 'feedbackPositive', unit: 'percentage', improvement: 'increase' },
	knowsHowToGetHelp: { id: 'knowsHowToGetHelp', unit: 'percentage', improvement: 'increase' },
	deliveries: { id: 'deliveries', unit: 'count', improvement: 'increase' }
};

/** Which records count; an empty or absent list means every one. */
export interface Slice {
	wardIds?: readonly string[];
	patientGroupIds?: readonly string[];
	formats?: readonly string[];
	languages?: readonly string[];
}

const chosen = (list: readonly string[] | undefined) => Boolean(list?.length);

/** Admissions are counted per ward, so only a ward or the whole organisation has coverage. */
export function coverageAvailable(slice: Slice): boolean {
	return !chosen(slice.patientGroupIds) && !chosen(slice.formats) && !chosen(slice.languages);
}

/** Delivery records of one day, one group and one format, counted. */
export interface DeliveryCell {
	day: string;
	patientGroupId: string;
	format: string;
	total: number;
	given: number;
	talkedThrough: number;
	/** Given records whose talked-through question was answered (yes or no). */
	talkedThroughAnswered: number;
	teachBack: number;
	/** Given records whose teach-back question was answered. */
	teachBackAnswered: number;
}

/** Feedback of one day, counted. */
export interface FeedbackCell {
	day: string;
	overallAnswered: number;
	overallPositive: number;
	helpAnswered: number;
	helpYes: number;
}

export interface AdmissionCell {
	weekStart: string;
	admissions: number;
	/** The ward it was entered for (absent when already summed over wards). */
	wardId?: string;
}

/** Briefings given on a day by wards that entered no admissions for that day's week. */
export interface UncoveredCell {
	day: string;
	given: number;
}

export interface MeasurePoint {
	period: string;
	/** null: no denominator in this period (missing, not zero). */
	value: number | null;
	numerator: number;
	/** null for a count. */
	denominator: number | null;
	/** The period holding today: still filling, shown but never judged by the chart rules. */
	inProgress?: true;
	/** Talked through and teach-back: given records whose answer was not recorded. */
	notRecorded?: number;
	/**
	 * Coverage when some wards of the slice entered no admissions: it was counted over
	 * `entered` of the `inScope` wards (for a month, the fewest of any of its weeks).
	 */
	wards?: { entered: number; inScope: number };
}

export interface SeriesInput {
	deliveries: readonly DeliveryCell[];
	feedback: readonly FeedbackCell[];
	admissions: readonly AdmissionCell[];
	/** Each patient group's preferred formats. */
	preferredFormats: ReadonlyMap<string, readonly string[]>;
	kind: PeriodKind;
	slice: Slice;
	/** First and last day (YYYY-MM-DD) to show; every period between is listed. */
	from: string;
	to: string;
	/** Today (YYYY-MM-DD): the period holding it is marked in progress. */
	today?: string;
	/** Coverage across wards: how many wards the slice covers, and what they gave uncovered. */
	wardsInScope?: number;
	uncovered?: readonly UncoveredCell[];
}

interface Tally {
	total: number;
	given: number;
	fit: number;
	talked: number;
	talkedAnswered: number;
	teachBack: number;
	teachBackAnswered: number;
	overallAnswered: number;
	overallPositive: number;
	helpAnswered: number;
	helpYes: number;
	admissions: number;
	admissionsEntered: boolean;
	uncoveredGiven: number;
	/** Wards that entered admissions, per week of the period. */
	wardsByWeek: Map<string, Set<string>>;
}

const emptyTally = (): Tally => ({
	total: 0,
	given: 0,
	fit: 0,
	talked: 0,
	talkedAnswered: 0,
	teachBack: 0,
	teachBackAnswered: 0,
	overallAnswered: 0,
	overallPositive: 0,
	helpAnswered: 0,
	helpYes: 0,
	admissions: 0,
	admissionsEntered: false,
	uncoveredGiven: 0,
	wardsByWeek: new Map()
});

function percentage(numerator: number, denominator: number, period: string): MeasurePoint {
	return {
		period,
		value: denominator > 0 ? (100 * numerator) / denominator : null,
		numerator,
		denominator
	};
}

/** Every measure's series for the slice; periods with no data at all are still listed. */
export function computeSeries(input: SeriesInput): Record<MeasureId, MeasurePoint[]> {
	const periods = periodsBetween(input.from, input.to, input.kind);
	const tallies = new Map(periods.map((p) => [p, emptyTally()]));
	const tallyOf = (day: string) => tallies.get(periodOf(day, input.kind));

	for (const cell of input.deliveries) {
		const tally = tallyOf(cell.day);
		if (!tally) continue;
		tally.total += cell.total;
		tally.given += cell.given;
		tally.talked += cell.talkedThrough;
		tally.talkedAnswered += cell.talkedThroughAnswered;
		tally.teachBack += cell.teachBack;
		tally.teachBackAnswered += cell.teachBackAnswered;
		if (input.preferredFormats.get(cell.patientGroupId)?.includes(cell.format))
			tally.fit += cell.given;
	}
	for (const cell of input.feedback) {
		const tally = tallyOf(cell.day);
		if (!tally) continue;
		tally.overallAnswered += cell.overallAnswered;
		tally.overallPositive += cell.overallPositive;
		tally.helpAnswered += cell.helpAnswered;
		tally.helpYes += cell.helpYes;
	}
	for (const cell of input.admissions) {
		// A week belongs to the month of its Monday.
		const tally = tallies.get(periodOf(weekStartOf(cell.weekStart), input.kind));
		if (!tally) continue;
		tally.admissions += cell.admissions;
		tally.admissionsEntered = true;
		if (cell.wardId) {
			const wards = tally.wardsByWeek.get(cell.weekStart) ?? new Set<string>();
			tally.wardsByWeek.set(cell.weekStart, wards.add(cell.wardId));
		}
	}
	for (const cell of input.uncovered ?? []) {
		const tally = tallyOf(cell.day);
		if (tally) tally.uncoveredGiven += cell.given;
	}
	const inScope = input.wardsInScope;
	/** Over how many wards coverage was counted, when fewer than the slice's. */
	const wardsCounted = (t: Tally) => {
		if (!inScope || t.wardsByWeek.size === 0) return {};
		const entered = Math.min(...[...t.wardsByWeek.values()].map((w) => w.size));
		return entered < inScope ? { wards: { entered, inScope } } : {};
	};

	const withCoverage = coverageAvailable(input.slice);
	const current = input.today ? periodOf(input.today, input.kind) : undefined;
	const series = (point: (t: Tally, period: string) => MeasurePoint) =>
		periods.map((p) => {
			const made = point(tallies.get(p) ?? emptyTally(), p);
			return p === current ? { ...made, inProgress: true as const } : made;
		});
	return {
		coverage: series((t, p) =>
			withCoverage && t.admissionsEntered
				? { ...percentage(t.given - t.uncoveredGiven, t.admissions, p), ...wardsCounted(t) }
				: { period: p, value: null, numerator: t.given, denominator: null }
		),
		formatFit: series((t, p) => percentage(t.fit, t.given, p)),
		talkedThrough: series((t, p) => ({
			...percentage(t.talked, t.talkedAnswered, p),
			notRecorded: t.given - t.talkedAnswered
		})),
		teachBack: series((t, p) => ({
			...percentage(t.teachBack, t.teachBackAnswered, p),
			notRecorded: t.given - t.teachBackAnswered
		})),
		feedbackPositive: series((t, p) => percentage(t.overallPositive, t.overallAnswered, p)),
		knowsHowToGetHelp: series((t, p) => percentage(t.helpYes, t.helpAnswered, p)),
		deliveries: series((t, p) => ({
			period: p,
			value: t.total,
			numerator: t.total,
			denominator: null
		}))
	};
}

/**
 * The latest complete period that has a value; the period in progress only when nothing else
 * has one (a board should not read a Monday's handful as the week).
 */
export function latestValue(points: readonly MeasurePoint[]): MeasurePoint | undefined {
	const valued = points.filter((p) => p.value !== null);
	return valued.findLast((p) => !p.inProgress) ?? valued.at(-1);
}

/** Whether a series has anything to chart. */
export function hasData(points: readonly MeasurePoint[]): boolean {
	return points.some((p) => p.value !== null && (p.denominator !== null || p.value > 0));
}

/** The chart page's filters as the URL carries them; anything unreadable is simply not applied. */
export const SliceQuery = z.object({
	ward: z.uuid().optional().catch(undefined),
	group: z.uuid().optional().catch(undefined),
	format: z.enum(['video', 'leaflet', 'easyRead', 'faceToFace']).optional().catch(undefined),
	language: z
		.string()
		.regex(/^[a-zA-Z-]{2,8}$/)
		.optional()
		.catch(undefined),
	period: z.enum(['week', 'month']).catch('week')
});
export type SliceQuery = z.infer<typeof SliceQuery>;

export function sliceOf(query: SliceQuery): Slice {
	const list = (v: string | undefined) => (v ? [v] : []);
	return {
		wardIds: list(query.ward),
		patientGroupIds: list(query.group),
		formats: list(query.format),
		languages: list(query.language)
	};
}
