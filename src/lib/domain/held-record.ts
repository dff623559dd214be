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
	/** Why its records were held (the group's, not a reason to set them aside). */
	heldFor: HoldReason,
	count: z.coerce.number().int().min(1).max(1_000_000),
	through: IsoDateTime
});
export type CountHeldGroup = z.output<typeof CountHeldGroupForm>;

/** Why a lead sets records aside: a reason from the list, or a sentence about the content. */
const setAsideWhy = {
	reason: z.enum(setAsideReasons, { error: 'held.errors.reason' }).optional(),
	note: z.string().trim().max(SET_ASIDE_NOTE_MAX, 'held.errors.noteTooLong').optional()
};

function checkWhy(
	form: { reason?: SetAsideReason; note?: string },
	ctx: z.RefinementCtx<{ reason?: SetAsideReason; note?: string }>
): void {
	if (!form.reason) {
		ctx.addIssue({ code: 'custom', path: ['reason'], message: 'held.errors.reason' });
		return;
	}
	if (form.reason !== 'other') {
		// A sentence beside a reason from the list would be dropped unseen: asked, not lost.
		if (form.note)
			ctx.addIssue({ code: 'custom', path: ['note'], message: 'held.errors.noteNotOther' });
		return;
	}
	if (!form.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'held.errors.note' });
	// A number, phone, email or postcode is about a person, not the content: refused, not kept.
	else if (maskIdentifiers(form.note).found.length > 0)
		ctx.addIssue({ code: 'custom', path: ['note'], message: 'held.errors.noteIdentifier' });
}

/** The reason kept: the one chosen, or the sentence written for 'other'. */
const whyKept = (form: { reason?: SetAsideReason; note?: string }) =>
	form.reason === 'other' ? (form.note ?? '') : (form.reason as SetAsideReason);

export const SetAsideForm = z
	.strictObject({ id: Id, ...setAsideWhy })
	.superRefine(checkWhy)
	.transform((form) => ({ id: form.id, reason: whyKept(form) }));
export type SetAside = z.output<typeof SetAsideForm>;

/** Setting aside a whole group as the lead saw it, for one reason, as one record is. */
export const SetAsideGroupForm = z
	.strictObject({ ...CountHeldGroupForm.shape, ...setAsideWhy })
	.superRefine(checkWhy)
	.transform((form) => ({
		ward: form.ward,
		version: form.version,
		heldFor: form.heldFor,
		count: form.count,
		through: form.through,
		reason: whyKept(form)
	}));
export type SetAsideGroup = z.output<typeof SetAsideGroupForm>;
