import { randomUUID } from 'node:crypto';
import {
	BriefingVariant,
	BriefingVersion,
	reviewState,
	VersionStatus,
	type ReviewState
} from '$lib/domain/briefing';
import type { BriefingFormat } from '$lib/domain/format';
import type { LanguageCode } from '$lib/domain/language';
import type { StaffAccount } from '$lib/domain/staff';
import { pageWindow, pagingOf } from '$lib/domain/pagination';
import { inTransaction, type Db } from '../db/database';
import { lockFor } from '../db/sql';
import type { AuditAction } from '$lib/domain/audit-action';
import { recordAudit } from './audit';
import { variantKeysOf, variantsOf, versionNumbersKey } from './briefings';
import { sourceLanguage, StoredDraft } from '$lib/domain/translation';
import { draftToVariant, type VariantDraft } from '$lib/domain/variant-draft';
import {
	beforeSourceChange,
	deleteVariantRows,
	forgetTranslation,
	recordReason,
	recordTranslationSources,
	staleSourceText
} from './translations';

/*
 * The studio's view of briefings and their versions: reading a version whole, saving its
 * variants and details with optimistic concurrency (the form carries the version's revision;
 * a save against an older revision changes nothing), and starting a new draft.
 */

export interface VersionRow {
	id: string;
	briefingId: string;
	number: number;
	status: VersionStatus;
	revision: number;
	reviewBy: string;
	evidenceLinks: string[];
	userTestingNote: string;
	approvedBy: { name: string; at: string } | null;
	publishedAt: string | null;
	retiredAt: string | null;
	submittedAt: string | null;
	reviewComment: string | null;
	returnedAt: string | null;
	isExample: boolean;
	createdAt: string;
}

export interface VersionDetail extends VersionRow {
	variants: BriefingVariant[];
}

export interface BriefingDetail {
	id: string;
	organisationId: string;
	/** The organisation's public address: the briefing's is /o/<organisationSlug>/b/<slug>. */
	organisationSlug: string;
	slug: string;
	topic: string;
	ownerId: string;
	ownerName: string;
	versions: Array<VersionRow & { variants: Array<{ format: BriefingFormat; language: string }> }>;
}

const versionColumns = [
	'id',
	'briefing_id',
	'number',
	'status',
	'revision',
	'review_by',
	'evidence_links',
	'user_testing_note',
	'approved_by_name',
	'approved_at',
	'published_at',
	'retired_at',
	'submitted_at',
	'review_comment',
	'returned_at',
	'is_example',
	'created_at'
] as const;

type RawVersion = {
	id: string;
	briefing_id: string;
	number: number;
	status: string;
	revision: number;
	review_by: string;
	evidence_links: string;
	user_testing_note: string;
	approved_by_name: string | null;
	approved_at: string | null;
	published_at: string | null;
	retired_at: string | null;
	submitted_at: string | null;
	review_comment: string | null;
	returned_at: string | null;
	is_example: number;
	created_at: string;
};

function toVersionRow(r: RawVersion): VersionRow {
	return {
		id: r.id,
		briefingId: r.briefing_id,
		number: r.number,
		status: VersionStatus.parse(r.status),
		revision: r.revision,
		reviewBy: r.review_by,
		evidenceLinks: JSON.parse(r.evidence_links) as string[],
		userTestingNote: r.user_testing_note,
		approvedBy:
			r.approved_by_name && r.approved_at ? { name: r.approved_by_name, at: r.approved_at } : null,
		publishedAt: r.published_at,
		retiredAt: r.retired_at,
		submittedAt: r.submitted_at,
		reviewComment: r.review_comment,
		returnedAt: r.returned_at,
		isExample: r.is_example === 1,
		createdAt: r.created_at
	};
}

