import { z } from 'zod';

/**
 * Languages the toolkit can hold content in, by how often NHS organisations need them
 * (PRODUCT.md). `bfi` is British Sign Language: it only ever appears as a video variant.
 * `nativeName` is how a speaker of the language names it, for language switchers.
 */
export const contentLanguages = [
	{ code: 'en', nativeName: 'English', dir: 'ltr' },
	{ code: 'cy', nativeName: 'Cymraeg', dir: 'ltr' },
	{ code: 'pl', nativeName: 'Polski', dir: 'ltr' },
	{ code: 'ro', nativeName: 'Română', dir: 'ltr' },
	{ code: 'pa', nativeName: 'ਪੰਜਾਬੀ', dir: 'ltr' },
	{ code: 'ur', nativeName: 'اردو', dir: 'rtl' },
	{ code: 'pt', nativeName: 'Português', dir: 'ltr' },
	{ code: 'es', nativeName: 'Español', dir: 'ltr' },
	{ code: 'ar', nativeName: 'العربية', dir: 'rtl' },
	{ code: 'bn', nativeName: 'বাংলা', dir: 'ltr' },
	{ code: 'gu', nativeName: 'ગુજરાતી', dir: 'ltr' },
	{ code: 'zh-Hans', nativeName: '简体中文', dir: 'ltr' },
	{ code: 'so', nativeName: 'Soomaali', dir: 'ltr' },
	{ code: 'bfi', nativeName: 'British Sign Language', dir: 'ltr' }
] as const;

export type LanguageCode = (typeof contentLanguages)[number]['code'];
export type TextDirection = 'ltr' | 'rtl';

const codes = contentLanguages.map((l) => l.code) as [LanguageCode, ...LanguageCode[]];
export const LanguageCode = z.enum(codes);

/**
 * Staff interface languages: every staff page (ward, studio, admin) is translated into these
 * (locales/<code>/, every namespace).
 */
export const uiLanguages = ['en', 'cy', 'ar'] as const;
export type UiLanguage = (typeof uiLanguages)[number];
export const UiLanguage = z.enum(uiLanguages);
export const defaultUiLanguage: UiLanguage = 'en';

/**
 * Patient page languages: every written content language (BSL is video only). A patient page's
 * own words (buttons, feedback, notices, errors) exist in all of them; the staff pages' words
 * only in `uiLanguages`. locales/<code>/ for a patient-only language holds just the patient-facing
 * keys (src/lib/i18n/patient-keys.ts).
 */
export const patientLanguages = [
	'en',
	'cy',
	'pl',
	'ro',
	'pa',
	'ur',
	'pt',
	'es',
	'ar',
	'bn',
	'gu',
	'zh-Hans',
	'so'
] as const satisfies readonly LanguageCode[];
export type PatientLanguage = (typeof patientLanguages)[number];
export const PatientLanguage = z.enum(patientLanguages);

/**
 * Intl locale tags for a language, best first: British English and Welsh as written in the UK
 * (16 Nov 2026, not Nov 16, 2026); any other language as its own default; then British
 * English, for a browser without the language's data (Chrome has no Welsh): it then writes
 * dates and numbers the UK's way, not as its own default would (Dec 7, 2026, 5:08 PM).
 */
export function intlLocale(lang: string): string[] {
	return lang === 'en' ? ['en-GB'] : [lang === 'cy' ? 'cy-GB' : lang, 'en-GB'];
}

/**
 * Text set apart from the sentence around it (Unicode first-strong isolate … pop isolate), for
 * a name put into a translated sentence: "العربية" in English or "Ward 7" in Arabic then keeps
 * the sentence's own order instead of dragging the punctuation and numbers around it.
 */
export function isolate(text: string): string {
	return `\u2068${text}\u2069`;
}

export function languageInfo(code: LanguageCode) {
	const info = contentLanguages.find((l) => l.code === code);
	if (!info) throw new Error(`Unknown language ${code}`);
	return info;
}

/**
 * A language's name as the sentence around it is written: "Welsh" in English, "Saesneg" in
 * Welsh, "الإنجليزية" in Arabic (the runtime's own names, CLDR). Where the runtime has none
 * (BSL), the language's own name.
 */
