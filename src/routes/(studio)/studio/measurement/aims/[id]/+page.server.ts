import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { CloseAimForm } from '$lib/domain/measurement/aim';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { noteOwnWrite } from '$lib/server/db/read-replica';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { aimChoices, readAimForm } from '$lib/server/measurement/aim-form';
import { organisationToday } from '$lib/server/repositories/organisations';
import { editAim, getAim, setAimClosed, type AimChange } from '$lib/server/repositories/aims';

/*
 * One aim, for whoever may write aims: corrected with the same fields and checks as setting it,
 * closed as achieved or stopped, or reopened. Another organisation's aim is not found.
 */

async function subject({
	locals,
	url,
	params
}: {
	locals: App.Locals;
	url: URL;
	params: { id: string };
}) {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	const id = z.uuid().safeParse(params.id);
	const aim = id.success ? await getAim(locals.app.db, user.organisationId, id.data) : null;
	if (!aim) error(404, { message: 'notFound' });
	return { user, aim };
}

/** What the repository answered, as the page answers it. */
function answered(change: AimChange, done: 'saved' | 'closed' | 'reopened') {
	if (change === 'notFound') error(404, { message: 'notFound' });
	if (change === 'notAllowed') forbidden();
	return { done };
}

export const load: PageServerLoad = async (event) => {
	const { user, aim } = await subject(event);
	return {
		titleKey: 'measure:aimEdit.title',
		aim,
		values: {
			title: aim.title,
			measure: aim.measure,
			target: String(aim.target),
			dueBy: aim.dueBy,
			wardIds: aim.wardIds,
			patientGroupIds: aim.patientGroupIds
		},
		...(await aimChoices(event.locals.app.db, user.organisationId, aim))
	};
};

export const actions: Actions = {
	edit: async (event) => {
		const { user, aim } = await subject(event);
		const db = event.locals.app.db;
		const form = await readForm(event.request);
		const read = readAimForm(form, await aimChoices(db, user.organisationId, aim), {
			today: await organisationToday(db, user.organisationId),
			keep: aim.dueBy
		});
		if (!read.ok)
			return fail(400, { form: 'edit' as const, errors: read.errors, values: read.values });
		const change = await editAim(db, user, aim.id, read.aim);
		noteOwnWrite(event.locals.app, event.cookies);
		return answered(change, 'saved');
	},
	close: async (event) => {
		const { user, aim } = await subject(event);
		const parsed = parseForm(CloseAimForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { form: 'close' as const, errors: parsed.errors });
		const change = await setAimClosed(event.locals.app.db, user, aim.id, parsed.data.outcome);
		noteOwnWrite(event.locals.app, event.cookies);
		return answered(change, 'closed');
	},
	reopen: async (event) => {
		const { user, aim } = await subject(event);
		const change = await setAimClosed(event.locals.app.db, user, aim.id, null);
		noteOwnWrite(event.locals.app, event.cookies);
		return answered(change, 'reopened');
	}
};