export async function getBriefingDetail(
	db: Db,
	organisationId: string,
	briefingId: string
): Promise<BriefingDetail | null> {
	const briefing = await db
		.selectFrom('briefing')
		.innerJoin('staff_account', 'staff_account.id', 'briefing.owner_id')
		.innerJoin('organisation', 'organisation.id', 'briefing.organisation_id')
		.select([
			'briefing.id',
			'briefing.organisation_id',
			'organisation.slug as organisation_slug',
			'briefing.slug',
			'briefing.topic',
			'briefing.owner_id',
			'staff_account.display_name'
		])
		.where('briefing.id', '=', briefingId)
		.where('briefing.organisation_id', '=', organisationId)
		.executeTakeFirst();
	if (!briefing) return null;
	const versions = await db
		.selectFrom('briefing_version')
		.select(versionColumns)
		.where('organisation_id', '=', organisationId)
		.where('briefing_id', '=', briefingId)
		.orderBy('number', 'desc')
		.execute();
	const variants = await variantKeysOf(
		db,
		organisationId,
		versions.map((v) => v.id)
	);
	return {
		id: briefing.id,
		organisationId: briefing.organisation_id,
		organisationSlug: briefing.organisation_slug,
		slug: briefing.slug,
		topic: briefing.topic,
		ownerId: briefing.owner_id,
		ownerName: briefing.display_name,
		versions: versions.map((v) => ({
			...toVersionRow(v),
			variants: variants
				.filter((x) => x.version_id === v.id)
				.map((x) => ({ format: x.format as BriefingFormat, language: x.language }))
		}))
	};
}

/** One version with all its variants, by briefing and number, within the organisation. */
export async function getVersion(
	db: Db,
	organisationId: string,
	briefingId: string,
	number: number
): Promise<VersionDetail | null> {
	const row = await db
		.selectFrom('briefing_version')
		.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
		.select(versionColumns.map((c) => `briefing_version.${c}` as const))
		.where('briefing.organisation_id', '=', organisationId)
		.where('briefing_version.briefing_id', '=', briefingId)
		.where('briefing_version.number', '=', number)
		.executeTakeFirst();
	if (!row) return null;
	return { ...toVersionRow(row), variants: await variantsOf(db, organisationId, row.id) };
}

export type SaveResult = 'saved' | 'stale' | 'notEditable' | 'notFound';

/**
 * Claims the version for one change: bumps its revision only if it is still a draft at the
 * revision the editor saw. Runs inside the caller's transaction, before the change itself.
 */
async function claimDraft(
	trx: Db,
	organisationId: string,
	versionId: string,
	revision: number
): Promise<SaveResult> {
	const claimed = await trx
		.updateTable('briefing_version')
		.set({ revision: revision + 1 })
		.where('organisation_id', '=', organisationId)
		.where('id', '=', versionId)
		.where('revision', '=', revision)
		.where('status', '=', 'draft')
		.executeTakeFirst();
	if (Number(claimed.numUpdatedRows) === 1) return 'saved';
	const current = await trx
		.selectFrom('briefing_version')
		.select(['status'])
		.where('organisation_id', '=', organisationId)
		.where('id', '=', versionId)
		.executeTakeFirst();
	if (!current) return 'notFound';
	return current.status === 'draft' ? 'stale' : 'notEditable';
}

type VersionRef = { id: string; briefingId: string; number: number };

/** The audit entry of one change to a draft: who, what, and the briefing and version it is in. */
function auditDraftChange(
	trx: Db,
	user: StaffAccount,
	version: VersionRef,
	action: AuditAction,
	detail: Record<string, unknown>,
	now: Date
): Promise<void> {
	return recordAudit(
		trx,
		{
			organisationId: user.organisationId,
			actorId: user.id,
			action,
			subjectType: 'briefing_version',
			subjectId: version.id,
			detail: { briefingId: version.briefingId, number: version.number, ...detail }
		},
		now
	);
}

/**
 * One change to a draft, inside the caller's transaction: claims the version at the revision
 * the editor saw, makes the change, and writes its audit entry; or says why it may not.
 */
async function changeDraft(
	trx: Db,
	user: StaffAccount,
	version: VersionRef,
	revision: number,
	audit: { action: AuditAction; detail: Record<string, unknown>; now: Date },
	change: () => Promise<unknown>
): Promise<SaveResult> {
	const claimed = await claimDraft(trx, user.organisationId, version.id, revision);
	if (claimed !== 'saved') return claimed;
	await change();
	await auditDraftChange(trx, user, version, audit.action, audit.detail, audit.now);
	return 'saved';
}

/** Adds or replaces one variant (a format in a language) of a draft. */
export async function saveVariant(
	db: Db,
	user: StaffAccount,
	version: VersionRef,
	revision: number,
	variant: BriefingVariant,
	now = new Date()
): Promise<SaveResult> {
	const detail = { format: variant.format, language: variant.language };
	return inTransaction(db, (trx) =>
		changeDraft(trx, user, version, revision, { action: 'edited', detail, now }, () =>
			writeVariant(trx, user, version, variant, now)
		)
	);
}

