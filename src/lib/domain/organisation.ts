import { z } from 'zod';
import { Id } from './ids';
import { DEFAULT_TIME_ZONE, TimeZone } from './local-time';

export const Organisation = z.strictObject({
	id: Id,
	name: z.string().trim().min(1).max(120),
	/** Shown to patients: who to contact about the content. */
	contact: z.string().trim().max(300).default(''),
	/** IANA name: decides the organisation's days, ISO weeks and months everywhere. */
	timeZone: TimeZone.default(DEFAULT_TIME_ZONE)
});
export type Organisation = z.infer<typeof Organisation>;

export const Ward = z.strictObject({
	id: Id,
	organisationId: Id,
	name: z.string().trim().min(1).max(80),
	specialty: z.string().trim().max(80).default('')
});
export type Ward = z.infer<typeof Ward>;

/** "Northfield Hospitals NHS Trust" → "northfield-hospitals-nhs-trust": an organisation's address. */
export function slugOfName(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
	return slug || 'organisation';
}
