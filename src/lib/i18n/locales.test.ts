import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patientLanguages, uiLanguages } from '$lib/domain/language';
import { namespaces, serverNamespaces } from './index';
import { isPatientFacing, patientNamespaces } from './patient-keys';
import { statusOf, type TranslationStatus } from './translation-status';

const root = join(process.cwd(), 'locales');
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const patientOnly = patientLanguages.filter((l) => !(uiLanguages as readonly string[]).includes(l));
const translated = patientLanguages.filter((l) => l !== 'en');

function flatten(value: unknown, prefix = ''): Array<[string, string]> {
	if (typeof value === 'string') return [[prefix, value]];
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		throw new Error(`${prefix}: strings and objects only`);
	return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

function strings(lang: string, ns: string): Map<string, string> {
	return new Map(flatten(JSON.parse(readFileSync(join(root, lang, `${ns}.json`), 'utf8'))));
}

const base = (key: string) => key.replace(pluralSuffix, '');
/** Keys with plural forms collapsed: `a.b_one`, `a.b_other` → `a.b`. */
const baseKeys = (all: Iterable<string>) => [...new Set([...all].map(base))].sort();
const variables = (text: string) => [...new Set(text.match(/\{\{\s*[\w.]+\s*\}\}/g) ?? [])].sort();
const localeFiles = (lang: string) =>
	readdirSync(join(root, lang)).filter((f) => !f.startsWith('_'));
const namespacesOf = (lang: string): readonly string[] =>
	(uiLanguages as readonly string[]).includes(lang)
		? [...namespaces, ...serverNamespaces]
		: patientNamespaces;

/** The English keys a language must have in `ns`: all of them, or the patient-facing ones. */
function englishKeysFor(lang: string, ns: string): Map<string, string> {
	const english = strings('en', ns);
	if ((uiLanguages as readonly string[]).includes(lang)) return english;
	return new Map([...english].filter(([key]) => isPatientFacing(ns, key)));
}

describe('locales', () => {
	for (const lang of patientLanguages)
		it(`${lang} has exactly the namespaces it is loaded with`, () => {
			expect(localeFiles(lang).sort()).toEqual(
				namespacesOf(lang)
					.map((ns) => `${ns}.json`)
					.sort()
			);
		});

	for (const lang of translated)
		for (const ns of namespacesOf(lang))
			it(`${lang}/${ns} has exactly the keys of English${patientOnly.includes(lang as never) ? ' a patient page shows' : ''}`, () => {
				const own = baseKeys(strings(lang, ns).keys());
				const english = baseKeys(englishKeysFor(lang, ns).keys());
				// Named so the lead sees at once what a merge left untranslated.
				expect(
					english.filter((k) => !own.includes(k)),
					`in English, not yet in ${lang}`
				).toEqual([]);
				expect(
					own.filter((k) => !english.includes(k)),
					`in ${lang}, not (or no longer) in English`
				).toEqual([]);
			});

	for (const lang of patientLanguages)
		for (const ns of namespacesOf(lang))
			it(`${lang}/${ns}: the plural forms ${lang} needs, English's {{variables}}, no empty string`, () => {
				const own = strings(lang, ns);
				const english = englishKeysFor(lang, ns);
				const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
				const pluralBases = new Set(
					[...english.keys()].filter((k) => pluralSuffix.test(k)).map(base)
				);
				for (const b of pluralBases) {
					const forms = [...own.keys()].filter((k) => base(k) === b && k !== b);
					expect(forms.map((k) => k.slice(b.length + 1)).sort(), `${lang}/${ns}:${b}`).toEqual(
						[...needed].sort()
					);
				}
				for (const [key, text] of own) {
					expect(text.trim(), `${lang}/${ns}:${key}`).not.toBe('');
					const plural = pluralSuffix.test(key);
					const source = plural ? english.get(`${base(key)}_other`) : english.get(key);
					if (source === undefined) continue;
					// A plural form may say its number in words ("دقيقتان", two minutes) and drop
					// {{count}}; the `other` form never may, and no form drops another variable.
					const dropsCount = (v: string[]) =>
						plural && !key.endsWith('_other') ? v.filter((x) => x !== '{{count}}') : v;
					expect(
						dropsCount(variables(text)),
						`${lang}/${ns}:${key} keeps English's variables`
					).toEqual(dropsCount(variables(source)));
				}
			});

	for (const lang of translated)
		it(`${lang}/_translation.json marks every string checked (unchanged since) or unchecked`, () => {
			const status: TranslationStatus = JSON.parse(
				readFileSync(join(root, lang, '_translation.json'), 'utf8')
			);
			expect(status.language).toBe(lang);
			const all = namespacesOf(lang).flatMap((ns) =>
				[...strings(lang, ns)].map(([key, text]) => [`${ns}:${key}`, text] as const)
			);
			const ids = new Set(all.map(([id]) => id));
			for (const entry of status.checked) {
				expect(entry.by.trim(), 'who checked').not.toBe('');
				expect(entry.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				for (const id of Object.keys(entry.keys))
					expect(ids, `${lang}: checked ${id}`).toContain(id);
			}
			const wrong = all
				.map(([id, text]) => [id, statusOf(status, id, text)] as const)
				.filter(([, s]) => s === 'unmarked' || s === 'changed');
			expect(wrong, 'changed since checked, or marked neither way').toEqual([]);
		});
});
