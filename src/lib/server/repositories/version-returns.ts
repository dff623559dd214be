import { z } from 'zod';
import { BriefingVariant } from '$lib/domain/briefing';
import { diffVersions, diffWords, type Piece, type VariantChange } from '$lib/domain/version-diff';
import type { Db } from '../db/database';

/*
 * "Changes since you returned it" (issue 17 item 4, hazard H81). When a clinical reviewer
 * returns a version, what they read is kept: its variants and its details. On resubmission the
 * reviewer is shown, word by word, what the lead changed since, so that the one sentence that
 * changed is not lost in a re-read of the whole version.
 */

/** The version's details a reviewer reads besides its variants. */
export const ReturnedDetails = z.object({
	reviewBy: z.string(),
	evidenceLinks: z.array(z.string()),
	userTestingNote: z.string()
});
export type ReturnedDetails = z.infer<typeof ReturnedDetails>;
export type DetailField = keyof ReturnedDetails;

export interface ChangesSinceReturn {
	returnedAt: string;
	/** The reviewer who returned it (their name now); null if their account has gone. */
	returnedBy: { id: string; name: string } | null;
	comment: string;
	variants: VariantChange[];
	details: Array<{ field: DetailField; pieces: Piece[] }>;
}

/** Keeps what the version said as it is returned: inside the return's own transaction. */
export async function recordReturn(
	trx: Db,
	input: {
		organisationId: string;
		versionId: string;
		returnedBy: string;
		comment: string;
		variants: readonly BriefingVariant[];
		details: ReturnedDetails;
	},
	at: string
): Promise<void> {
	await trx
		.insertInto('version_return')
		.values({
			version_id: input.versionId,
			organisation_id: input.organisationId,
			returned_at: at,
			returned_by: input.returnedBy,
			comment: input.comment,
			variants: JSON.stringify(input.variants),
			details: JSON.stringify(ReturnedDetails.parse(input.details))
		})
		.execute();
}

const detailText = (details: ReturnedDetails, field: DetailField) =>
	field === 'evidenceLinks' ? details.evidenceLinks.join('\n') : details[field];

/**
 * What changed in a version since it was last returned, or null if it never was. Compared
 * with the version as it stands: for a resubmitted version, what the reviewer has not read.
 */
export async function changesSinceReturn(
	db: Db,
	organisationId: string,
	version: { id: string; variants: readonly BriefingVariant[] } & ReturnedDetails
): Promise<ChangesSinceReturn | null> {
	const row = await db
		.selectFrom('version_return')
		.leftJoin('staff_account', 'staff_account.id', 'version_return.returned_by')
		.select([
			'version_return.returned_at',
			'version_return.returned_by',
			'version_return.comment',
			'version_return.variants',
			'version_return.details',
			'staff_account.display_name'
		])
		.where('version_return.organisation_id', '=', organisationId)
		.where('version_return.version_id', '=', version.id)
		.orderBy('version_return.returned_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!row) return null;
	const before = z.array(BriefingVariant).parse(JSON.parse(row.variants));
	const details = ReturnedDetails.parse(JSON.parse(row.details));
	const fields: DetailField[] = ['reviewBy', 'evidenceLinks', 'userTestingNote'];
	return {
		returnedAt: row.returned_at,
		returnedBy:
			row.returned_by && row.display_name ? { id: row.returned_by, name: row.display_name } : null,
		comment: row.comment,
		variants: diffVersions(before, version.variants),
		details: fields
			.filter((field) => detailText(details, field) !== detailText(version, field))
			.map((field) => ({
				field,
				pieces: diffWords(detailText(details, field), detailText(version, field))
			}))
	};
}
