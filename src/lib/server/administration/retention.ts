import {
	shortenedKinds,
	type RetentionConfirmation,
	type RetentionForm
} from '$lib/domain/administration';
import { inTransaction, type Db } from '../db/database';
import { lockFor } from '../db/sql';
import { pageWindow, pagingOf } from '$lib/domain/pagination';
import {
	countRetentionRuns,
	expiringUnder,
	recentRetentionRuns,
	type Expiring
} from '../operations/retention';
import { auditOrganisationChange } from './settings';
import type { Admin } from './staff';

/** The organisation's retention limits, in years. */
async function retentionLimits(db: Db, organisationId: string): Promise<RetentionForm> {
	const row = await db
		.selectFrom('organisation')
		.select(['retain_records_years', 'retain_feedback_years', 'retain_audit_years'])
		.where('id', '=', organisationId)
		.executeTakeFirstOrThrow();
	return {
		records: row.retain_records_years,
		feedback: row.retain_feedback_years,
		audit: row.retain_audit_years
	};
}

/** Runs listed a page (each night that deleted anything is one). */
export const RETENTION_RUNS_PER_PAGE = 10;

/** The limits, and one page of what the nightly runs have deleted, newest first. */
export async function getRetention(db: Db, organisationId: string, page = 1) {
	const limits = await retentionLimits(db, organisationId);
	const slice = pageWindow(
		page,
		await countRetentionRuns(db, organisationId),
		RETENTION_RUNS_PER_PAGE
	);
	const runs = (await recentRetentionRuns(db, organisationId, slice)).map((run) => ({
		ranAt: run.ran_at,
		recordsBeforeDay: run.records_before_day,
		feedbackBeforeDay: run.feedback_before_day,
		auditBefore: run.audit_before,
		recordsDeleted: run.records_deleted,
		feedbackDeleted: run.feedback_deleted,
		auditDeleted: run.audit_deleted
	}));
	return { limits, runs, runsPaging: pagingOf(slice, runs.length) };
}

/** A kind the admin is shortening: from and to how many years, and what would go. */
export interface Shortening extends Expiring {
	from: number;
	to: number;
}

export type RetentionSave =
	| { saved: (keyof RetentionForm)[] }
	/** Not saved: it shortens these, and no confirmation for exactly this change came with it. */
	| { confirm: { from: RetentionForm; kinds: (keyof RetentionForm)[] } };

/**
 * Saves new limits with their audit row; the next run of the job applies them. A change that
 * shortens any period is saved only with the admin's confirmation of this very change (from
 * the limits stored now to `input`), checked in the transaction that saves it: the next run
 * deletes what the shorter period no longer keeps, which cannot be undone.
 */
export async function saveRetention(
	db: Db,
	admin: Admin,
	input: RetentionForm,
	confirmation: RetentionConfirmation | null,
	now = new Date()
): Promise<RetentionSave> {
	return inTransaction(db, async (trx) => {
		// Two admins at once: the second decides against the first's limits, not the old ones.
		await lockFor(trx, `retention:${admin.organisationId}`);
		const before = await retentionLimits(trx, admin.organisationId);
		const kinds = shortenedKinds(before, input);
		const same = (a: RetentionForm, b: RetentionForm) =>
			a.records === b.records && a.feedback === b.feedback && a.audit === b.audit;
		if (
			kinds.length &&
			!(confirmation && same(confirmation.from, before) && same(confirmation.to, input))
		)
			return { confirm: { from: before, kinds } };
		await trx
			.updateTable('organisation')
			.set({
				retain_records_years: input.records,
				retain_feedback_years: input.feedback,
				retain_audit_years: input.audit
			})
			.where('id', '=', admin.organisationId)
			.execute();
		return {
			saved: await auditOrganisationChange(
				trx,
				admin,
				'organisation.retentionChanged',
				before,
				input,
				now
			)
		};
	});
}

/**
 * What shortening `kinds` from `from` to `to` would delete at the next run, were it tonight:
 * counted by the job's own rule (expiringUnder), outside any write transaction.
 */
export async function shorteningOf(
	db: Db,
	organisationId: string,
	from: RetentionForm,
	to: RetentionForm,
	kinds: readonly (keyof RetentionForm)[],
	now = new Date()
): Promise<Shortening[]> {
	const expiring = await expiringUnder(db, organisationId, to, kinds, now);
	return expiring.map((e) => ({ ...e, from: from[e.kind], to: to[e.kind] }));
}
