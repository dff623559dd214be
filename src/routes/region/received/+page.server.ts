import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { StaffAccount } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { readForm } from '$lib/server/http/body-limit';
import { z } from 'zod';
import { parseForm } from '$lib/server/forms/parse-form';
import {
	addRemote,
	listRemotes,
	receiveAggregates,
	removeRemote
} from '$lib/server/region/aggregates';

const RemoveForm = z.strictObject({ remoteId: z.uuid({ error: 'received.errors.remoteId' }) });

/** A key file is a few hundred bytes, a year of four measures' figures a few kilobytes. */
const MAX_FILE_BYTES = 1_000_000;

function leadOf(user: StaffAccount | null, url: URL) {
	const lead = requirePageRole(user, 'region', url);
	if (!lead.regionId) forbidden();
	return { id: lead.id, organisationId: lead.organisationId, regionId: lead.regionId };
}

/** The uploaded file's text, or null when there is none (or it is far too big to be one). */
async function fileText(request: Request, field: string): Promise<string | null> {
	const file = (await readForm(request)).get(field);
	if (!(file instanceof File) || file.size === 0 || file.size > MAX_FILE_BYTES) return null;
	return file.text();
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const lead = leadOf(locals.user, url);
	return {
		titleKey: 'region:received.title',
		remotes: await listRemotes(locals.app.db, lead.regionId)
	};
};

export const actions: Actions = {
	add: async ({ locals, url, request }) => {
		const lead = leadOf(locals.user, url);
		const text = await fileText(request, 'keyFile');
		const result =
			text === null
				? ({ ok: false, problem: 'file' } as const)
				: await addRemote(locals.app.db, lead, text);
		if (!result.ok)
			return fail(400, {
				form: 'add',
				errors: [
					{
						field: 'keyFile',
						message: `received.errors.${result.problem}`,
						values: { place: 'place' in result ? (result.place ?? '') : '', keptAt: '' }
					}
				]
			});
		return {
			form: 'add',
			added: { name: result.name, fingerprint: result.fingerprint, keyReplaced: result.keyReplaced }
		};
	},
	remove: async ({ locals, url, request }) => {
		const lead = leadOf(locals.user, url);
		const parsed = parseForm(RemoveForm, await readForm(request));
		const removed = parsed.ok
			? await removeRemote(locals.app.db, lead, parsed.data.remoteId)
			: null;
		if (!removed)
			return fail(400, {
				form: 'remove',
				errors: [
					{
						field: 'remoteId',
						message: 'received.errors.remoteId',
						values: { place: '', keptAt: '' }
					}
				]
			});
		return { form: 'remove', removed: removed.name };
	},
	receive: async ({ locals, url, request }) => {
		const lead = leadOf(locals.user, url);
		const text = await fileText(request, 'figuresFile');
		const result =
			text === null
				? ({ ok: false, problem: 'file' } as const)
				: await receiveAggregates(locals.app.db, lead, text);
		if (!result.ok)
			return fail(400, {
				form: 'receive',
				errors: [
					{
						field: 'figuresFile',
						message: `received.errors.${result.problem}`,
						values: {
							place: 'place' in result ? (result.place ?? '') : '',
							keptAt: 'keptAt' in result ? (result.keptAt ?? '') : ''
						}
					}
				]
			});
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
	}
};
