import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uiLanguages } from '$lib/domain/language';
import { namespaces } from './index';

const root = join(process.cwd(), 'locales');
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ''): string[] {
	if (typeof value === 'string') return [prefix];
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		throw new Error(`${prefix}: strings and objects only`);
	return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

function keys(lang: string, ns: string): string[] {
	return flatten(JSON.parse(readFileSync(join(root, lang, `${ns}.json`), 'utf8'))).sort();
}

/** Keys with plural forms collapsed: `a.b_one`, `a.b_other` → `a.b`. */
function baseKeys(all: string[]): string[] {
	return [...new Set(all.map((k) => k.replace(pluralSuffix, '')))].sort();
}

describe('locales', () => {
	it('has exactly the namespaces the app loads, for every language', () => {
		for (const lang of uiLanguages)
			expect(readdirSync(join(root, lang)).sort()).toEqual(
				namespaces.map((ns) => `${ns}.json`).sort()
			);
	});

	for (const lang of uiLanguages.filter((l) => l !== 'en'))
		for (const ns of namespaces)
			it(`${lang}/${ns} has exactly the keys of English`, () => {
				expect(baseKeys(keys(lang, ns))).toEqual(baseKeys(keys('en', ns)));
			});

	for (const lang of uiLanguages)
		for (const ns of namespaces)
			it(`${lang}/${ns} has every plural form ${lang} needs, and no empty string`, () => {
				const all = keys(lang, ns);
				const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
				for (const base of new Set(
					all.filter((k) => pluralSuffix.test(k)).map((k) => k.replace(pluralSuffix, ''))
				))
					for (const category of needed) expect(all).toContain(`${base}_${category}`);
				const data = JSON.parse(readFileSync(join(root, lang, `${ns}.json`), 'utf8'));
				for (const key of all) {
					const text = key.split('.').reduce((o, k) => o[k], data);
					expect(text.trim(), `${lang}/${ns}:${key}`).not.toBe('');
				}
			});
});
