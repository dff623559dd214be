import { z } from 'zod';
import { emailAddress, personName } from './staff';
import type { DisclosedChart } from './measurement/disclosure';
import type { FunnelLimits, FunnelPlot, FunnelPosition } from './measurement/funnel';

/*
 * The regional view (issue 19, part 3): what an organisation may share with its region, and
 * what the platform admin and the organisation's admin type about it. Messages are keys in
 * locales/<lang>/region.json, under `errors`.
 */

/** The measures an organisation may share with its region, each its own choice. */
export const regionalMeasures = [
	'coverage',
	'formatFit',
	'talkedThrough',
	'feedbackPositive'
] as const;
export const RegionalMeasure = z.enum(regionalMeasures, { error: 'errors.measure' });
export type RegionalMeasure = z.infer<typeof RegionalMeasure>;

export const RegionForm = z.strictObject({
	name: z
		.string({ error: 'errors.name' })
		.trim()
		.min(1, { error: 'errors.name' })
		.max(120, { error: 'errors.name' })
});

/** The platform admin invites a regional lead for a region: they set their own password. */
export const InviteRegionalLeadForm = z.strictObject({
	regionId: z.uuid({ error: 'errors.regionId' }),
	displayName: personName('errors.displayName'),
	email: emailAddress('errors.email')
});
export type InviteRegionalLeadForm = z.infer<typeof InviteRegionalLeadForm>;

/** Places an organisation in a region, or (regionId empty) takes it out of its region. */
export const PlaceForm = z.strictObject({
	organisationId: z.uuid({ error: 'errors.organisationId' }),
	regionId: z
		.string({ error: 'errors.regionId' })
		.trim()
		.transform((v) => (v === '' ? null : v))
		.pipe(z.uuid({ error: 'errors.regionId' }).nullable())
});

/** The organisation admin's choice: the measures ticked are shared, the others not. */
export const SharesForm = z.strictObject({
	measures: z.array(RegionalMeasure).max(regionalMeasures.length).default([])
});

/** One organisation on a funnel plot, as the regional lead may see it. */
export interface FunnelRow {
	id: string;
	name: string;
	/** shown: plotted; withheld: hidden by disclosure control; none: no denominator that month. */
	status: 'shown' | 'withheld' | 'none';
	numerator?: number;
	denominator?: number;
	rate?: number;
	position?: FunnelPosition;
	limits?: FunnelLimits;
}

export interface RegionalMeasureView {
	measure: RegionalMeasure;
	/** The month compared (YYYY-MM), or null when no organisation has a complete month. */
	period: string | null;
	rows: FunnelRow[];
	centre: number | null;
	total: { numerator: number; denominator: number } | null;
	curve: FunnelPlot['curve'];
	charts: Array<{ id: string; name: string; chart: DisclosedChart }>;
}
