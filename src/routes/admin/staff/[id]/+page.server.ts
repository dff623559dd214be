import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ChangeRoleForm } from '$lib/domain/administration';
import { requirePageRole } from '$lib/server/auth/guard';
import {
	changeRole,
	getStaff,
	resetPassword,
	setDisabled,
	unlockStaff
} from '$lib/server/administration/staff';
import { listWardRows } from '$lib/server/administration/wards';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';

/** The admin, and the person they act on — found only within the admin's organisation. */
async function subject({
	locals,
	url,
	params
}: {
	locals: App.Locals;
	url: URL;
	params: { id: string };
}) {
	const admin = requirePageRole(locals.user, 'admin', url);
	const person = await getStaff(locals.app.db, admin.organisationId, params.id);
	if (!person) error(404, { message: 'notFound' });
	return { admin, person };
}

export const load: PageServerLoad = async (event) => {
	const { admin, person } = await subject(event);
	const wards = await listWardRows(event.locals.app.db, admin.organisationId);
	return {
		title: person.displayName,
		person,
		isSelf: person.id === admin.id,
		// Disable was pressed (a GET to ?confirm=disable): ask before doing it.
		confirmingDisable: event.url.searchParams.get('confirm') === 'disable' && !person.disabled,
		wards: wards
			.filter((w) => !w.retiredAt || w.id === person.wardId)
			.map((w) => ({ id: w.id, name: w.name }))
	};
};

const lastAdmin = { message: 'administration.errors.lastAdmin' };

export const actions: Actions = {
	role: async (event) => {
		const { admin, person } = await subject(event);
		const form = await readForm(event.request);
		const values = formValues(ChangeRoleForm.in, form);
		const parsed = parseForm(ChangeRoleForm, form);
		if (!parsed.ok) return fail(400, { action: 'role', errors: parsed.errors, values });
		const result = await changeRole(event.locals.app.db, admin, person.id, parsed.data);
		if (!result.ok && result.reason === 'notFound') error(404, { message: 'notFound' });
		if (!result.ok)
			return fail(400, {
				action: 'role',
				values,
				errors: [
					result.reason === 'lastAdmin'
						? { field: 'role', ...lastAdmin }
						: { field: 'wardId', message: 'administration.errors.wardId' }
				]
			});
		return { action: 'role', done: 'roleChanged' };
	},
	disable: async (event) => {
		const { admin, person } = await subject(event);
		const result = await setDisabled(event.locals.app.db, admin, person.id, true);
		if (!result.ok)
			return fail(400, { action: 'disable', errors: [{ field: 'disable', ...lastAdmin }] });
		return { action: 'disable', done: 'disabled' };
	},
	enable: async (event) => {
		const { admin, person } = await subject(event);
		await setDisabled(event.locals.app.db, admin, person.id, false);
		return { action: 'enable', done: 'enabled' };
	},
	reset: async (event) => {
		const { admin, person } = await subject(event);
		const link = await resetPassword(event.locals.app.db, admin, person.id);
		if (!link)
			return fail(400, {
				action: 'reset',
				errors: [
					{
						field: 'reset',
						message: `administration.errors.${person.disabled ? 'disabledNoLink' : 'ssoNoLink'}`
					}
				]
			});
		return {
			action: 'reset',
			link: new URL(`/set-password/${link.token}`, event.url.origin).href,
			expiresAt: link.expiresAt.toISOString()
		};
	},
	unlock: async (event) => {
		const { admin, person } = await subject(event);
		await unlockStaff(event.locals.app.db, admin, person.id);
		return { action: 'unlock', done: 'unlocked' };
	}
};