async function writeVariant(
	trx: Db,
	user: StaffAccount,
	version: VersionRef,
	variant: BriefingVariant,
	now: Date
): Promise<void> {
	const content = JSON.stringify(BriefingVariant.parse(variant));
	const key = { ...variantKey(user, version, variant.format), language: variant.language };
	if (variant.language === sourceLanguage)
		await beforeSourceChange(trx, user, version, variant, now);
	else await recordTranslationSources(trx, key, { variant });
	await deleteVariantRows(trx, 'briefing_variant_partial', key);
	await trx
		.insertInto('briefing_variant')
		.values({
			version_id: version.id,
			organisation_id: user.organisationId,
			format: variant.format,
			language: variant.language,
			content
		})
		.onConflict((oc) => oc.columns(['version_id', 'format', 'language']).doUpdateSet({ content }))
		.execute();
}

const variantKey = (user: StaffAccount, version: VersionRef, format: BriefingFormat) => ({
	versionId: version.id,
	organisationId: user.organisationId,
	format
});

/**
 * Keeps a translation part-done (issue 17): the editor's draft, with empty fields, in place of
 * any complete variant of the same format and language, which it replaces. Never the source
 * language (the caller checks with `mayKeepPartial`). Audited as an edit, marked partial.
 */
export async function savePartialVariant(
	db: Db,
	user: StaffAccount,
	version: VersionRef,
	revision: number,
	language: LanguageCode,
	draft: VariantDraft,
	now = new Date()
): Promise<SaveResult> {
	if (language === sourceLanguage) throw new Error('The source language is saved complete only');
	const detail = { format: draft.format, language, partial: true };
	return inTransaction(db, (trx) =>
		changeDraft(trx, user, version, revision, { action: 'edited', detail, now }, () =>
			writePartial(trx, user, version, language, draft, now)
		)
	);
}

async function writePartial(
	trx: Db,
	user: StaffAccount,
	version: VersionRef,
	language: LanguageCode,
	draft: VariantDraft,
	now: Date
): Promise<void> {
	const key = { ...variantKey(user, version, draft.format), language };
	const stored = JSON.stringify(StoredDraft.parse(draft));
	await recordTranslationSources(trx, key, { draft });
	await deleteVariantRows(trx, 'briefing_variant', key);
	await trx
		.insertInto('briefing_variant_partial')
		.values({
			version_id: version.id,
			organisation_id: user.organisationId,
			format: draft.format,
			language,
			draft: stored,
			updated_at: now.toISOString()
		})
		.onConflict((oc) =>
			oc
				.columns(['version_id', 'format', 'language'])
				.doUpdateSet({ draft: stored, updated_at: now.toISOString() })
		)
		.execute();
}

/**
 * Stores the translations of an agency's XLIFF file (#17 item 3) as a translator saving each in
 * the editor would: complete, or part-done while fields are empty, each field's source
 * recorded, never ticked as checked (the drafts come unticked). One transaction, claimed at the
 * revision the preview was drawn from: a draft changed since then stores nothing. Each format
 * is audited as an edit from XLIFF.
 */
export async function saveImportedTranslations(
	db: Db,
	user: StaffAccount,
	version: VersionRef,
	revision: number,
	language: LanguageCode,
	drafts: VariantDraft[],
	now = new Date()
): Promise<SaveResult> {
	if (language === sourceLanguage) throw new Error('Only translations are imported');
	return inTransaction(db, async (trx) => {
		const claimed = await claimDraft(trx, user.organisationId, version.id, revision);
		if (claimed !== 'saved') return claimed;
		for (const draft of drafts) {
			const unticked = { ...draft, translationChecked: false };
			const checked = draftToVariant(unticked, language);
			if (checked.ok) await writeVariant(trx, user, version, checked.variant, now);
			else await writePartial(trx, user, version, language, unticked, now);
			const detail = { format: draft.format, language, partial: !checked.ok, from: 'xliff' };
			await auditDraftChange(trx, user, version, 'edited', detail, now);
		}
		return 'saved';
	});
}

