import { BriefingVariant } from '$lib/domain/briefing';
import type { BriefingFormat } from '$lib/domain/format';
import type { LanguageCode } from '$lib/domain/language';
import type { StaffAccount } from '$lib/domain/staff';
import {
	draftTextFields,
	sourceLanguage,
	staleFields,
	StoredDraft,
	translationProgress,
	type TranslationState
} from '$lib/domain/translation';
import { textFields } from '$lib/domain/variant-fields';
import { draftFromVariant, type VariantDraft } from '$lib/domain/variant-draft';
import type { Db } from '../db/database';
import { recordAudit } from './audit';

/*
 * Partial and stale translations (migration 039, hazard H79). A version's translations are in
 * `briefing_variant` when complete and in `briefing_variant_partial` while part-done; each
 * translated field's source text is in `translation_source`. Every function here runs inside
 * the caller's transaction when it writes, beside the change that calls for it.
 */

type Texts = Map<string, string>;

/** Text as compared: lines trimmed, blank lines dropped (a list's items are its lines). */
const norm = (text: string) =>
	text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.join('\n');

const variantTexts = (v: BriefingVariant): Texts =>
	new Map(textFields(v).map((x) => [x.path, norm(x.text)]));
const draftTexts = (d: VariantDraft): Texts =>
	new Map(draftTextFields(d).map((x) => [x.path, norm(x.text)]));

export interface PartialVariant {
	format: BriefingFormat;
	language: LanguageCode;
	draft: VariantDraft;
}

/** A version's part-done translations, in format then language order. */
export async function partialsOf(
	db: Db,
	organisationId: string,
	versionId: string
): Promise<PartialVariant[]> {
	const rows = await db
		.selectFrom('briefing_variant_partial')
		.select(['format', 'language', 'draft'])
		.where('organisation_id', '=', organisationId)
		.where('version_id', '=', versionId)
		.orderBy('format')
		.orderBy('language')
		.execute();
	return rows.map((r) => ({
		format: r.format as BriefingFormat,
		language: r.language as LanguageCode,
		draft: StoredDraft.parse(JSON.parse(r.draft))
	}));
}

type VariantKey = { versionId: string; organisationId: string; format: string; language: string };

/** The texts a translation holds now, complete or part-done; null when it has none saved. */
async function translationTexts(trx: Db, key: VariantKey): Promise<Texts | null> {
	const complete = await trx
		.selectFrom('briefing_variant')
		.select('content')
		.where('organisation_id', '=', key.organisationId)
		.where('version_id', '=', key.versionId)
		.where('format', '=', key.format)
		.where('language', '=', key.language)
		.executeTakeFirst();
	if (complete) return variantTexts(BriefingVariant.parse(JSON.parse(complete.content)));
	const partial = await trx
		.selectFrom('briefing_variant_partial')
		.select('draft')
		.where('organisation_id', '=', key.organisationId)
		.where('version_id', '=', key.versionId)
		.where('format', '=', key.format)
		.where('language', '=', key.language)
		.executeTakeFirst();
	return partial ? draftTexts(StoredDraft.parse(JSON.parse(partial.draft))) : null;
}

async function sourceTexts(trx: Db, key: Omit<VariantKey, 'language'>): Promise<Texts | null> {
	return translationTexts(trx, { ...key, language: sourceLanguage });
}

async function recordedSources(trx: Db, key: VariantKey) {
	return trx
		.selectFrom('translation_source')
		.select(['path', 'source_text', 'reason', 'reason_by', 'reason_at'])
		.where('organisation_id', '=', key.organisationId)
		.where('version_id', '=', key.versionId)
		.where('format', '=', key.format)
		.where('language', '=', key.language)
		.execute();
}

function sourceRows(key: VariantKey, rows: Array<{ path: string; sourceText: string }>) {
	return rows.map((r) => ({
		version_id: key.versionId,
		organisation_id: key.organisationId,
		format: key.format,
		language: key.language,
		path: r.path,
		source_text: r.sourceText,
		reason: null,
		reason_by: null,
		reason_at: null
	}));
}

/**
 * Before a translation's new text is written: each field whose translated text changed (or is
 * new) records the source text it is now made from, and loses any reason a lead gave; a field
 * left as it was keeps what it was made from, so saving the form again clears no flag. A
 * field emptied forgets its source. With no source variant there is nothing to record.
 */
