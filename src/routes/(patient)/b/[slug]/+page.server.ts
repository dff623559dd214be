import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { reviewState } from '$lib/domain/briefing';
import { BriefingFormat, briefingFormats } from '$lib/domain/format';
import { publishedBriefingBySlug } from '$lib/server/repositories/briefings';

/**
 * The public patient view of a briefing: its published version, in the language the link
 * carries (else the interface language, else English), in the chosen or first format.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const found = await publishedBriefingBySlug(locals.app.db, params.slug);
	if (!found) error(404, { message: 'notFound' });
	const { briefing, version } = found;

	const languages = [...new Set(version.variants.map((v) => v.language))];
	const asked = url.searchParams.get('lang');
	const language = [asked, locals.lang, 'en', languages[0]].find(
		(l): l is (typeof languages)[number] => languages.some((x) => x === l)
	);
	if (!language) error(404, { message: 'notFound' });
	const inLanguage = version.variants.filter((v) => v.language === language);
	const formats = briefingFormats.filter((f) => inLanguage.some((v) => v.format === f));
	const askedFormat = BriefingFormat.safeParse(url.searchParams.get('format'));
	const format =
		askedFormat.success && formats.includes(askedFormat.data) ? askedFormat.data : formats[0];
	const variant = inLanguage.find((v) => v.format === format);
	if (!variant) error(404, { message: 'notFound' });

	return {
		title: variant.title,
		briefing: { slug: briefing.slug },
		isExample: version.isExample,
		overdue: reviewState(version.reviewBy, new Date().toISOString().slice(0, 10)) === 'overdue',
		language,
		languages,
		formats,
		variant
	};
};
