import { createHash } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isEditable } from '$lib/domain/briefing';
import { contentLanguages } from '$lib/domain/language';
import { mayEditContent } from '$lib/domain/staff';
import { readFormWithin } from '$lib/server/http/body-limit';
import { fileFrom } from '$lib/server/media/uploads';
import { saveImportedTranslations } from '$lib/server/repositories/briefing-versions';
import { loadVersion, requireEditor } from '$lib/server/studio/version-page';
import { xliffMaxBytes } from '$lib/server/xliff/document';
import { planImport, type Problem } from '$lib/server/xliff/exchange';
import { versionTexts, xliffTargets } from '$lib/server/xliff/version-texts';

/*
 * Importing an agency's XLIFF file: Upload (checked whole, nothing stored) shows a preview;
 * Apply stores it. Between the two the file travels in the preview's form, and Apply trusts
 * none of it: the file is checked again, whole, against the version as it now stands, and
 * stored only at the revision the preview was drawn from. So nothing is kept on the server
 * between the steps, and any number of app servers can answer either.
 */

const targets = xliffTargets(contentLanguages.map((l) => l.code));
const digestOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** Line ends as XML reads them: a form re-posts its fields' line breaks as CR LF. */
const lines = (text: string) => text.replace(/\r\n?/g, '\n');

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user, briefing, version } = await loadVersion(locals, url, params);
	return {
		title: `${briefing.topic} – ${version.number}`,
		briefing: { id: briefing.id, topic: briefing.topic },
		version: { number: version.number, status: version.status },
		maxKb: xliffMaxBytes(locals.app.config.bodySizeLimit) / 1024,
		mayEdit: mayEditContent(user.role) && isEditable(version.status)
	};
};

type Loaded = Awaited<ReturnType<typeof loadVersion>>;

/** Refused: the NHS error summary names each problem; nothing was stored. */
const refuse = (status: number, problems: Problem[]) =>
	fail(status, { errors: problems.map((p) => ({ field: 'xliff-file', ...p })) });

async function check(locals: App.Locals, { user, briefing, version }: Loaded, text: string) {
	if (!isEditable(version.status)) return { ok: false as const, problems: [notDraft] };
	const texts = await versionTexts(locals.app.db, user.organisationId, briefing.id, version);
	return planImport(text, texts, targets);
}
const notDraft: Problem = { message: 'xliff.errors.notDraft' };

async function readPosted(request: Request, locals: App.Locals) {
	const max = xliffMaxBytes(locals.app.config.bodySizeLimit);
	const tooLarge: Problem = { message: 'xliff.errors.tooLarge', values: { max: max / 1024 } };
	const form = await readFormWithin(request, max + 64 * 1024);
	return form === 'tooLarge'
		? ({ ok: false, tooLarge } as const)
		: ({ ok: true, form, max, tooLarge } as const);
}

export const actions: Actions = {
	preview: async ({ locals, url, params, request }) => {
		const loaded = await loadVersion(locals, url, params);
		requireEditor(loaded.user);
		const posted = await readPosted(request, locals);
		if (!posted.ok) return refuse(413, [posted.tooLarge]);
		const file = fileFrom(posted.form, 'file');
		if (file === null) return refuse(400, [{ message: 'xliff.errors.noFile' }]);
		if (file === 'empty') return refuse(400, [{ message: 'xliff.errors.empty' }]);
		if (file.size > posted.max) return refuse(413, [posted.tooLarge]);
		const text = lines(await file.text());
		const plan = await check(locals, loaded, text);
		if (!plan.ok) return refuse(400, plan.problems);
		return {
			preview: {
				language: plan.language,
				formats: plan.formats.map(({ draft: _, ...f }) => f),
				content: text,
				digest: digestOf(text),
				revision: loaded.version.revision
			}
		};
	},
	apply: async ({ locals, url, params, request }) => {
		const loaded = await loadVersion(locals, url, params);
		requireEditor(loaded.user);
		const posted = await readPosted(request, locals);
		if (!posted.ok) return refuse(413, [posted.tooLarge]);
		const text = lines(String(posted.form.get('content') ?? ''));
		const revision = Number(posted.form.get('revision'));
		if (digestOf(text) !== posted.form.get('digest') || !Number.isInteger(revision))
			return refuse(400, [{ message: 'xliff.errors.changedFile' }]);
		const plan = await check(locals, loaded, text);
		if (!plan.ok) return refuse(409, plan.problems);
		const drafts = plan.formats.filter((f) => f.changed).map((f) => f.draft);
		const result = drafts.length
			? await saveImportedTranslations(
					locals.app.db,
					loaded.user,
					loaded.version,
					revision,
					plan.language,
					drafts
				)
			: 'saved';
		if (result === 'stale') return refuse(409, [{ message: 'xliff.errors.changedSincePreview' }]);
		if (result !== 'saved') return refuse(409, [notDraft]);
		redirect(303, `/studio/briefings/${loaded.briefing.id}/v/${loaded.version.number}?saved=xliff`);
	}
};
