import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import type { StaffAccount } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { fileFrom } from '$lib/server/media/uploads';
import {
	addRemote,
	checkKeyFile,
	findRemote,
	listRemotes,
	receiveAggregates,
	removeRemote
} from '$lib/server/region/aggregates';

/** A key file is a few hundred bytes, a year of four measures' figures a few kilobytes. */
const MAX_FILE_BYTES = 1_000_000;

const RemoteForm = z.strictObject({ remoteId: z.uuid({ error: 'received.errors.remoteId' }) });
/** The key file, carried back from the check to the adding. */
const KeyForm = z.strictObject({
	key: z.string({ error: 'received.errors.file' }).min(1).max(MAX_FILE_BYTES)
});

function leadOf(user: StaffAccount | null, url: URL) {
	const lead = requirePageRole(user, 'region', url);
	if (!lead.regionId) forbidden();
	return { id: lead.id, organisationId: lead.organisationId, regionId: lead.regionId };
}

/** The uploaded file's text; what is wrong when there is none, it is empty or far too big. */
async function fileText(form: FormData, field: string): Promise<string | 'file' | 'empty'> {
	const file = fileFrom(form, field);
	if (file === null || file === 'empty') return file ?? 'file';
	return file.size > MAX_FILE_BYTES ? 'file' : file.text();
}

/** A refusal, shown in the error summary and by its field. */
function refused(
	form: string,
	field: string,
	problem: string,
	values: { place?: string; keptAt?: string } = {}
) {
	return fail(400, {
		form,
		errors: [
			{
				field,
				message: `received.errors.${problem}`,
				values: { place: values.place ?? '', keptAt: values.keptAt ?? '' }
			}
		]
	});
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const lead = leadOf(locals.user, url);
	return {
		titleKey: 'region:received.title',
		remotes: await listRemotes(locals.app.db, lead.regionId)
	};
};

export const actions: Actions = {
	/** Reads the key file and shows its fingerprint to check; nothing is added yet. */
	add: async ({ locals, url, request }) => {
		const lead = leadOf(locals.user, url);
		const text = await fileText(await readForm(request), 'keyFile');
		if (text === 'file' || text === 'empty') return refused('add', 'keyFile', text);
		const checked = await checkKeyFile(locals.app.db, lead, text);
		if (!checked.ok) return refused('add', 'keyFile', checked.problem, checked);
		return {
			form: 'add',
			checking: {
				name: checked.file.organisation.name,
				fingerprint: checked.fingerprint,
				replacing: checked.replacing,
				key: text
			}
		};
	},
	/** Adds the organisation whose fingerprint the lead has checked. */
	confirmAdd: async ({ locals, url, request }) => {
		const lead = leadOf(locals.user, url);
		const parsed = parseForm(KeyForm, await readForm(request));
		if (!parsed.ok) return refused('add', 'keyFile', 'file');
		const result = await addRemote(locals.app.db, lead, parsed.data.key);
		if (!result.ok) return refused('add', 'keyFile', result.problem, result);
		return {
			form: 'add',
			added: { name: result.name, keyReplaced: result.keyReplaced }
		};
	},
	receive: async ({ locals, url, request }) => {
		const lead = leadOf(locals.user, url);
		const text = await fileText(await readForm(request), 'figuresFile');
		if (text === 'file' || text === 'empty') return refused('receive', 'figuresFile', text);
		const result = await receiveAggregates(locals.app.db, lead, text);
		if (!result.ok) return refused('receive', 'figuresFile', result.problem, result);
		return {
			form: 'receive',
			received: {
				name: result.name,
				period: result.period,
				measures: result.measures,
				replaced: result.replaced,
				hidden: result.hidden
			}
		};
	},
	/** Asks the lead to confirm taking an organisation out, with what it sent. */
	remove: async ({ locals, url, request }) => {
		const lead = leadOf(locals.user, url);
		const parsed = parseForm(RemoteForm, await readForm(request));
		const remote = parsed.ok
			? await findRemote(locals.app.db, lead.regionId, parsed.data.remoteId)
			: null;
		if (!remote) return refused('remove', 'remotes', 'remoteId');
		return { form: 'remove', confirming: remote };
	},
	confirmRemove: async ({ locals, url, request }) => {
		const lead = leadOf(locals.user, url);
		const parsed = parseForm(RemoteForm, await readForm(request));
		const removed = parsed.ok
			? await removeRemote(locals.app.db, lead, parsed.data.remoteId)
			: null;
		if (!removed) return refused('remove', 'remotes', 'remoteId');
		return { form: 'remove', removed: removed.name };
	}
};
