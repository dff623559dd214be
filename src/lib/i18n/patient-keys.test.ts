import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPatientFacing } from './patient-keys';

/*
 * The patient-facing key list is kept by hand, so this reads the code a patient page renders
 * for every key it names (`t('patient:tools.larger')`, or a prefix it completes at run time,
 * `'briefing:format.' + format`) and checks the list covers each: a new patient-facing key
 * outside it fails here, not on a Polish reader's phone.
 */
const files = (dir: string): string[] =>
	readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path);
		return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
	});

const rendered = [
	...files('src/routes/(patient)'),
	'src/routes/+layout.svelte',
	'src/routes/+error.svelte',
	'src/lib/components/ui/error-kind.ts',
	'src/lib/components/ui/SiteHeader.svelte',
	'src/lib/components/ui/SiteFooter.svelte',
	'src/lib/components/ui/LanguageSwitcher.svelte',
	'src/lib/components/ui/ErrorSummary.svelte',
	'src/lib/components/ui/RadioGroup.svelte',
	...files('src/lib/components/briefing').filter((f) =>
		/(VariantView|VideoView|LeafletView|EasyReadView|FaceToFaceView|ContentText)\.svelte$/.test(f)
	)
];

// Shown only to a signed-in member of staff (patient pages never read the session cookie), and
// the error page's words for an address's bad query, which only staff pages read (parse-query.ts).
const staffOnly = [
	'common:nav.',
	'common:platform.nav',
	'common:signedInAs',
	'common:signOut',
	'common:addressError'
];

describe('patient-facing keys', () => {
	it('cover every key the code of a patient page names', () => {
		const named = rendered.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/['"`](common|patient|briefing):([\w.]*)/g)].map(
				([, ns, key]) => ({ file, ns: ns as string, key: (key as string).replace(/\.$/, '') })
			)
		);
		expect(named.length).toBeGreaterThan(40);
		const uncovered = named.filter(
			({ ns, key }) =>
				!staffOnly.some((s) => `${ns}:${key}`.startsWith(s)) && !isPatientFacing(ns, key)
		);
		expect(uncovered).toEqual([]);
	});

	it('cover a key, the keys under it and its plural forms, nothing beside it', () => {
		expect(isPatientFacing('patient', 'anything.at_all')).toBe(true);
		expect(isPatientFacing('briefing', 'video.minutes_few')).toBe(true);
		expect(isPatientFacing('common', 'home.lede')).toBe(true);
		expect(isPatientFacing('common', 'home.ledeMore')).toBe(false);
		expect(isPatientFacing('common', 'home.staffHeading')).toBe(false);
		expect(isPatientFacing('briefing', 'status.draft')).toBe(false);
		expect(isPatientFacing('ward', 'anything')).toBe(false);
	});
});