export async function recordTranslationSources(
	trx: Db,
	key: VariantKey,
	after: { variant: BriefingVariant } | { draft: VariantDraft }
): Promise<void> {
	if (key.language === sourceLanguage) return;
	const source = await sourceTexts(trx, key);
	if (!source) return;
	const before = (await translationTexts(trx, key)) ?? new Map<string, string>();
	const now = 'variant' in after ? variantTexts(after.variant) : draftTexts(after.draft);
	const recorded = new Map((await recordedSources(trx, key)).map((r) => [r.path, r]));
	const fresh = [...now].filter(([, text]) => text !== '');
	const changed = fresh.filter(([path, text]) => !recorded.has(path) || before.get(path) !== text);
	const gone = [...recorded.keys()].filter((path) => !now.get(path));
	const forget = [...gone, ...changed.map(([path]) => path)];
	if (forget.length)
		await trx
			.deleteFrom('translation_source')
			.where('organisation_id', '=', key.organisationId)
			.where('version_id', '=', key.versionId)
			.where('format', '=', key.format)
			.where('language', '=', key.language)
			.where('path', 'in', forget)
			.execute();
	if (changed.length)
		await trx
			.insertInto('translation_source')
			.values(
				sourceRows(
					key,
					changed.map(([path]) => ({ path, sourceText: source.get(path) ?? '' }))
				)
			)
			.execute();
}

/** The translations of one format in a version: language, texts, and whether it is complete. */
async function translationsOf(trx: Db, key: Omit<VariantKey, 'language'>) {
	const complete = await trx
		.selectFrom('briefing_variant')
		.select(['language', 'content'])
		.where('organisation_id', '=', key.organisationId)
		.where('version_id', '=', key.versionId)
		.where('format', '=', key.format)
		.where('language', '!=', sourceLanguage)
		.execute();
	const partial = await trx
		.selectFrom('briefing_variant_partial')
		.select(['language', 'draft'])
		.where('organisation_id', '=', key.organisationId)
		.where('version_id', '=', key.versionId)
		.where('format', '=', key.format)
		.execute();
	return [
		...complete.map((r) => {
			const variant = BriefingVariant.parse(JSON.parse(r.content));
			return { language: r.language, texts: variantTexts(variant), variant, draft: null };
		}),
		...partial.map((r) => {
			const draft = StoredDraft.parse(JSON.parse(r.draft));
			return { language: r.language, texts: draftTexts(draft), variant: null, draft };
		})
	];
}

/**
 * Before the source variant's new text is written: every translated field with no recorded
 * source is taken as made from the source as it was (the rule for text saved before 039) and
 * recorded so; then each translation that the change makes stale loses its "checked by a
 * qualified translator" tick, audited, since the tick was for the text as it stood.
 */
export async function beforeSourceChange(
	trx: Db,
	user: StaffAccount,
	version: { id: string; briefingId: string; number: number },
	newSource: BriefingVariant,
	now: Date
): Promise<void> {
	const base = {
		versionId: version.id,
		organisationId: user.organisationId,
		format: newSource.format
	};
	const oldSource = await sourceTexts(trx, base);
	if (!oldSource) return;
	const sourceNow = variantTexts(newSource);
	for (const t of await translationsOf(trx, base)) {
		const key = { ...base, language: t.language };
		const recorded = await recordedSources(trx, key);
		const missing = [...t.texts]
			.filter(([path, text]) => text !== '' && !recorded.some((r) => r.path === path))
			.map(([path]) => ({ path, sourceText: oldSource.get(path) ?? '' }));
		if (missing.length)
			await trx.insertInto('translation_source').values(sourceRows(key, missing)).execute();
		const all = [
			...recorded.map((r) => ({ path: r.path, sourceText: r.source_text, reason: r.reason })),
			...missing.map((m) => ({ ...m, reason: null }))
		];
		const stale = staleFields(sourceNow, all, { diff: false });
		if (!stale.length) continue;
		const checked = t.variant?.translationChecked ?? t.draft?.translationChecked ?? false;
		if (!checked) continue;
		if (t.variant) {
			const content = JSON.stringify({ ...t.variant, translationChecked: false });
			await trx
				.updateTable('briefing_variant')
				.set({ content })
				.where('organisation_id', '=', key.organisationId)
				.where('version_id', '=', key.versionId)
				.where('format', '=', key.format)
				.where('language', '=', key.language)
				.execute();
		} else if (t.draft) {
			const draft = JSON.stringify({ ...t.draft, translationChecked: false });
			await trx
				.updateTable('briefing_variant_partial')
				.set({ draft })
				.where('organisation_id', '=', key.organisationId)
				.where('version_id', '=', key.versionId)
				.where('format', '=', key.format)
				.where('language', '=', key.language)
				.execute();
		}
		await recordAudit(
			trx,
			{
				organisationId: user.organisationId,
				actorId: user.id,
				action: 'translationUnchecked',
				subjectType: 'briefing_version',
				subjectId: version.id,
				detail: {
					briefingId: version.briefingId,
					number: version.number,
					format: key.format,
					language: key.language,
					fields: stale.map((s) => s.path)
				}
			},
			now
		);
	}
}

