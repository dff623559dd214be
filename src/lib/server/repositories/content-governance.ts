import type { AuditAction } from '$lib/domain/audit-action';
import {
	canMoveTo,
	publishProblems,
	type PublishProblem,
	type VersionStatus
} from '$lib/domain/briefing';
import { mayEditContent, mayReview, type StaffAccount } from '$lib/domain/staff';
import { inTransaction, type Db } from '../db/database';
import { recordAudit } from './audit';
import { variantsOf } from './briefings';
import { translationStates } from './translations';
import type { BriefingFormat } from '$lib/domain/format';
import type { LanguageCode } from '$lib/domain/language';
import type { Progress } from '$lib/domain/translation';
import { organisationToday } from './organisations';
import { recordReturn } from './version-returns';
import type { MailConfig } from '../config';
import { queueStepMessages } from '../mail/notify';

/*
 * The version lifecycle: draft → submitted (inReview, now immutable) → approved by a clinical
 * reviewer, or returned to draft with comments → published by a lead (the version published
 * before it is retired: one published version per briefing) → retired. An approved version
 * may be taken back to draft by a lead, with a reason ("withdraw"): its approval is void, and
 * the reviewer is shown what changed since when it comes back. Each step checks the person's
 * role, the version's status and, from submitting on, `publishProblems`, inside the same
 * transaction that makes the change and writes the audit row, and with `mail` (SMTP_URL set)
 * the messages that tell people of it (mail/notify.ts): a step rolled back sends nothing.
 *
 * Why from submitting on: a submitted version cannot change, so one that could not be
 * published (no evidence, no note of user testing, a review-by date past or too far) would
 * otherwise go through review and stop at "cannot be published yet" for good. The review-by
 * date can still pass while a version waits: approving refuses it (the reviewer returns it),
 * and an approved one is withdrawn to draft to set a new date.
 */
export const governanceSteps = [
	'submit',
	'return',
	'approve',
	'publish',
	'retire',
	'withdraw'
] as const;
export type GovernanceStep = (typeof governanceSteps)[number];

/** The status each step starts from, and the one it leaves the version in. */
const source: Record<GovernanceStep, VersionStatus> = {
	submit: 'draft',
	return: 'inReview',
	approve: 'inReview',
	publish: 'approved',
	retire: 'published',
	withdraw: 'approved'
};
const target: Record<GovernanceStep, VersionStatus> = {
	submit: 'inReview',
	return: 'draft',
	approve: 'approved',
	publish: 'published',
	retire: 'retired',
	withdraw: 'draft'
};

const audited: Record<GovernanceStep, AuditAction> = {
	submit: 'submitted',
	return: 'returned',
	approve: 'approved',
	publish: 'published',
	retire: 'retired',
	withdraw: 'approvalWithdrawn'
};

/** Steps whose comment is required: the reviewer's return, the lead's withdrawal. */
export const commentedSteps: ReadonlySet<GovernanceStep> = new Set(['return', 'withdraw']);
/** The longest comment a step keeps: longer is refused, never cut short. */
export const MAX_STEP_COMMENT = 4000;

export function mayTakeStep(step: GovernanceStep, role: StaffAccount['role']): boolean {
	return step === 'approve' || step === 'return' ? mayReview(role) : mayEditContent(role);
}

export type StepResult =
	| { ok: true }
	| {
			ok: false;
			problem:
				| 'forbidden'
				| 'notFound'
				| 'wrongStatus'
				| 'noVariants'
				| 'commentRequired'
				| 'commentTooLong';
	  }
	/** `cannotSubmit` / `cannotApprove` / `cannotPublish`: it could not be published as it is. */
	| {
			ok: false;
			problem: 'cannotSubmit' | 'cannotApprove' | 'cannotPublish';
			problems: PublishProblem[];
	  }
	| {
			ok: false;
			/** Part-done translations cannot be submitted; stale ones cannot be approved (H79). */
			problem: 'incompleteTranslations' | 'staleTranslations';
			variants: Array<{ format: BriefingFormat; language: LanguageCode } & Progress>;
	  };

const cannot = {
	submit: 'cannotSubmit',
	approve: 'cannotApprove',
	publish: 'cannotPublish'
} as const;

