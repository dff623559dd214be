import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { BriefingFormat } from '$lib/domain/format';
import { contentLanguages, LanguageCode } from '$lib/domain/language';
import { fieldLabel } from '$lib/domain/variant-draft';
import { createTranslator } from '$lib/i18n';
import { loadResources } from '$lib/server/locales';
import { actorOf, securityEvent } from '$lib/server/operations/log';
import { loadVersion, requireEditor } from '$lib/server/studio/version-page';
import { exportXliff, xliffFileName } from '$lib/server/xliff/exchange';
import { versionTexts, xliffTargets } from '$lib/server/xliff/version-texts';

const Query = z.object({
	language: LanguageCode,
	format: z.union([z.literal('all'), BriefingFormat]).default('all')
});

/** A draft version's text for one language as an XLIFF 2.0 download (a plain GET form). */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { user, briefing, version } = await loadVersion(locals, url, params);
	requireEditor(user);
	const query = Query.safeParse(Object.fromEntries(url.searchParams));
	const targets = xliffTargets(contentLanguages.map((l) => l.code));
	if (!query.success || !targets.includes(query.data.language))
		error(400, { message: 'badRequest' });
	const { language, format } = query.data;
	const all = await versionTexts(locals.app.db, user.organisationId, briefing.id, version);
	const texts = {
		...all,
		formats: all.formats.filter((f) => format === 'all' || f.format === format)
	};
	if (!texts.formats.length) error(404, { message: 'notFound' });
	const { t } = createTranslator(locals.lang, loadResources(locals.lang));
	const xml = exportXliff(texts, language, {
		label: ({ path }) => {
			const { label, values } = fieldLabel(path);
			return t(`editor:${label}`, values);
		},
		note: (f) =>
			t('editor:xliff.file.note', {
				topic: briefing.topic,
				number: version.number,
				format: t(`briefing:format.${f}`)
			})
	});
	securityEvent('export.downloaded', { kind: 'xliff', language, format, ...actorOf(user) });
	const name = xliffFileName(
		briefing.topic,
		version.number,
		language,
		format === 'all' ? undefined : format
	);
	return new Response(xml, {
		headers: {
			'content-type': 'application/xliff+xml; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