export function languageNameIn(code: LanguageCode, inLanguage: string): string {
	try {
		const name = new Intl.DisplayNames(intlLocale(inLanguage), { type: 'language' }).of(code);
		if (name && name !== code) return name;
	} catch {
		// An interface language the runtime does not know: fall back to the language's own name.
	}
	return languageInfo(code).nativeName;
}

export function directionOf(code: string): TextDirection {
	return contentLanguages.find((l) => l.code === code)?.dir ?? 'ltr';
}

export function isUiLanguage(code: string | null | undefined): code is UiLanguage {
	return uiLanguages.includes(code as UiLanguage);
}

export function isPatientLanguage(code: string | null | undefined): code is PatientLanguage {
	return patientLanguages.includes(code as PatientLanguage);
}

/**
 * Which of `offered` a language tag (`?lang=` or an Accept-Language entry) means, if any:
 * exact first, whatever the case (`zh-hans`); else by primary subtag (`cy-GB` → cy), except
 * where the script differs from ours: our Chinese is Simplified (zh, zh-CN, zh-SG, zh-Hans-*,
 * never zh-TW, zh-HK or zh-Hant) and our Punjabi is Gurmukhi (pa, pa-IN, pa-Guru, never
 * pa-PK or pa-Arab, which are written in Shahmukhi).
 */
export function matchLanguage<L extends string>(
	tag: string | null | undefined,
	offered: readonly L[]
): L | null {
	const lower = (tag ?? '').trim().toLowerCase();
	if (!lower) return null;
	const exact = offered.find((l) => l.toLowerCase() === lower);
	if (exact) return exact;
	const [primary, ...rest] = lower.split('-');
	if (primary === 'zh') {
		if (rest.some((s) => ['hant', 'tw', 'hk', 'mo'].includes(s))) return null;
		return offered.find((l) => l === 'zh-Hans') ?? null;
	}
	if (primary === 'pa' && rest.some((s) => ['arab', 'pk'].includes(s))) return null;
	return offered.find((l) => l === primary) ?? null;
}

/**
 * Picks a page's language from `offered`: the first explicit choice it offers (the link's
 * `?lang=`, then a remembered one), then the first of the browser's Accept-Language entries it
 * offers (by quality), then English. A choice it does not offer (`?lang=pl` on a staff page) is
 * passed over, never an error.
 */
export function negotiateLanguage<L extends string>(
	offered: readonly L[],
	explicit: ReadonlyArray<string | null | undefined>,
	acceptLanguage: string | null | undefined
): L | 'en' {
	for (const choice of explicit) {
		const found = matchLanguage(choice, offered);
		if (found) return found;
	}
	const ranked = (acceptLanguage ?? '')
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, index };
		})
		.filter((entry) => entry.tag && !Number.isNaN(entry.q) && entry.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const { tag } of ranked) {
		const found = matchLanguage(tag, offered);
		if (found) return found;
	}
	return 'en';
}

/** A staff page's language: see negotiateLanguage. */
export function negotiateUiLanguage(
	explicit: string | null | undefined,
	acceptLanguage: string | null | undefined
): UiLanguage {
	return negotiateLanguage(uiLanguages, [explicit], acceptLanguage);
}

/** A patient page's language: see negotiateLanguage. */
export function negotiatePatientLanguage(
	explicit: string | null | undefined,
	acceptLanguage: string | null | undefined
): PatientLanguage {
	return negotiateLanguage(patientLanguages, [explicit], acceptLanguage);
}

/**
 * `codes` with the organisation's default languages first, in the organisation's order, then the
 * rest in their own order. What a trust offers first: its patients' commonest languages at the
 * top of a patient page's language list and of the studio's "add a translation" choice.
 */
export function defaultLanguagesFirst<T extends string>(
	codes: readonly T[],
	defaults: readonly string[]
): T[] {
	const first = [...new Set(defaults)].filter((d): d is T => codes.includes(d as T));
	return [...first, ...codes.filter((c) => !first.includes(c))];
}
