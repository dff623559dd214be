import type { StaffAccount } from '$lib/domain/staff';
import type { MailConfig } from '../config';
import type { Db } from '../db/database';
import { mailLanguage, renderStepMessage, type StepEvent } from './messages';
import { queueMessage } from './outbox';

/*
 * Who hears of a governance step (issue 17, item 5), written into the outbox inside the step's
 * own transaction (content-governance.ts):
 * - submitted: the organisation's clinical reviewers;
 * - returned (with the reviewer's comment) and approved: the person who submitted it, the
 *   actor of the version's latest `submitted` audit entry;
 * - published: the organisation's engagement leads;
 * - an approval withdrawn (with the lead's reason): the reviewer who approved it, the actor of
 *   the version's latest `approved` audit entry (a version approved, withdrawn and approved
 *   again by someone else tells the second).
 * Never the person who took the step, a disabled account, or someone who turned these off.
 */

export interface StepFacts {
	event: StepEvent;
	versionId: string;
	briefingId: string;
	number: number;
	comment?: string;
}

/** The public link to a version's studio page. */
export function versionLink(origin: string, briefingId: string, number: number): string {
	return `${origin}/studio/briefings/${briefingId}/v/${number}`;
}

export const settingsLink = (origin: string) => `${origin}/account`;

async function recipientsOf(trx: Db, actor: StaffAccount, facts: StepFacts) {
	let query = trx
		.selectFrom('staff_account')
		.select(['id', 'display_name', 'interface_language'])
		.where('organisation_id', '=', actor.organisationId)
		.where('disabled', '=', 0)
		.where('mail_steps', '=', 1)
		.where('id', '!=', actor.id);
	if (facts.event === 'submit') query = query.where('role', '=', 'clinicalReviewer');
	else if (facts.event === 'publish') query = query.where('role', '=', 'engagementLead');
	else {
		const latest = await trx
			.selectFrom('audit_event')
			.select('actor_id')
			.where('organisation_id', '=', actor.organisationId)
			.where('subject_type', '=', 'briefing_version')
			.where('subject_id', '=', facts.versionId)
			.where('action', '=', facts.event === 'withdraw' ? 'approved' : 'submitted')
			.orderBy('at', 'desc')
			.limit(1)
			.executeTakeFirst();
		if (!latest) return [];
		query = query.where('id', '=', latest.actor_id);
	}
	return query.orderBy('display_name').execute();
}

/** Queues the step's messages in `trx`, the step's transaction; nothing when mail is off. */
export async function queueStepMessages(
	trx: Db,
	mail: MailConfig | null | undefined,
	actor: StaffAccount,
	facts: StepFacts,
	now: Date
): Promise<number> {
	if (!mail) return 0;
	const recipients = await recipientsOf(trx, actor, facts);
	if (!recipients.length) return 0;
	const briefing = await trx
		.selectFrom('briefing')
		.innerJoin('organisation', 'organisation.id', 'briefing.organisation_id')
		.select(['briefing.topic', 'organisation.name'])
		.where('briefing.organisation_id', '=', actor.organisationId)
		.where('briefing.id', '=', facts.briefingId)
		.executeTakeFirstOrThrow();
	for (const r of recipients) {
		const language = mailLanguage(r.interface_language);
		await queueMessage(
			trx,
			{
				organisationId: actor.organisationId,
				recipientId: r.id,
				event: facts.event,
				versionId: facts.versionId,
				language,
				message: renderStepMessage(language, {
					event: facts.event,
					recipientName: r.display_name,
					actorName: actor.displayName,
					organisation: briefing.name,
					topic: briefing.topic,
					number: facts.number,
					comment: facts.comment,
					versionLink: versionLink(mail.origin, facts.briefingId, facts.number),
					settingsLink: settingsLink(mail.origin)
				})
			},
			now
		);
	}
	return recipients.length;
}
