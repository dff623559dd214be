import { z } from 'zod';
import { Id } from './ids';

export const Organisation = z.strictObject({
	id: Id,
	name: z.string().trim().min(1).max(120),
	/** Shown to patients: who to contact about the content. */
	contact: z.string().trim().max(300).default('')
});
export type Organisation = z.infer<typeof Organisation>;

export const Ward = z.strictObject({
	id: Id,
	organisationId: Id,
	name: z.string().trim().min(1).max(80),
	specialty: z.string().trim().max(80).default('')
});
export type Ward = z.infer<typeof Ward>;
