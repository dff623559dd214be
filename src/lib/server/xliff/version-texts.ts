import type { BriefingVariant } from '$lib/domain/briefing';
import type { LanguageCode } from '$lib/domain/language';
import { sourceLanguage } from '$lib/domain/translation';
import { draftFromVariant, type VariantDraft } from '$lib/domain/variant-draft';
import type { Db } from '../db/database';
import { partialsOf } from '../repositories/translations';
import type { VersionTexts } from './exchange';

/** A version's text as the XLIFF exchange reads it: each source format and its translations. */
export async function versionTexts(
	db: Db,
	organisationId: string,
	briefingId: string,
	version: { id: string; number: number; variants: BriefingVariant[] }
): Promise<VersionTexts> {
	const partials = await partialsOf(db, organisationId, version.id);
	const formats = version.variants
		.filter((v) => v.language === sourceLanguage)
		.map((source) => {
			const translations = new Map<string, VariantDraft>();
			for (const v of version.variants)
				if (v.format === source.format && v.language !== sourceLanguage)
					translations.set(v.language, draftFromVariant(v));
			for (const p of partials)
				if (p.format === source.format) translations.set(p.language, p.draft);
			return { format: source.format, source: draftFromVariant(source), translations };
		});
	return { briefingId, number: version.number, sourceLanguage, formats };
}

/** The languages a version's text may be translated into: written content languages but the source. */
export const xliffTargets = (languages: readonly LanguageCode[]) =>
	languages.filter((l) => l !== sourceLanguage && l !== 'bfi');
