import type { BriefingFormat } from './format';
import { briefingFormats } from './format';
import type { AgeBand, CommunicationNeed, PatientGroup } from './patient-group';

/*
 * Which format to offer a patient, and why.
 *
 * The rule (PRODUCT.md, issue "Ward delivery"): the group's first preferred format that exists
 * in the chosen language, in a published version that is in date. When none of the preferred
 * formats exists in that language, offer any other format that does; when the language has no
 * content at all, fall back to English through an interpreter, face to face if there is a
 * script. Every preferred format missing in the language is named, so staff can say it plainly
 * ("No easy read in Polish yet") and leads see the gap.
 *
 * Example: group prefers [easyRead, faceToFace]; Polish has only a leaflet →
 *   { format: 'leaflet', language: 'pl', why: 'notPreferred', missing: ['easyRead','faceToFace'] }.
 *
 * A group with the BSL communication need is recommended the briefing's BSL video (a video in
 * `bfi`) whenever there is one, whatever written language was chosen: British Sign Language is
 * a d/Deaf signer's first language, English often a second. What the chosen language has stays
 * on offer as the alternatives (`alternativesLanguage`).
 */

export interface AvailableVariant {
	format: BriefingFormat;
	language: string;
}

export type Why =
	/** The group's first choice exists: nothing to explain beyond "best for this group". */
	| 'firstChoice'
	/** A later choice of the group's, because earlier ones are missing in this language. */
	| 'laterChoice'
	/** None of the group's formats exists in this language; this one does. */
	| 'notPreferred'
	/** Nothing in this language: use the English content with an interpreter. */
	| 'interpreterFallback'
	/** The group signs (BSL need) and the briefing has a BSL video. */
	| 'bsl';

export interface Recommendation {
	format: BriefingFormat;
	language: string;
	why: Why;
	/** Preferred formats that do not exist (in date) in the chosen language, in order. */
	missing: BriefingFormat[];
	/** The other formats on offer, best first: in the recommendation's language, unless… */
	alternatives: BriefingFormat[];
	/** …the alternatives are in another language (the chosen one, beside a BSL video). */
	alternativesLanguage?: string;
}

export const BSL_LANGUAGE = 'bfi';

export const FALLBACK_LANGUAGE = 'en';

/** The formats on offer, preferred first, each once (the fallback puts faceToFace first). */
function ordered(formats: readonly BriefingFormat[], preferred: readonly BriefingFormat[]) {
	return [
		...new Set(preferred.filter((f) => formats.includes(f))),
		...briefingFormats.filter((f) => formats.includes(f) && !preferred.includes(f))
	];
}

/** The recommendation for one briefing, or null when it has nothing usable at all. */
export function recommendFormat(
	group: Pick<PatientGroup, 'preferredFormats'> & Partial<Pick<PatientGroup, 'communicationNeeds'>>,
	language: string,
	available: readonly AvailableVariant[]
): Recommendation | null {
	const written = recommendWritten(group, language, available);
	const signs = group.communicationNeeds?.includes('bsl') ?? false;
	const bslVideo = available.some((v) => v.format === 'video' && v.language === BSL_LANGUAGE);
	if (!signs || !bslVideo || written?.language === BSL_LANGUAGE) return written;
	const others = written ? [written.format, ...written.alternatives] : [];
	return {
		format: 'video',
		language: BSL_LANGUAGE,
		why: 'bsl',
		missing: [],
		alternatives: others,
		alternativesLanguage: written?.language ?? language
	};
}

function recommendWritten(
	group: Pick<PatientGroup, 'preferredFormats'>,
	language: string,
	available: readonly AvailableVariant[]
): Recommendation | null {
	const preferred = group.preferredFormats;
	const inLanguage = available.filter((v) => v.language === language).map((v) => v.format);
	const missing = preferred.filter((f) => !inLanguage.includes(f));

	if (inLanguage.length > 0) {
		const [format, ...alternatives] = ordered(inLanguage, preferred);
		if (!format) return null;
		const why: Why =
			format === preferred[0]
				? 'firstChoice'
				: preferred.includes(format)
					? 'laterChoice'
					: 'notPreferred';
		return { format, language, why, missing, alternatives };
	}

	const fallback = available.filter((v) => v.language === FALLBACK_LANGUAGE).map((v) => v.format);
	if (fallback.length === 0) return null;
	// Through an interpreter a conversation works best, so the script comes first.
	const [format, ...alternatives] = ordered(fallback, ['faceToFace', ...preferred]);
	if (!format) return null;
	return { format, language: FALLBACK_LANGUAGE, why: 'interpreterFallback', missing, alternatives };
}

export interface QuickAnswers {
	language: string | null;
	need: CommunicationNeed | null;
	ageBand: AgeBand | null;
}

/**
 * Suggests a patient group from at most three quick answers, for staff who are unsure.
 * Scores each group: a matching communication need counts most, then a usual language that is
 * not English or Welsh (a limited-English group), then an age band the group covers (the
 * fewer bands it covers, the better the match). Ties keep the lead's order of groups. Returns null when nothing matches better than the first group.
 */
export interface GroupFacts {
	id: string;
	communicationNeeds: readonly CommunicationNeed[];
	usualLanguages: readonly string[];
	ageBands?: readonly AgeBand[];
}

export function suggestGroup<G extends GroupFacts>(
	answers: QuickAnswers,
	groups: readonly G[]
): G | null {
	let best: { group: G; score: number } | null = null;
	for (const group of groups) {
		let score = 0;
		if (answers.need && group.communicationNeeds.includes(answers.need)) score += 4;
		if (
			answers.language &&
			!['en', 'cy'].includes(answers.language) &&
			group.usualLanguages.includes(answers.language)
		)
			score += 2;
		// A group made for that age (children) beats one that merely includes it (all ages).
		if (answers.ageBand && group.ageBands?.includes(answers.ageBand))
			score += 1 + (3 - group.ageBands.length) / 10;
		if (score > 0 && (!best || score > best.score)) best = { group, score };
	}
	return best?.group ?? null;
}
