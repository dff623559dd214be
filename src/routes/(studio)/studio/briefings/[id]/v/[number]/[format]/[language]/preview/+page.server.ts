import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { PatientLanguage } from '$lib/domain/language';
import { loadResources } from '$lib/server/locales';
import { loadVersion, variantParams } from '$lib/server/studio/version-page';

const Print = z.strictObject({
	paper: z.enum(['a4', 'a5']).catch('a4'),
	large: z.enum(['0', '1']).catch('0')
});

/** A variant as a patient would see it on a phone, before it is published. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { briefing, version } = await loadVersion(locals, url, params);
	const { format, language } = variantParams(params);
	const variant = version.variants.find((v) => v.format === format && v.language === language);
	if (!variant) error(404, { message: 'notFound' });
	const print = Print.parse({
		paper: url.searchParams.get('paper') ?? undefined,
		large: url.searchParams.get('large') ?? undefined
	});
	// The words a printed leaflet adds ("Information for patients…", "Page 1 of 2") are in the
	// leaflet's own language (every written language has them: patient words), else the reader's.
	const printLang = PatientLanguage.safeParse(language).data ?? locals.lang;
	return {
		titleKey: 'editor:preview.title',
		printWords: {
			lang: printLang,
			resources: { patient: { print: loadResources(printLang).patient?.print } }
		},
		briefing: { id: briefing.id, topic: briefing.topic },
		number: version.number,
		version: {
			number: version.number,
			publishedAt: version.publishedAt,
			reviewBy: version.reviewBy
		},
		variant,
		others: version.variants.map((v) => ({ format: v.format, language: v.language })),
		paper: print.paper,
		large: print.large === '1'
	};
};
