import { z } from 'zod';
import { Id, IsoDateTime } from './ids';
import { HoldReason } from './sync';
import { maskIdentifiers } from './identifiers-in-text';

/*
 * A lead's decision on a record held for checking (see holdReasons in sync.ts): count it, or
 * set it aside with a reason about the record or its content, never about the patient. The
 * messages are keys in the `measure` namespace (held.errors.*), shown in the error summary.
 */

export const setAsideReasons = [
	'recordedByMistake',
	'alreadyCounted',
	'trainingOrTest',
	'other'
] as const;
export const SetAsideReason = z.enum(setAsideReasons);
export type SetAsideReason = z.infer<typeof SetAsideReason>;

/** A sentence about the content, when the reason is 'other'. */
export const SET_ASIDE_NOTE_MAX = 200;

export const CountHeldForm = z.strictObject({ id: Id });

/**
 * Counting a whole group of held records (one ward, version and reason) as the lead saw it:
 * how many, and when the newest arrived, so that a record arriving or decided meanwhile
 * refuses the count rather than count what the lead did not see.
 */
export const CountHeldGroupForm = z.strictObject({
	ward: Id,
	version: Id,
	reason: HoldReason,
	count: z.coerce.number().int().min(1).max(1_000_000),
	through: IsoDateTime
});
export type CountHeldGroup = z.output<typeof CountHeldGroupForm>;

export const SetAsideForm = z
	.strictObject({
		id: Id,
		reason: z.enum(setAsideReasons, { error: 'held.errors.reason' }).optional(),
		note: z.string().trim().max(SET_ASIDE_NOTE_MAX, 'held.errors.noteTooLong').optional()
	})
	.superRefine((form, ctx) => {
		if (!form.reason) {
			ctx.addIssue({ code: 'custom', path: ['reason'], message: 'held.errors.reason' });
			return;
		}
		if (form.reason !== 'other') return;
		if (!form.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'held.errors.note' });
		// A number, phone, email or postcode is about a person, not the content: refused, not kept.
		else if (maskIdentifiers(form.note).found.length > 0)
			ctx.addIssue({ code: 'custom', path: ['note'], message: 'held.errors.noteIdentifier' });
	})
	.transform((form) => ({
		id: form.id,
		reason: form.reason === 'other' ? (form.note ?? '') : (form.reason as SetAsideReason)
	}));
export type SetAside = z.output<typeof SetAsideForm>;
