import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isEditable } from '$lib/domain/briefing';
import { readingAge } from '$lib/domain/readability';
import { mayEditContent } from '$lib/domain/staff';
import {
	applyIntent,
	draftFromVariant,
	draftToVariant,
	emptyDraft,
	readDraft,
	translationStart
} from '$lib/domain/variant-draft';
import { readableText, textFields } from '$lib/domain/variant-fields';
import { readFormWithin } from '$lib/server/http/body-limit';
import { saveVariant } from '$lib/server/repositories/briefing-versions';
import { applyUploads } from '$lib/server/studio/variant-uploads';
import { easyReadSymbols } from '$lib/server/studio/symbols';
import { loadVersion, requireEditor, variantParams } from '$lib/server/studio/version-page';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user, briefing, version } = await loadVersion(locals, url, params);
	const { format, language } = variantParams(params);
	const saved = version.variants.find((v) => v.format === format && v.language === language);
	const english =
		language === 'en'
			? undefined
			: version.variants.find((v) => v.format === format && v.language === 'en');
	return {
		title: briefing.topic,
		briefing: { id: briefing.id, topic: briefing.topic },
		version: { number: version.number, status: version.status, revision: version.revision },
		format,
		language,
		isNew: !saved,
		draft: saved
			? draftFromVariant(saved)
			: english
				? translationStart(draftFromVariant(english))
				: emptyDraft(format),
		english: english ? Object.fromEntries(textFields(english).map((f) => [f.path, f.text])) : null,
		readability: saved ? readingAge(readableText(saved), language) : null,
		symbols: format === 'easyRead' ? easyReadSymbols : [],
		uploadMaxBytes: locals.app.config.uploadMaxBytes,
		mayEdit: mayEditContent(user.role) && isEditable(version.status)
	};
};

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const { user, version } = await loadVersion(locals, url, params);
		requireEditor(user);
		const { format, language } = variantParams(params);
		const { uploadMaxBytes, dataDir } = locals.app.config;
		// Refused before the body is read, let alone stored: far over the upload limit, or over
		// the server's body limit (which would otherwise end the post on the error page).
		const limit = Math.min(uploadMaxBytes + 1024 * 1024, locals.app.config.bodySizeLimit);
		const form = await readFormWithin(request, limit);
		if (form === 'tooLarge')
			return fail(413, {
				draft: null,
				errors: [{ field: format === 'video' ? 'videoFile' : 'form', message: 'errors.tooBig' }]
			});
		const read = readDraft(format, (name) =>
			form.getAll(name).filter((v): v is string => typeof v === 'string')
		);
		const intent = String(form.get('intent') ?? 'save');
		// Adding, removing or moving a row without JavaScript: the page again, nothing saved.
		if (intent !== 'save') return { draft: applyIntent(read, intent), errors: [] };
		const uploaded = await applyUploads(read, form, dataDir, uploadMaxBytes);
		const checked = draftToVariant(uploaded.draft, language);
		// One error a field: a refused upload says more than "missing" for the same field.
		const errors = [...uploaded.errors];
		for (const e of checked.ok ? [] : checked.errors)
			if (!errors.some((x) => x.field === e.field)) errors.push(e);
		if (!checked.ok || errors.length) return fail(400, { draft: uploaded.draft, errors });
		const revision = Number(form.get('revision'));
		const result = await saveVariant(locals.app.db, user, version, revision, checked.variant);
		if (result !== 'saved')
			return fail(409, {
				draft: uploaded.draft,
				errors: [{ field: 'form', message: `errors.${result}` }]
			});
		redirect(303, `${url.pathname}?saved=1`);
	}
};
