import { z } from 'zod';
import { BriefingVariant } from './briefing';
import { Id, IsoDate, IsoDateTime } from './ids';
import { LanguageCode } from './language';
import { DEFAULT_TIME_ZONE, TimeZone } from './local-time';
import { PatientGroup } from './patient-group';

/**
 * Everything a ward device needs to deliver briefings with no network: the organisation's
 * wards, its patient groups with the briefings each gets, and the published version of each
 * briefing with all its variants. Kept on the device and refreshed whenever it is online.
 */
export const WardContent = z.strictObject({
	fetchedAt: IsoDateTime,
	organisationName: z.string(),
	/** Its public address (/o/<slug>): the patient's QR link names it. Empty in content kept
	 * from before 016, whose links use /b/<slug> (which redirects while the slug is unique). */
	organisationSlug: z.string().default(''),
	/** The organisation's zone: the device's "today" is the organisation's, not the tablet's. */
	timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
	/** Listed first among the "other languages" on the language step (empty in older content). */
	defaultLanguages: z.array(LanguageCode).default([]),
	wards: z.array(z.strictObject({ id: Id, name: z.string() })),
	groups: z.array(
		z.strictObject({
			...PatientGroup.pick({
				id: true,
				name: true,
				description: true,
				communicationNeeds: true,
				preferredFormats: true,
				usualLanguages: true,
				ageBands: true
			}).shape,
			briefingIds: z.array(Id)
		})
	),
	briefings: z.array(
		z.strictObject({
			id: Id,
			slug: z.string(),
			topic: z.string(),
			versionId: Id,
			versionNumber: z.number().int().positive(),
			reviewBy: IsoDate,
			isExample: z.boolean(),
			variants: z.array(BriefingVariant)
		})
	)
});
export type WardContent = z.infer<typeof WardContent>;
export type WardGroup = WardContent['groups'][number];
export type WardBriefing = WardContent['briefings'][number];
