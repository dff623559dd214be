import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AdmissionForm } from '$lib/domain/measurement/admissions';
import type { StaffAccount } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { PageQuery, pageWindow, pagingOf } from '$lib/domain/pagination';
import { parseQuery } from '$lib/server/http/parse-query';
import {
	countAdmissions,
	listAdmissions,
	saveAdmissions
} from '$lib/server/repositories/admissions';
import { listWards } from '$lib/server/repositories/organisations';
import { readForm } from '$lib/server/http/body-limit';

/** Ward staff enter admissions for their own ward; a lead on the ward pages, for any ward. */
async function wardsFor(locals: App.Locals, user: StaffAccount) {
	// A retired ward takes no new admissions here (a lead's CSV may still fill its past weeks).
	const wards = await listWards(locals.app.db, user.organisationId, 'active');
	return user.role === 'wardStaff' ? wards.filter((w) => w.id === user.wardId) : wards;
}

/** Admissions a page; the pages reach back to the ward's first week entered. */
const PER_PAGE = 20;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'ward', url);
	const query = parseQuery(url, PageQuery);
	const { db } = locals.app;
	const wards = await wardsFor(locals, user);
	// Ward staff see their own ward's weeks only (none without a ward); a lead, every ward's.
	const filter = { wardId: user.role === 'wardStaff' ? (user.wardId ?? '') : null };
	const slice = pageWindow(
		query.page,
		await countAdmissions(db, user.organisationId, filter),
		PER_PAGE
	);
	const recent = await listAdmissions(db, user.organisationId, { ...filter, ...slice });
	return {
		titleKey: 'measure:admissions.title',
		wards: wards.map((w) => ({ id: w.id, name: w.name })),
		recent,
		paging: pagingOf(slice, recent.length)
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'ward', url);
		const form = await readForm(request);
		const values = formValues(AdmissionForm, form);
		const parsed = parseForm(AdmissionForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		// saveAdmissions refuses another ward for ward staff, whatever the form says.
		const result = await saveAdmissions(locals.app.db, user, [parsed.data], 'form');
		// A different number held: asked first, and asked again if it changed since.
		if (result.status === 'replaces') return fail(409, { asking: result.replaces[0], values });
		if (result.status === 'futureWeek')
			return fail(400, {
				errors: [{ field: 'weekStart', message: 'admissions.errors.futureWeek' }],
				values
			});
		// The form offers no other ward, so this is someone posting around it.
		if (result.status !== 'saved') forbidden();
		return { saved: true, replaced: result.replaced[0] ?? null };
	}
};
