import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	CountHeldForm,
	CountHeldGroupForm,
	SetAsideForm,
	SetAsideGroupForm,
	type CountHeldGroup
} from '$lib/domain/held-record';
import { maySeeRecords } from '$lib/domain/measurement/disclosure';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { noteOwnWrite } from '$lib/server/db/read-replica';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import {
	countHeldGroup,
	countHeldRecord,
	countHeldRecords,
	listHeldGroups,
	listHeldRecords,
	setAsideHeldGroup,
	setAsideHeldRecord,
	type Decision
} from '$lib/server/repositories/held-records';

/** The oldest records shown at once: each decided, the next comes up. */
const HELD_SHOWN = 200;

/*
 * Records held for checking (hazard H8): what ward tablets recorded with content no longer in
 * use. Record-level, so for the organisation's lead (and admin) only, as every record page.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!maySeeRecords(user.role)) forbidden();
	return {
		titleKey: 'measure:held.title',
		records: await listHeldRecords(locals.app.db, user.organisationId, HELD_SHOWN),
		waiting: await countHeldRecords(locals.app.db, user.organisationId),
		// Runs of records with one ward, version and reason, to count in one go; one alone is
		// just its card.
		groups: (await listHeldGroups(locals.app.db, user.organisationId)).filter((g) => g.count > 1),
		asking: url.searchParams.get('setAside'),
		askingGroup: url.searchParams.get('countAll'),
		askingSetAsideAll: url.searchParams.get('setAsideAll')
	};
};

/** The run a form names, as the lead saw it. */
const runSeen = (form: CountHeldGroup) => ({
	wardId: form.ward,
	versionId: form.version,
	reason: form.heldFor,
	count: form.count,
	through: form.through
});

/** A decision that changed nothing: gone (another organisation's, or none), or made already. */
function refusedDecision(decision: Decision, values: Record<string, string>) {
	if (decision === 'notFound') error(404, { message: 'notFound' });
	return fail(409, { errors: [{ field: 'records', message: 'held.errors.stale' }], values });
}

export const actions: Actions = {
	count: async ({ locals, url, request, cookies }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		if (!maySeeRecords(user.role)) forbidden();
		const form = await readForm(request);
		const parsed = parseForm(CountHeldForm, form);
		if (!parsed.ok)
			return fail(400, { errors: [{ field: 'records', message: 'held.errors.which' }] });
		const decision = await countHeldRecord(locals.app.db, user, parsed.data.id);
		if (decision !== 'counted') return refusedDecision(decision, {});
		// The measures count it at once, for the lead who counted it.
		noteOwnWrite(locals.app, cookies);
		return { result: decision };
	},
	countGroup: async ({ locals, url, request, cookies }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		if (!maySeeRecords(user.role)) forbidden();
		const form = await readForm(request);
		const parsed = parseForm(CountHeldGroupForm, form);
		if (!parsed.ok)
			return fail(400, { errors: [{ field: 'groups', message: 'held.errors.whichGroup' }] });
		const done = await countHeldGroup(locals.app.db, user, runSeen(parsed.data));
		if (done === 'stale')
			return fail(409, { errors: [{ field: 'groups', message: 'held.errors.groupChanged' }] });
		noteOwnWrite(locals.app, cookies);
		return { result: 'countedGroup', counted: done.counted };
	},
	setAsideGroup: async ({ locals, url, request, cookies }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		if (!maySeeRecords(user.role)) forbidden();
		const form = await readForm(request);
		const values = formValues(SetAsideGroupForm.in, form);
		const parsed = parseForm(SetAsideGroupForm, form);
		if (!parsed.ok) {
			const which = parsed.errors.some((e) => e.field !== 'reason' && e.field !== 'note');
			return fail(400, {
				errors: which
					? [{ field: 'groups', message: 'held.errors.whichGroup' }]
					: parsed.errors.map((e) => ({ field: e.field, message: e.message })),
				values,
				// The question shown again, with its answer's problems.
				askingGroup: which ? null : `${values.ward}.${values.version}.${values.heldFor}`
			});
		}
		const done = await setAsideHeldGroup(
			locals.app.db,
			user,
			runSeen(parsed.data),
			parsed.data.reason
		);
		if (done === 'stale')
			return fail(409, { errors: [{ field: 'groups', message: 'held.errors.groupChanged' }] });
		noteOwnWrite(locals.app, cookies);
		return { result: 'setAsideGroup', counted: done.setAside };
	},
	setAside: async ({ locals, url, request, cookies }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		if (!maySeeRecords(user.role)) forbidden();
		const form = await readForm(request);
		const values = formValues(SetAsideForm.in, form);
		const parsed = parseForm(SetAsideForm, form);
		if (!parsed.ok) {
			const which = parsed.errors.some((e) => e.field === 'id');
			return fail(400, {
				errors: which
					? [{ field: 'records', message: 'held.errors.which' }]
					: parsed.errors.map((e) => ({ field: e.field, message: e.message })),
				values,
				asking: which ? null : (values.id ?? null)
			});
		}
		const decision = await setAsideHeldRecord(
			locals.app.db,
			user,
			parsed.data.id,
			parsed.data.reason
		);
		if (decision !== 'setAside') return refusedDecision(decision, values);
		noteOwnWrite(locals.app, cookies);
		return { result: decision };
	}
};
