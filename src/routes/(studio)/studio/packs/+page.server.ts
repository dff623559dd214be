import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { checkPack, discardPack } from '$lib/server/content-packs/check-pack';
import {
	claimStaged,
	dropStaged,
	importPack,
	previewPack,
	stagePack
} from '$lib/server/content-packs/import-pack';
import { hasBundledSymbol } from '$lib/server/content-packs/media-files';
import { megabytes, readForm } from '$lib/server/http/body-limit';
import { readUploadForm } from '$lib/server/http/upload-form';
import { incomingDir } from '$lib/server/media/uploads';
import { listBriefings } from '$lib/server/repositories/briefings';
import { getOrganisation } from '$lib/server/repositories/organisations';

const exportErrors = [
	'briefingId',
	'licence',
	'attribution',
	'notFound',
	'notPublished',
	'mediaMissing'
];

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	const db = locals.app.db;
	const [briefings, organisation] = await Promise.all([
		listBriefings(db, user.organisationId),
		getOrganisation(db, user.organisationId)
	]);
	const importedSlug = url.searchParams.get('imported');
	const imported = importedSlug ? briefings.find((b) => b.slug === importedSlug) : undefined;
	const exportError = url.searchParams.get('exportError');
	return {
		titleKey: 'catalogue:packs.title',
		published: briefings
			.filter((b) => b.published)
			.map((b) => ({ id: b.id, topic: b.topic, number: b.published?.number ?? 0 })),
		defaultAttribution: `© ${organisation?.name ?? ''}`.trim(),
		imported: imported ? { topic: imported.topic, slug: imported.slug } : null,
		exportError: exportErrors.find((e) => e === exportError) ?? null,
		packLimit: packLimit(locals.app.config.bodySizeLimit)
	};
};

async function lead({ locals, url }: RequestEvent) {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	return user;
}

const refused = (reason: string, detail?: string, status = 400) =>
	fail(status, {
		errors: [{ field: 'pack', message: `packs.refused.${reason}` }],
		detail: detail ?? ''
	});

/**
 * The largest pack file the server takes: the request body limit (BODY_SIZE_LIMIT, the one
 * setting) less room for the rest of the form. The page checks a chosen file against `bytes`
 * before sending it; the server checks the body's length before reading it.
 */
const packLimit = (bodySizeLimit: number) => ({
	bytes: bodySizeLimit - 64 * 1024,
	megabytes: megabytes(bodySizeLimit)
});

/** Packs unpack beside the uploads; no file in one may be larger than a lead could upload. */
const packOptions = (dataDir: string, uploadMaxBytes: number) => ({
	workDir: incomingDir(dataDir),
	limits: { entryBytes: uploadMaxBytes }
});

export const actions: Actions = {
	/** Step 1: validate the whole pack and show what it would create; nothing is imported. */
	check: async (event) => {
		const user = await lead(event);
		const { bodySizeLimit, dataDir, uploadMaxBytes } = event.locals.app.config;
		const { db, media } = event.locals.app;
		// The upload goes to disk as it arrives, and is checked from there as a stream.
		const upload = await readUploadForm(event.request, {
			limit: bodySizeLimit,
			maxFileBytes: bodySizeLimit,
			dir: incomingDir(dataDir)
		});
		if (upload === 'tooLarge')
			return refused('overLimit', String(packLimit(bodySizeLimit).megabytes), 413);
		try {
			const file = upload.file('pack');
			if (!file) return refused('noFile');
			if (file.size === 0) return refused('empty');
			if (file.tooBig) return refused('overLimit', String(packLimit(bodySizeLimit).megabytes), 413);
			const checked = await checkPack(
				file.path,
				hasBundledSymbol,
				packOptions(dataDir, uploadMaxBytes)
			);
			if (!checked.ok) return refused(checked.problem.reason, checked.problem.detail);
			try {
				const token = await stagePack(db, media, user.organisationId, file.path);
				return {
					preview: await previewPack(db, user.organisationId, checked.pack),
					token
				};
			} finally {
				await discardPack(checked.pack);
			}
		} finally {
			await upload.discard();
		}
	},
	/** Step 2: check it again from scratch, then import it as a draft. */
	confirm: async (event) => {
		const user = await lead(event);
		const token = String((await readForm(event.request)).get('token') ?? '');
		const { dataDir, uploadMaxBytes } = event.locals.app.config;
		const { db, media } = event.locals.app;
		// The row is taken on whichever server this lands; the file is in the shared storage.
		const claimed = await claimStaged(db, media, user.organisationId, token);
		if (!claimed) return refused('expired');
		let slug: string;
		try {
			const checked = await checkPack(
				claimed,
				hasBundledSymbol,
				packOptions(dataDir, uploadMaxBytes)
			);
			if (!checked.ok) return refused(checked.problem.reason, checked.problem.detail);
			try {
				slug = (await importPack(db, media, user, checked.pack)).slug;
			} finally {
				await discardPack(checked.pack);
			}
		} finally {
			await media.removePendingPack(token);
		}
		redirect(303, `/studio/packs?imported=${encodeURIComponent(slug)}`);
	},
	cancel: async (event) => {
		const user = await lead(event);
		const token = String((await readForm(event.request)).get('token') ?? '');
		const { db, media } = event.locals.app;
		await dropStaged(db, media, user.organisationId, token);
		redirect(303, '/studio/packs');
	}
};
