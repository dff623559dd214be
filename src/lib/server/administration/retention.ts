import type { RetentionForm } from '$lib/domain/administration';
import { inTransaction, type Db } from '../db/database';
import { recentRetentionRuns } from '../operations/retention';
import { auditOrganisationChange } from './settings';
import type { Admin } from './staff';

/** The organisation's retention limits, in years, and what the job last deleted. */
export async function getRetention(db: Db, organisationId: string) {
	const row = await db
		.selectFrom('organisation')
		.select(['retain_records_years', 'retain_feedback_years', 'retain_audit_years'])
		.where('id', '=', organisationId)
		.executeTakeFirstOrThrow();
	const limits: RetentionForm = {
		records: row.retain_records_years,
		feedback: row.retain_feedback_years,
		audit: row.retain_audit_years
	};
	const runs = (await recentRetentionRuns(db, organisationId)).map((run) => ({
		ranAt: run.ran_at,
		recordsBeforeDay: run.records_before_day,
		feedbackBeforeDay: run.feedback_before_day,
		auditBefore: run.audit_before,
		recordsDeleted: run.records_deleted,
		feedbackDeleted: run.feedback_deleted,
		auditDeleted: run.audit_deleted
	}));
	return { limits, runs };
}

/** Saves new limits with their audit row; the next run of the job applies them. */
export async function saveRetention(
	db: Db,
	admin: Admin,
	input: RetentionForm,
	now = new Date()
): Promise<(keyof RetentionForm)[]> {
	return inTransaction(db, async (trx) => {
		const { limits: before } = await getRetention(trx, admin.organisationId);
		await trx
			.updateTable('organisation')
			.set({
				retain_records_years: input.records,
				retain_feedback_years: input.feedback,
				retain_audit_years: input.audit
			})
			.where('id', '=', admin.organisationId)
			.execute();
		return auditOrganisationChange(trx, admin, 'organisation.retentionChanged', before, input, now);
	});
}