export async function removeVariant(
	db: Db,
	user: StaffAccount,
	version: VersionRef,
	revision: number,
	format: BriefingFormat,
	language: LanguageCode,
	now = new Date()
): Promise<SaveResult> {
	const audit = { action: 'removedVariant' as const, detail: { format, language }, now };
	return inTransaction(db, (trx) =>
		changeDraft(trx, user, version, revision, audit, async () => {
			const key = { ...variantKey(user, version, format), language };
			await deleteVariantRows(trx, 'briefing_variant', key);
			await forgetTranslation(trx, key);
		})
	);
}

/**
 * Removes one language's caption track from a draft's video variant, as one audited change at
 * the revision the editor saw. The file stays on disk (uploads are content-addressed and may be
 * shared); the variant just stops pointing at it. 'notFound' when the stored variant has no
 * such track, without claiming the version.
 */
export async function removeCaptions(
	db: Db,
	user: StaffAccount,
	version: VersionRef,
	revision: number,
	language: LanguageCode,
	captions: LanguageCode,
	now = new Date()
): Promise<SaveResult> {
	return inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('briefing_variant')
			.select('content')
			.where('organisation_id', '=', user.organisationId)
			.where('version_id', '=', version.id)
			.where('format', '=', 'video')
			.where('language', '=', language)
			.executeTakeFirst();
		const variant = row ? BriefingVariant.parse(JSON.parse(row.content)) : null;
		if (variant?.format !== 'video' || !variant.captions.some((c) => c.language === captions))
			return 'notFound';
		const content = JSON.stringify({
			...variant,
			captions: variant.captions.filter((c) => c.language !== captions)
		});
		const detail = { format: 'video', language, captions };
		return changeDraft(
			trx,
			user,
			version,
			revision,
			{ action: 'removedCaptions', detail, now },
			() =>
				trx
					.updateTable('briefing_variant')
					.set({ content })
					.where('organisation_id', '=', user.organisationId)
					.where('version_id', '=', version.id)
					.where('format', '=', 'video')
					.where('language', '=', language)
					.execute()
		);
	});
}

/**
 * A lead's reason why a change to the source does not affect one translated field (issue 17):
 * clears that field's "changed" flag, as one audited change to the draft at the revision the
 * page saw. 'notFound' when the field is not stale now, without claiming the version.
 */
export async function recordTranslationReason(
	db: Db,
	user: StaffAccount,
	version: VersionRef,
	revision: number,
	field: { format: BriefingFormat; language: LanguageCode; path: string },
	reason: string,
	now = new Date()
): Promise<SaveResult> {
	const key = {
		...variantKey(user, version, field.format),
		language: field.language,
		path: field.path
	};
	const detail = {
		format: field.format,
		language: field.language,
		path: field.path,
		comment: reason
	};
	return inTransaction(db, async (trx) => {
		const sourceText = await staleSourceText(trx, key);
		if (sourceText === null) return 'notFound';
		return changeDraft(
			trx,
			user,
			version,
			revision,
			{ action: 'translationReason', detail, now },
			() => recordReason(trx, user, key, sourceText, reason, now)
		);
	});
}

export interface VersionDetails {
	reviewBy: string;
	evidenceLinks: string[];
	userTestingNote: string;
}

export async function saveVersionDetails(
	db: Db,
	user: StaffAccount,
	version: VersionRef,
	revision: number,
	details: VersionDetails,
	now = new Date()
): Promise<SaveResult> {
	const audit = { action: 'edited' as const, detail: { fields: 'details' }, now };
	return inTransaction(db, (trx) =>
		changeDraft(trx, user, version, revision, audit, () =>
			trx
				.updateTable('briefing_version')
				.set({
					review_by: details.reviewBy,
					evidence_links: JSON.stringify(details.evidenceLinks),
					user_testing_note: details.userTestingNote
				})
				.where('organisation_id', '=', user.organisationId)
				.where('id', '=', version.id)
				.execute()
		)
	);
}

const dateIn = (now: Date, years: number) => {
	const d = new Date(now);
	d.setUTCFullYear(d.getUTCFullYear() + years);
	return d.toISOString().slice(0, 10);
};

export type CreateBriefingResult = { ok: true; id: string } | { ok: false; problem: 'slugTaken' };

