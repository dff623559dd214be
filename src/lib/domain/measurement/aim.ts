import { z } from 'zod';
import { measureIds } from './measures';

/*
 * An aim: what, how much, for whom, by when, judged on which measure ("By 31 March 2027, 90% of
 * admissions to Ward 7 receive a briefing in a format that suits them"). No wards or no groups
 * chosen means all of them.
 */
export const AimForm = z.strictObject({
	title: z
		.string()
		.trim()
		.min(1, { error: 'aim.errors.title' })
		.max(200, { error: 'aim.errors.title' }),
	measure: z
		.enum(measureIds, { error: 'aim.errors.measure' })
		.refine((m) => m !== 'deliveries', { error: 'aim.errors.measure' }),
	target: z
		.string()
		.trim()
		.regex(/^\d{1,3}(\.\d+)?$/, { error: 'aim.errors.target' })
		.transform(Number)
		.pipe(
			// Above 0: an aim of 0% is met before it starts.
			z.number().gt(0, { error: 'aim.errors.target' }).max(100, { error: 'aim.errors.target' })
		),
	dueBy: z.iso.date({ error: 'aim.errors.dueBy' }),
	wardIds: z
		.array(z.uuid({ error: 'aim.errors.wardIds' }))
		.max(50)
		.default([]),
	patientGroupIds: z
		.array(z.uuid({ error: 'aim.errors.patientGroupIds' }))
		.max(50)
		.default([])
});
export type AimForm = z.infer<typeof AimForm>;

export interface Aim extends AimForm {
	id: string;
	createdAt: string;
}

/*
 * Closing an aim: it was achieved, or it was stopped (dropped, or replaced by another). A closed
 * aim leaves the current aims but stays readable, and can be reopened.
 */
export const aimOutcomes = ['achieved', 'stopped'] as const;
export type AimOutcome = (typeof aimOutcomes)[number];

export const CloseAimForm = z.strictObject({
	outcome: z.enum(aimOutcomes, { error: 'aimEdit.errors.outcome' })
});
export type CloseAimForm = z.infer<typeof CloseAimForm>;

/** How an aim was closed, and the organisation's day it was; null while it is current. */
export type AimClosed = { outcome: AimOutcome; on: string } | null;

/** Progress toward an aim: where the latest value stands against the target. */
export function aimProgress(
	latest: number | null,
	target: number,
	dueBy: string,
	today: string
): 'met' | 'notYet' | 'noData' | 'missed' {
	if (latest === null) return 'noData';
	if (latest >= target) return 'met';
	return today > dueBy ? 'missed' : 'notYet';
}

export const chartKinds = ['xmr', 'run'] as const;
export const ChartKind = z.enum(chartKinds);
export type ChartKind = z.infer<typeof ChartKind>;

/** How many points a fixed baseline may have; its messages name both bounds from here. */
export const baselinePointsRange = { min: 12, max: 500 } as const;

/** How a lead wants a measure charted: XmR or run chart, a fixed baseline, rebase dates. */
export const ChartSettingsForm = z.strictObject({
	chart: z.enum(chartKinds, { error: 'settings.errors.chart' }),
	baselinePoints: z
		.string()
		.trim()
		.regex(/^(\d+)?$/, { error: 'settings.errors.baselinePoints' })
		.transform((v) => (v === '' ? null : Number(v)))
		.refine((v) => v === null || (v >= baselinePointsRange.min && v <= baselinePointsRange.max), {
			error: 'settings.errors.baselinePoints'
		}),
	rebaseAt: z
		.string()
		.trim()
		.max(2000)
		.transform((v) =>
			v
				.split(/[\s,]+/)
				.filter(Boolean)
				.sort()
		)
		.refine((dates) => dates.every((d) => z.iso.date().safeParse(d).success), {
			error: 'settings.errors.rebaseAt'
		})
});
export type ChartSettingsForm = z.infer<typeof ChartSettingsForm>;
export type ChartSettings = ChartSettingsForm;

export const defaultChartSettings: ChartSettings = {
	chart: 'xmr',
	baselinePoints: null,
	rebaseAt: []
};

/** A change tried (PDSA), drawn on the charts at its date. */
export const AnnotationForm = z.strictObject({
	onDate: z.iso.date({ error: 'annotations.errors.onDate' }),
	text: z
		.string()
		.trim()
		.min(1, { error: 'annotations.errors.text' })
		.max(140, { error: 'annotations.errors.text' }),
	wardId: z
		.string()
		.transform((v) => (v === '' ? null : v))
		.pipe(z.uuid({ error: 'annotations.errors.wardId' }).nullable())
		.default(null)
});
export type AnnotationForm = z.infer<typeof AnnotationForm>;

/** The same fields, for a note already drawn: which one is changed. */
export const AnnotationEditForm = AnnotationForm.extend({
	noteId: z.uuid({ error: 'annotations.errors.noteId' })
});
export type AnnotationEditForm = z.infer<typeof AnnotationEditForm>;

export const AnnotationRemoveForm = z.strictObject({
	noteId: z.uuid({ error: 'annotations.errors.noteId' })
});
