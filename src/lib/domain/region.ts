import { z } from 'zod';

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

/** Places an organisation in a region, or (regionId empty) takes it out of its region. */
export const PlaceForm = z.strictObject({
	organisationId: z.uuid({ error: 'errors.organisationId' }),
	regionId: z
		.string({ error: 'errors.regionId' })
		.trim()
		.transform((v) => (v === '' ? null : v))
		.pipe(z.uuid({ error: 'errors.regionId' }).nullable())
});

/** One measure's choice: share it with the region or not. */
export const ShareForm = z.strictObject({
	measure: RegionalMeasure,
	shared: z.enum(['yes', 'no'], { error: 'errors.shared' })
});
