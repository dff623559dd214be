import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import {
	defaultLanguagesFirst,
	directionOf,
	isolate,
	isPatientLanguage,
	type PatientLanguage
} from '$lib/domain/language';
import { createTranslator } from '$lib/i18n';
import { requirePageRole } from '$lib/server/auth/guard';
import { loadResources } from '$lib/server/locales';
import { posterCode } from '$lib/server/patient-codes';
import { getBriefingDetail } from '$lib/server/repositories/briefing-versions';
import { publishedBriefingBySlug } from '$lib/server/repositories/briefings';
import {
	getOrganisation,
	organisationDefaultLanguages
} from '$lib/server/repositories/organisations';

const Poster = z.strictObject({ paper: z.enum(['a4', 'a5']).catch('a4') });

/**
 * A briefing's QR poster for bedsides and noticeboards (issue 17): the organisation, the title in
 * each language the published version has with one line in that language saying how to open it,
 * the QR code of its public page, and its standing typed code. Nothing about any patient.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const db = locals.app.db;
	const id = z.uuid().safeParse(params.id);
	const briefing = id.success ? await getBriefingDetail(db, user.organisationId, id.data) : null;
	if (!briefing) error(404, { message: 'notFound' });
	const { paper } = Poster.parse({ paper: url.searchParams.get('paper') ?? undefined });
	const base = { titleKey: 'editor:poster.title', briefing, paper };
	const published = await publishedBriefingBySlug(db, user.organisationId, briefing.slug);
	if (!published) return { ...base, poster: null };

	const organisation = await getOrganisation(db, user.organisationId);
	const order = await organisationDefaultLanguages(db, user.organisationId);
	const variants = published.version.variants;
	// A language's title: its leaflet's, else its first variant's; English first, then the
	// organisation's usual languages, then the rest.
	// Written languages only: a BSL video's page is reached from its English one.
	const languages = defaultLanguagesFirst(
		[...new Set(variants.map((v) => v.language))].filter(isPatientLanguage),
		['en', ...order]
	);
	const address = `${url.host}/c`;
	const titles = languages.map((language: PatientLanguage) => {
		const inLanguage = variants.filter((v) => v.language === language);
		const title = (inLanguage.find((v) => v.format === 'leaflet') ?? inLanguage[0])?.title ?? '';
		const { t } = createTranslator(language, { patient: loadResources(language).patient ?? {} });
		const scan = t('patient:poster.scan', { address: isolate(address) });
		return { language, dir: directionOf(language), title, scan };
	});
	return {
		...base,
		poster: {
			organisationName: organisation?.name ?? '',
			link: `${url.origin}/o/${briefing.organisationSlug}/b/${briefing.slug}`,
			address,
			code: await posterCode(db, user.organisationId, briefing.id),
			titles
		}
	};
};