/** A new briefing with an empty first draft, in one transaction. */
export async function createBriefingWithDraft(
	db: Db,
	user: StaffAccount,
	input: { topic: string; slug: string; ownerId: string },
	now = new Date()
): Promise<CreateBriefingResult> {
	return inTransaction(db, async (trx) => {
		// Two leads at once: the second finds the slug taken rather than failing on its index.
		await lockFor(trx, `briefing-slug:${user.organisationId}:${input.slug}`);
		const taken = await trx
			.selectFrom('briefing')
			.select('id')
			.where('organisation_id', '=', user.organisationId)
			.where('slug', '=', input.slug)
			.executeTakeFirst();
		if (taken) return { ok: false, problem: 'slugTaken' } as const;
		const id = randomUUID();
		await trx
			.insertInto('briefing')
			.values({
				id,
				organisation_id: user.organisationId,
				slug: input.slug,
				topic: input.topic,
				owner_id: input.ownerId,
				created_at: now.toISOString()
			})
			.execute();
		const versionId = await insertDraft(
			trx,
			user.organisationId,
			id,
			1,
			{ reviewBy: dateIn(now, 1), evidenceLinks: [], userTestingNote: '' },
			[],
			now
		);
		const audit = { organisationId: user.organisationId, actorId: user.id };
		await recordAudit(
			trx,
			{
				...audit,
				action: 'created',
				subjectType: 'briefing',
				subjectId: id,
				detail: { topic: input.topic, slug: input.slug }
			},
			now
		);
		await recordAudit(
			trx,
			{
				...audit,
				action: 'created',
				subjectType: 'briefing_version',
				subjectId: versionId,
				detail: { briefingId: id, number: 1 }
			},
			now
		);
		return { ok: true, id } as const;
	});
}

async function insertDraft(
	trx: Db,
	organisationId: string,
	briefingId: string,
	number: number,
	details: VersionDetails,
	variants: BriefingVariant[],
	now: Date
): Promise<string> {
	const id = randomUUID();
	BriefingVersion.parse({
		id,
		briefingId,
		number,
		status: 'draft',
		...details,
		approvedBy: null,
		isExample: false,
		variants
	});
	await trx
		.insertInto('briefing_version')
		.values({
			id,
			organisation_id: organisationId,
			briefing_id: briefingId,
			number,
			status: 'draft',
			review_by: details.reviewBy,
			evidence_links: JSON.stringify(details.evidenceLinks),
			user_testing_note: details.userTestingNote,
			approved_by_name: null,
			approved_at: null,
			published_at: null,
			is_example: 0,
			created_at: now.toISOString(),
			revision: 1
		})
		.execute();
	if (variants.length)
		await trx
			.insertInto('briefing_variant')
			.values(
				variants.map((v) => ({
					version_id: id,
					organisation_id: organisationId,
					format: v.format,
					language: v.language,
					content: JSON.stringify(v)
				}))
			)
			.execute();
	return id;
}

export type NewDraftResult =
	{ ok: true; number: number } | { ok: false; problem: 'openVersionExists' | 'notFound' };

/**
 * A new draft copying the published version (or, when none is, the latest): its variants,
 * evidence and user-testing note. Only one version may be open (not yet published or retired)
 * at a time, so two drafts never compete.
 */
export async function startNewDraft(
	db: Db,
	user: StaffAccount,
	briefingId: string,
	now = new Date()
): Promise<NewDraftResult> {
	return inTransaction(db, async (trx) => {
		// Two leads at once: the second sees the first's draft open (and never its number).
		await lockFor(trx, versionNumbersKey(briefingId));
		const versions = await trx
			.selectFrom('briefing_version')
			.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
			.select(['briefing_version.id', 'briefing_version.number', 'briefing_version.status'])
			.where('briefing.id', '=', briefingId)
			.where('briefing.organisation_id', '=', user.organisationId)
			.orderBy('briefing_version.number', 'desc')
			.execute();
		if (versions.length === 0) return { ok: false, problem: 'notFound' } as const;
		if (versions.some((v) => ['draft', 'inReview', 'approved'].includes(v.status)))
			return { ok: false, problem: 'openVersionExists' } as const;
		const source = versions.find((v) => v.status === 'published') ?? versions[0];
		const from = await getVersion(trx, user.organisationId, briefingId, source?.number ?? 0);
		if (!from) return { ok: false, problem: 'notFound' } as const;
		const number = (versions[0]?.number ?? 0) + 1;
		const variants = from.variants.map((v) => ({ ...v, translationChecked: v.translationChecked }));
		const id = await insertDraft(
			trx,
			user.organisationId,
			briefingId,
			number,
			{
				reviewBy: from.reviewBy,
				evidenceLinks: from.evidenceLinks,
				userTestingNote: from.userTestingNote
			},
			variants,
			now
		);
		await recordAudit(
			trx,
			{
				organisationId: user.organisationId,
				actorId: user.id,
				action: 'created',
				subjectType: 'briefing_version',
				subjectId: id,
				detail: { briefingId, number, copiedFrom: from.number }
			},
			now
		);
		return { ok: true, number } as const;
	});
}

