import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isEditable } from '$lib/domain/briefing';
import { LanguageCode } from '$lib/domain/language';
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
import type { BriefingFormat } from '$lib/domain/format';
import {
	removeCaptions,
	savePartialVariant,
	saveVariant
} from '$lib/server/repositories/briefing-versions';
import { partialsOf, translationStates } from '$lib/server/repositories/translations';
import { mayKeepPartial, sourceLanguage } from '$lib/domain/translation';
import type { Config } from '$lib/server/config';
import { readUploadForm, type UploadForm } from '$lib/server/http/upload-form';
import { AUDIO_MAX_BYTES, incomingDir } from '$lib/server/media/uploads';
import { applyUploads } from '$lib/server/studio/variant-uploads';
import { easyReadSymbols } from '$lib/server/studio/symbols';
import { loadVersion, requireEditor, variantParams } from '$lib/server/studio/version-page';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user, briefing, version } = await loadVersion(locals, url, params);
	const { format, language } = variantParams(params);
	const saved = version.variants.find((v) => v.format === format && v.language === language);
	const english =
		language === sourceLanguage
			? undefined
			: version.variants.find((v) => v.format === format && v.language === sourceLanguage);
	const partial = saved
		? undefined
		: (await partialsOf(locals.app.db, user.organisationId, version.id)).find(
				(p) => p.format === format && p.language === language
			);
	const translation =
		language === sourceLanguage
			? undefined
			: (await translationStates(locals.app.db, user.organisationId, version.id)).find(
					(t) => t.format === format && t.language === language
				);
	return {
		sourceLanguage,
		translation: translation ?? null,
		title: briefing.topic,
		briefing: { id: briefing.id, topic: briefing.topic },
		version: { number: version.number, status: version.status, revision: version.revision },
		format,
		language,
		isNew: !saved && !partial,
		draft: saved
			? draftFromVariant(saved)
			: partial
				? partial.draft
				: english
					? translationStart(draftFromVariant(english))
					: emptyDraft(format),
		english: english ? Object.fromEntries(textFields(english).map((f) => [f.path, f.text])) : null,
		readability: saved ? readingAge(readableText(saved), language) : null,
		symbols: format === 'easyRead' ? easyReadSymbols : [],
		uploadMaxBytes: locals.app.config.uploadMaxBytes,
		audioMaxBytes: Math.min(AUDIO_MAX_BYTES, locals.app.config.uploadMaxBytes),
		mayEdit: mayEditContent(user.role) && isEditable(version.status)
	};
};

/**
 * The editor's form as posted: its draft and the version revision it was drawn from, its files
 * already on disk (never whole in memory); null when the body is over the upload limit (or the
 * server's body limit), refused before it is read.
 */
async function readForm(request: Request, format: BriefingFormat, config: Config) {
	const limit = Math.min(config.uploadMaxBytes + 1024 * 1024, config.bodySizeLimit);
	const upload = await readUploadForm(request, {
		limit,
		maxFileBytes: config.uploadMaxBytes,
		dir: incomingDir(config.dataDir)
	});
	if (upload === 'tooLarge') return null;
	const form = upload.fields;
	const draft = readDraft(format, (name) =>
		form.getAll(name).filter((v): v is string => typeof v === 'string')
	);
	return { upload, form, draft, revision: Number(form.get('revision')) };
}

/** Runs `step` with the posted form, then removes whatever files it did not keep. */
async function withUpload<T>(upload: UploadForm, step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} finally {
		await upload.discard();
	}
}

// The form's one big file: the video, the recording (an easy read's pictures are small, but many).
const bigFile = {
	video: 'videoFile',
	leaflet: 'audioFile',
	faceToFace: 'audioFile',
	easyRead: 'form'
};
const tooBig = (format: BriefingFormat) =>
	fail(413, { draft: null, errors: [{ field: bigFile[format], message: 'errors.tooBig' }] });

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const { user, version } = await loadVersion(locals, url, params);
		requireEditor(user);
		const { format, language } = variantParams(params);
		const posted = await readForm(request, format, locals.app.config);
		if (!posted) return tooBig(format);
		const { upload, form, draft: read, revision } = posted;
		const intent = String(form.get('intent') ?? 'save');
		// Adding, removing or moving a row without JavaScript: the page again, nothing saved.
		// A form sent back keeps the revision it was drawn from: a later save is still checked
		// against it, so a change someone else made meanwhile is never silently overwritten.
		if (intent !== 'save') {
			await upload.discard();
			return { draft: applyIntent(read, intent), errors: [], revision };
		}
		const uploaded = await withUpload(upload, () =>
			applyUploads(read, upload, locals.app.media, locals.app.config.uploadMaxBytes)
		);
		const checked = draftToVariant(uploaded.draft, language);
		// One error a field: a refused upload says more than "missing" for the same field.
		const errors = [...uploaded.errors];
		for (const e of checked.ok ? [] : checked.errors)
			if (!errors.some((x) => x.field === e.field)) errors.push(e);
		// A translation keeps what is done when the only problems are fields still empty (#17).
		const partial = !checked.ok && !uploaded.errors.length && mayKeepPartial(language, errors);
		if ((!checked.ok || errors.length) && !partial)
			return fail(400, { draft: uploaded.draft, errors, revision });
		const result = checked.ok
			? await saveVariant(locals.app.db, user, version, revision, checked.variant)
			: await savePartialVariant(locals.app.db, user, version, revision, language, uploaded.draft);
		if (result !== 'saved')
			return fail(409, {
				draft: uploaded.draft,
				errors: [{ field: 'form', message: `errors.${result}` }]
			});
		redirect(303, `${url.pathname}?saved=${partial ? 'partial' : '1'}`);
	},
	/**
	 * Removes one language's caption track from the video, at once and audited. What else was
	 * typed comes back unsaved, as it was; a track that was never saved only leaves the form.
	 */
	removeCaptions: async ({ locals, url, params, request }) => {
		const { user, version } = await loadVersion(locals, url, params);
		requireEditor(user);
		const { format, language } = variantParams(params);
		if (format !== 'video') error(404, { message: 'notFound' });
		const posted = await readForm(request, format, locals.app.config);
		if (!posted) return tooBig(format);
		await posted.upload.discard(); // removing a track keeps no file sent with it
		const { form, draft, revision } = posted;
		const captions = LanguageCode.safeParse(form.get('removeCaptions'));
		if (draft.format !== 'video' || !captions.success)
			return fail(400, {
				draft,
				errors: [{ field: 'captionsFile', message: 'errors.invalid' }],
				revision
			});
		const result = await removeCaptions(
			locals.app.db,
			user,
			version,
			revision,
			language,
			captions.data
		);
		if (result === 'stale' || result === 'notEditable')
			return fail(409, { draft, errors: [{ field: 'form', message: `errors.${result}` }] });
		const remaining = draft.captions.filter((c) => c.language !== captions.data);
		return {
			draft: { ...draft, captions: remaining },
			errors: [],
			// Saved: the form now stands on the new revision. Never saved: nothing changed.
			revision: result === 'saved' ? undefined : revision,
			removedCaptions: captions.data
		};
	}
};