export async function takeStep(
	db: Db,
	user: StaffAccount,
	versionId: string,
	step: GovernanceStep,
	options: { comment?: string; mail?: MailConfig | null } = {},
	now = new Date()
): Promise<StepResult> {
	if (!mayTakeStep(step, user.role)) return { ok: false, problem: 'forbidden' };
	const comment = options.comment?.trim() ?? '';
	if (commentedSteps.has(step) && !comment) return { ok: false, problem: 'commentRequired' };
	if (comment.length > MAX_STEP_COMMENT) return { ok: false, problem: 'commentTooLong' };
	const at = now.toISOString();
	return inTransaction(db, async (trx): Promise<StepResult> => {
		const version = await trx
			.selectFrom('briefing_version')
			.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
			.select([
				'briefing_version.id',
				'briefing_version.briefing_id',
				'briefing_version.number',
				'briefing_version.status',
				'briefing_version.review_by',
				'briefing_version.evidence_links',
				'briefing_version.user_testing_note'
			])
			.where('briefing_version.id', '=', versionId)
			.where('briefing.organisation_id', '=', user.organisationId)
			.executeTakeFirst();
		if (!version) return { ok: false, problem: 'notFound' };
		const from = version.status as VersionStatus;
		if (from !== source[step] || !canMoveTo(from, target[step]))
			return { ok: false, problem: 'wrongStatus' };
		const variants = await variantsOf(trx, user.organisationId, versionId);

		// Counts only: the word diffs are for people to read, not for this check.
		const translations = await translationStates(trx, user.organisationId, versionId, {
			diff: false
		});
		const listed = (list: typeof translations) =>
			list.map((t) => ({ format: t.format, language: t.language, ...t.progress }));
		const incomplete = translations.filter((t) => !t.complete);
		const stale = translations.filter((t) => t.stale.length);
		if (incomplete.length && (step === 'submit' || step === 'approve' || step === 'publish'))
			return { ok: false, problem: 'incompleteTranslations', variants: listed(incomplete) };
		if (stale.length && (step === 'approve' || step === 'publish'))
			return { ok: false, problem: 'staleTranslations', variants: listed(stale) };

		const details = {
			reviewBy: version.review_by,
			evidenceLinks: JSON.parse(version.evidence_links) as string[],
			userTestingNote: version.user_testing_note
		};
		if (step === 'submit' && variants.length === 0) return { ok: false, problem: 'noVariants' };
		if (step === 'submit' || step === 'approve' || step === 'publish') {
			const problems = publishProblems(
				{ ...details, variants },
				await organisationToday(trx, user.organisationId, now)
			);
			if (problems.length) return { ok: false, problem: cannot[step], problems };
		}

		let changes: Record<string, string | number | null> = { status: target[step] };
		if (step === 'submit') {
			changes = { ...changes, submitted_at: at };
		} else if (step === 'return' || step === 'withdraw') {
			changes =
				step === 'return'
					? { ...changes, review_comment: comment, returned_at: at }
					: // The approval is void. The draft's "Returned" tag and callout are for a reviewer's
						// return alone: an earlier one is over, so this draft shows as a draft (the
						// withdrawal's reason is kept below, and in the audit trail).
						{
							...changes,
							approved_by_name: null,
							approved_at: null,
							review_comment: null,
							returned_at: null
						};
			// What the reviewer read, for "changes since it was returned" on resubmission (H81).
			await recordReturn(
				trx,
				{
					organisationId: user.organisationId,
					versionId,
					returnedBy: user.id,
					comment,
					variants,
					details
				},
				at
			);
		} else if (step === 'approve') {
			changes = { ...changes, approved_by_name: user.displayName, approved_at: at };
		} else if (step === 'publish') {
			// The version published until now is superseded: retired, so deliveries made while it
			// was current stay true records (see migration 003).
			await trx
				.updateTable('briefing_version')
				.set({ status: 'retired', retired_at: at })
				.where('organisation_id', '=', user.organisationId)
				.where('briefing_id', '=', version.briefing_id)
				.where('status', '=', 'published')
				.execute();
			changes = { ...changes, published_at: at };
		} else if (step === 'retire') {
			changes = { ...changes, retired_at: at };
		}
		// A status change is a change too: an editor's open form is now stale.
		await trx
			.updateTable('briefing_version')
			.set((eb) => ({ ...changes, revision: eb('revision', '+', 1) }))
			.where('organisation_id', '=', user.organisationId)
			.where('id', '=', versionId)
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: user.organisationId,
				actorId: user.id,
				action: audited[step],
				subjectType: 'briefing_version',
				subjectId: versionId,
				detail: {
					briefingId: version.briefing_id,
					number: version.number,
					...(comment && commentedSteps.has(step) ? { comment } : {})
				}
			},
			now
		);
		if (step !== 'retire')
			await queueStepMessages(
				trx,
				options.mail,
				user,
				{
					event: step,
					versionId,
					briefingId: version.briefing_id,
					number: version.number,
					comment
				},
				now
			);
		return { ok: true };
	});
}

export interface AwaitingReview {
	briefingId: string;
	topic: string;
	number: number;
	submittedAt: string | null;
	submittedBy: string | null;
}

/** Versions submitted and waiting for a clinical reviewer, longest waiting first. */
export async function awaitingReview(db: Db, organisationId: string): Promise<AwaitingReview[]> {
	const rows = await db
		.selectFrom('briefing_version as v')
		.innerJoin('briefing as b', 'b.id', 'v.briefing_id')
		.leftJoin('staff_account as s', 's.id', 'b.owner_id')
		.select(['b.id', 'b.topic', 'v.number', 'v.submitted_at', 's.display_name'])
		.where('b.organisation_id', '=', organisationId)
		.where('v.status', '=', 'inReview')
		.orderBy('v.submitted_at')
		.orderBy('b.topic')
		.execute();
	return rows.map((r) => ({
		briefingId: r.id,
		topic: r.topic,
		number: r.number,
		submittedAt: r.submitted_at,
		submittedBy: r.display_name
	}));
}