export interface ReviewDue {
	briefingId: string;
	topic: string;
	number: number;
	reviewBy: string;
	state: Exclude<ReviewState, 'inDate'>;
}

/** Published content past its review-by date or due within 60 days, soonest first. */
export async function reviewDue(
	db: Db,
	organisationId: string,
	today: string
): Promise<ReviewDue[]> {
	const rows = await db
		.selectFrom('briefing_version')
		.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
		.select([
			'briefing.id',
			'briefing.topic',
			'briefing_version.number',
			'briefing_version.review_by'
		])
		.where('briefing.organisation_id', '=', organisationId)
		.where('briefing_version.status', '=', 'published')
		.orderBy('briefing_version.review_by')
		.execute();
	return rows.flatMap((r) => {
		const state = reviewState(r.review_by, today);
		return state === 'inDate'
			? []
			: [{ briefingId: r.id, topic: r.topic, number: r.number, reviewBy: r.review_by, state }];
	});
}

/** Who may own a briefing: the organisation's leads and admins. */
export async function listOwners(db: Db, organisationId: string) {
	return db
		.selectFrom('staff_account')
		.select(['id', 'display_name as name'])
		.where('organisation_id', '=', organisationId)
		.where('role', 'in', ['engagementLead', 'admin'])
		.where('disabled', '=', 0)
		.orderBy('display_name')
		.execute();
}

/** Changes listed a page on a briefing's page. */
export const BRIEFING_AUDIT_PER_PAGE = 50;

/**
 * The audit trail of a briefing and all its versions, newest first, a page at a time (a page
 * past the last is the last): every save of a draft is in it, so a long-lived briefing's trail
 * runs to hundreds of changes, and the oldest must stay reachable.
 */
export async function auditForBriefing(
	db: Db,
	organisationId: string,
	briefingId: string,
	page = 1
) {
	const versionIds = (
		await db
			.selectFrom('briefing_version')
			.select('id')
			.where('organisation_id', '=', organisationId)
			.where('briefing_id', '=', briefingId)
			.execute()
	).map((v) => v.id);
	const trail = () =>
		db
			.selectFrom('audit_event')
			.where('audit_event.organisation_id', '=', organisationId)
			.where('audit_event.subject_id', 'in', [briefingId, ...versionIds]);
	const { n } = await trail()
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	const slice = pageWindow(page, Number(n), BRIEFING_AUDIT_PER_PAGE);
	const rows = await trail()
		.innerJoin('staff_account', 'staff_account.id', 'audit_event.actor_id')
		.select([
			'audit_event.id',
			'audit_event.action',
			'audit_event.subject_type',
			'audit_event.detail',
			'audit_event.at',
			'staff_account.display_name'
		])
		.orderBy('audit_event.at', 'desc')
		.orderBy('audit_event.id')
		.limit(slice.limit)
		.offset(slice.offset)
		.execute();
	const events = rows.map((r) => {
		const detail = JSON.parse(r.detail) as Record<string, unknown>;
		return {
			id: r.id,
			action: r.action,
			subjectType: r.subject_type,
			at: r.at,
			actorName: r.display_name,
			number: typeof detail.number === 'number' ? detail.number : null,
			format: typeof detail.format === 'string' ? detail.format : null,
			language: typeof detail.language === 'string' ? detail.language : null,
			captions: typeof detail.captions === 'string' ? detail.captions : null,
			comment: typeof detail.comment === 'string' ? detail.comment : null
		};
	});
	return { events, paging: pagingOf(slice, rows.length) };
}
