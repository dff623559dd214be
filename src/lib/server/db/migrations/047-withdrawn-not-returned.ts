import type { Kysely } from 'kysely';

/*
 * A version whose approval a lead withdrew is a draft, not "Returned" (the fix of 7 December
 * 2026: withdrawing now clears `briefing_version.returned_at`, as it already cleared the
 * approval and the reviewer's comment). Versions withdrawn before that fix, after a reviewer had
 * returned them once, still hold the earlier return's time and are still tagged "Returned".
 * This clears it on exactly those versions, with what the withdrawal clears now
 * (repositories/content-governance.ts: approved_by_name, approved_at, review_comment; already
 * null on them), so they read as the same versions withdrawn today do.
 *
 * Which versions: a draft (a return and a withdrawal are the only steps into draft) whose
 * `returned_at` is older than a row of `version_return` (041) for it. Every return and every
 * withdrawal there ever was writes that row, at the very instant it writes the version (one
 * `at`), and a return also sets `returned_at` to it; so a row later than `returned_at` can only
 * be a withdrawal after the last return, and the withdrawal is then the draft's latest step.
 * A draft whose latest step is a return has no later row: it stays "Returned". Withdrawing came
 * after 041, so no withdrawal is missing from the table, and nothing deletes its rows. The audit
 * trail also names each withdrawal, but it is not the source here: an organisation's retention
 * limit deletes its older rows.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db
		.updateTable('briefing_version')
		.set({ returned_at: null, review_comment: null, approved_by_name: null, approved_at: null })
		.where('status', '=', 'draft')
		.where('returned_at', 'is not', null)
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('version_return')
					.select('version_return.version_id')
					.whereRef('version_return.version_id', '=', 'briefing_version.id')
					.whereRef('version_return.organisation_id', '=', 'briefing_version.organisation_id')
					.whereRef('version_return.returned_at', '>', 'briefing_version.returned_at')
			)
		)
		.execute();
}

/** Nothing to undo: the old code reads a cleared `returned_at` as a draft, as it is. */
export async function down(): Promise<void> {}
