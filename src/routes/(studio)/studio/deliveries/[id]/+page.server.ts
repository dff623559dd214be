import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DeliveryCorrectionForm } from '$lib/domain/delivery-record';
import { maySeeRecords } from '$lib/domain/measurement/disclosure';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import {
	correctDelivery,
	getDeliveryWithRevisions
} from '$lib/server/repositories/delivery-corrections';
import { noteOwnWrite } from '$lib/server/db/read-replica';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	// Record-level data: the organisation's lead (and admin) only, never a reviewer.
	if (!maySeeRecords(user.role)) forbidden();
	const found = await getDeliveryWithRevisions(locals.app.db, user.organisationId, params.id);
	if (!found) error(404, { message: 'notFound' });
	return { titleKey: 'studio:correct.title', ...found, mayCorrect: mayEditContent(user.role) };
};

export const actions: Actions = {
	default: async ({ locals, url, params, request, cookies }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		if (!mayEditContent(user.role)) forbidden();
		const parsed = parseForm(DeliveryCorrectionForm, await readForm(request));
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors.map((e) => ({
					field: e.field,
					message:
						e.field === 'languageNeeded'
							? 'numbersRecord.errors.languageNeeded'
							: 'correct.errors.choose'
				}))
			});
		const result = await correctDelivery(locals.app.db, user, params.id, parsed.data);
		if (result === 'notFound') error(404, { message: 'notFound' });
		if (result === 'sameLanguage')
			return fail(400, {
				errors: [{ field: 'languageNeeded', message: 'numbersRecord.errors.sameLanguage' }]
			});
		// The measures count the corrected record at once, for the lead who corrected it.
		if (result === 'corrected') noteOwnWrite(locals.app, cookies);
		return { result };
	}
};
