import { z } from 'zod';
import { contentLanguages, LanguageCode } from './language';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from './local-time';
import { emailAddress, personName } from './staff';

/*
 * What the platform admin (the service operator) types about an organisation. Messages are keys
 * in locales/<lang>/platform.json, under `platform.errors`.
 *
 * NHS ODS organisation codes (NHS Data Model and Dictionary, "Organisation Code" and
 * "Organisation Site Coding Frames"): capital letters and digits, by frame —
 *  - 3 characters: an organisation — NHS trusts (RXX, R0A, RH8), integrated care boards (QE1),
 *    sub-ICB locations (00L), Welsh health boards (7A1), independent sector providers (NV7);
 *  - 5 characters: one of their sites, the organisation's 3 and 2 more (RH802, 7A101, NV701), or
 *    a pharmacy (FA123);
 *  - 6 characters: a GP practice or prescribing cost centre, a letter and 5 digits (A81001).
 * Every code holds a letter. Typed in lower case, a code is stored in capitals.
 */
const odsPatterns = [/^[A-Z0-9]{3}$/, /^[A-Z0-9]{5}$/, /^[A-Z][0-9]{5}$/];

export function isOdsCode(code: string): boolean {
	return /[A-Z]/.test(code) && odsPatterns.some((p) => p.test(code));
}

export const OdsCode = z
	.string()
	.trim()
	.transform((code) => code.toUpperCase())
	.refine(isOdsCode, { error: 'platform.errors.odsCode' });

/** An organisation's public address, /o/<slug>/…: lower-case words joined by hyphens. */
export const OrganisationSlug = z
	.string()
	.trim()
	.max(60, { error: 'platform.errors.slug' })
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'platform.errors.slug' });

const PlatformTimeZone = z
	.string()
	.trim()
	.transform((name, ctx) => {
		const canonical = canonicalTimeZone(name || DEFAULT_TIME_ZONE);
		if (!canonical) ctx.addIssue({ code: 'custom', message: 'platform.errors.timeZone' });
		return canonical ?? name;
	});

/** An optional text field: left empty, it is null. */
const optional = <T extends z.ZodType<unknown, string>>(schema: T) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : null))
		.pipe(schema.nullable());

const contentLanguageCount = contentLanguages.length;

/** The settings of an organisation, as the create and edit forms send them. */
export const OrganisationSettings = z.strictObject({
	name: z
		.string({ error: 'platform.errors.name' })
		.trim()
		.min(1, { error: 'platform.errors.name' })
		.max(120, { error: 'platform.errors.nameLong' }),
	/** Empty: none yet (a new service's own test organisation, say). */
	odsCode: optional(OdsCode),
	/** Empty: one made from the name. */
	slug: optional(OrganisationSlug),
	timeZone: PlatformTimeZone.default(DEFAULT_TIME_ZONE),
	/** Printed on leaflets and shown to patients: who to contact about the content. */
	contact: z.string().trim().max(300, { error: 'platform.errors.contact' }).default(''),
	defaultLanguages: z
		.array(LanguageCode, { error: 'platform.errors.defaultLanguages' })
		.min(1, { error: 'platform.errors.defaultLanguages' })
		.max(contentLanguageCount, { error: 'platform.errors.defaultLanguages' })
});
export type OrganisationSettings = z.infer<typeof OrganisationSettings>;

/** The person who will run the new organisation: their link to set a password is shown once. */
export const FirstAdmin = z.strictObject({
	adminName: personName('platform.errors.adminName'),
	adminEmail: emailAddress('platform.errors.adminEmail')
});

export const NewOrganisation = z.strictObject({
	...OrganisationSettings.shape,
	...FirstAdmin.shape
});
export type NewOrganisation = z.infer<typeof NewOrganisation>;

/** The form's fields as strings, for showing a refused form again. */
export interface OrganisationFormValues {
	name: string;
	odsCode: string;
	slug: string;
	timeZone: string;
	contact: string;
	defaultLanguages: string[];
	adminEmail?: string;
	adminName?: string;
}
