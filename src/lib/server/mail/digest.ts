import { localDay, startOfLocalDay } from '$lib/domain/local-time';
import { weekStartOf } from '$lib/domain/measurement/period';
import type { MailConfig } from '../config';
import { inTransaction, type Db } from '../db/database';
import { reviewDue } from '../repositories/briefing-versions';
import { mailLanguage, renderDigest } from './messages';
import { settingsLink, versionLink } from './notify';
import { queueMessage } from './outbox';

/*
 * The weekly digest of reviews due (issue 17, item 5): from Monday 07:00 on each organisation's
 * own wall clock, its engagement leads get one message listing its published versions whose
 * review date is within DIGEST_DAYS or has passed (none: no message). Once a week however many
 * servers ask: the organisation's `mail_digest_week` row for that Monday is inserted (or found
 * there already) in the transaction that queues the messages. A server down on Monday morning
 * sends it when it is next up that week, rather than never: a digest late beats one missing
 * (hazard H83: the studio home lists reviews due whatever happens to mail).
 */

export const DIGEST_DAYS = 30;
const DIGEST_HOUR = 7;

function addDays(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Queues each organisation's digest for this week if it is due and not queued yet. */
export async function queueWeeklyDigests(
	db: Db,
	mail: MailConfig | null | undefined,
	now: Date
): Promise<Array<{ organisationId: string; weekStart: string; messages: number }>> {
	if (!mail) return [];
	const organisations = await db
		.selectFrom('organisation') // tenancy: the service's own job, each organisation in turn
		.select(['id', 'name', 'time_zone'])
		.where('kind', '=', 'trust')
		.where('suspended_at', 'is', null)
		.orderBy('id')
		.execute();
	const queued = [];
	for (const org of organisations) {
		const today = localDay(now, org.time_zone);
		const weekStart = weekStartOf(today);
		const sendFrom =
			Date.parse(startOfLocalDay(weekStart, org.time_zone)) + DIGEST_HOUR * 3_600_000;
		if (now.getTime() < sendFrom) continue;
		const messages = await inTransaction(db, async (trx) => {
			// A read first: on SQLite a second server's transaction then gives way at once (and
			// runs again) rather than waiting on the write lock (database.ts, inTransaction).
			const done = await trx
				.selectFrom('mail_digest_week')
				.select('week_start')
				.where('organisation_id', '=', org.id)
				.where('week_start', '=', weekStart)
				.executeTakeFirst();
			if (done) return null;
			const claimed = await trx
				.insertInto('mail_digest_week')
				.values({ organisation_id: org.id, week_start: weekStart, queued_at: now.toISOString() })
				.onConflict((oc) => oc.columns(['organisation_id', 'week_start']).doNothing())
				.executeTakeFirst();
			if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return null;
			const last = addDays(today, DIGEST_DAYS);
			const due = (await reviewDue(trx, org.id, today)).filter((v) => v.reviewBy <= last);
			if (!due.length) return 0;
			const leads = await trx
				.selectFrom('staff_account')
				.select(['id', 'display_name', 'interface_language'])
				.where('organisation_id', '=', org.id)
				.where('role', '=', 'engagementLead')
				.where('disabled', '=', 0)
				.where('mail_digest', '=', 1)
				.orderBy('display_name')
				.execute();
			for (const lead of leads) {
				const language = mailLanguage(lead.interface_language);
				await queueMessage(
					trx,
					{
						organisationId: org.id,
						recipientId: lead.id,
						event: 'digest',
						versionId: null,
						language,
						message: renderDigest(language, {
							recipientName: lead.display_name,
							organisation: org.name,
							items: due.map((v) => ({
								topic: v.topic,
								number: v.number,
								reviewBy: v.reviewBy,
								overdue: v.state === 'overdue',
								link: versionLink(mail.origin, v.briefingId, v.number)
							})),
							studioLink: `${mail.origin}/studio`,
							settingsLink: settingsLink(mail.origin)
						})
					},
					now
				);
			}
			return leads.length;
		});
		if (messages !== null) queued.push({ organisationId: org.id, weekStart, messages });
	}
	return queued;
}