/** Deletes one format and language's rows of a version from one of the tables keyed by them. */
export function deleteVariantRows(
	trx: Db,
	table: 'briefing_variant' | 'briefing_variant_partial' | 'translation_source',
	key: VariantKey
) {
	return trx
		.deleteFrom(table)
		.where('organisation_id', '=', key.organisationId)
		.where('version_id', '=', key.versionId)
		.where('format', '=', key.format)
		.where('language', '=', key.language)
		.execute();
}

/** A translation's own rows go with it: removing a variant removes its part-done draft and sources. */
export async function forgetTranslation(trx: Db, key: VariantKey): Promise<void> {
	for (const table of ['briefing_variant_partial', 'translation_source'] as const)
		await deleteVariantRows(trx, table, key);
}

/**
 * Every translation of a version with its progress, its stale fields (each with a word diff of
 * the source change) and the reasons recorded: what the editor, the version page and the
 * reviewer are shown, and what approval and submission check.
 */
export async function translationStates(
	db: Db,
	organisationId: string,
	versionId: string,
	options: { diff?: boolean } = {}
): Promise<TranslationState[]> {
	const variants = await db
		.selectFrom('briefing_variant')
		.select(['format', 'language', 'content'])
		.where('organisation_id', '=', organisationId)
		.where('version_id', '=', versionId)
		.orderBy('format')
		.orderBy('language')
		.execute();
	const sources = new Map(
		variants
			.filter((v) => v.language === sourceLanguage)
			.map((v) => [v.format, variantTexts(BriefingVariant.parse(JSON.parse(v.content)))])
	);
	const translations = [
		...variants
			.filter((v) => v.language !== sourceLanguage)
			.map((v) => ({
				format: v.format as BriefingFormat,
				language: v.language as LanguageCode,
				complete: true,
				draft: draftFromVariant(BriefingVariant.parse(JSON.parse(v.content)))
			})),
		...(await partialsOf(db, organisationId, versionId)).map((p) => ({ ...p, complete: false }))
	];
	const rows = await db
		.selectFrom('translation_source')
		.leftJoin('staff_account', 'staff_account.id', 'translation_source.reason_by')
		.select([
			'translation_source.format',
			'translation_source.language',
			'translation_source.path',
			'translation_source.source_text',
			'translation_source.reason',
			'translation_source.reason_at',
			'staff_account.display_name'
		])
		.where('translation_source.organisation_id', '=', organisationId)
		.where('translation_source.version_id', '=', versionId)
		.orderBy('translation_source.path')
		.execute();
	return translations.map((t) => {
		const source = sources.get(t.format) ?? null;
		// In the order the fields are read (the title first), not the paths' alphabetical order.
		const order = draftTextFields(t.draft).map((f) => f.path);
		const at = (path: string) => (order.includes(path) ? order.indexOf(path) : order.length);
		const mine = rows
			.filter((r) => r.format === t.format && r.language === t.language)
			.sort((a, b) => at(a.path) - at(b.path));
		const stale = source
			? staleFields(
					source,
					mine.map((r) => ({ path: r.path, sourceText: r.source_text, reason: r.reason })),
					options
				)
			: [];
		return {
			format: t.format,
			language: t.language,
			complete: t.complete,
			progress: translationProgress(t.draft, source),
			stale,
			reasons: mine.flatMap((r) =>
				r.reason && !stale.some((s) => s.path === r.path)
					? [
							{
								path: r.path,
								reason: r.reason,
								byName: r.display_name ?? '',
								at: r.reason_at ?? ''
							}
						]
					: []
			)
		};
	});
}

/** The source text a translated field should now be recorded against, when the field is stale; else null. */
export async function staleSourceText(
	trx: Db,
	key: VariantKey & { path: string }
): Promise<string | null> {
	const source = await sourceTexts(trx, key);
	const row = source && (await recordedSources(trx, key)).find((r) => r.path === key.path);
	if (!source || !row) return null;
	const now = source.get(key.path) ?? '';
	return row.source_text.trim() === now.trim() ? null : now;
}

/**
 * A lead's reason why the source change does not affect one stale translated field: the field
 * is recorded as made from `sourceText` (the source as it stands, from `staleSourceText`), with
 * the reason, who and when. Inside the caller's transaction, which claims the draft and audits.
 */
export async function recordReason(
	trx: Db,
	user: StaffAccount,
	key: VariantKey & { path: string },
	sourceText: string,
	reason: string,
	now: Date
): Promise<void> {
	await trx
		.updateTable('translation_source')
		.set({ source_text: sourceText, reason, reason_by: user.id, reason_at: now.toISOString() })
		.where('organisation_id', '=', key.organisationId)
		.where('version_id', '=', key.versionId)
		.where('format', '=', key.format)
		.where('language', '=', key.language)
		.where('path', '=', key.path)
		.execute();
}
