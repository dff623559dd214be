import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { factNames } from '$lib/domain/audit-names';
import { Id } from '$lib/domain/ids';
import { PageQuery } from '$lib/domain/pagination';
import { auditPage } from '$lib/server/administration/audit-log';
import { requirePageRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { parseQuery } from '$lib/server/http/parse-query';
import { firstPasswordLink } from '$lib/server/platform/accounts';
import {
	findTrustOrganisation,
	listOrganisationAdmins,
	setOrganisationSuspended
} from '$lib/server/repositories/platform-organisations';

const ResetLinkForm = z.object({ accountId: Id });

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requirePageRole(locals.user, 'platform', url);
	// The audit's page; the page's other parameters (done, confirm) are read as they were.
	const query = parseQuery(url, PageQuery);
	const { db } = locals.app;
	const organisation = await findTrustOrganisation(db, { id: params.id });
	if (!organisation) error(404, { message: 'notFound' });
	const { lines, names, ...auditPaging } = await auditPage(db, organisation.id, query.page ?? 1, {
		by: 'platform'
	});
	return {
		title: organisation.name,
		organisation,
		admins: await listOrganisationAdmins(db, organisation.id),
		// Only what the audit table shows: no email addresses, no subjects' names; the names of
		// the ids its facts hold (a region joined), never the ids.
		audit: lines.map(({ id, at, actorName, action, subjectType, detail }) => ({
			id,
			at,
			actorName,
			action,
			subjectType,
			detail
		})),
		auditNames: factNames(names, lines),
		auditPaging,
		done: url.searchParams.get('done'),
		// Suspend was pressed (a GET to ?confirm=suspend): ask before doing it.
		confirmingSuspend: url.searchParams.get('confirm') === 'suspend' && !organisation.suspendedAt
	};
};

async function suspend(
	{ locals, url, params }: Parameters<Actions[string]>[0],
	suspended: boolean
): Promise<never> {
	const user = requirePageRole(locals.user, 'platform', url);
	const changed = await setOrganisationSuspended(locals.app.db, user, params.id ?? '', suspended);
	if (!changed) error(404, { message: 'notFound' });
	redirect(
		303,
		`/platform/organisations/${changed.id}?done=${suspended ? 'suspended' : 'reinstated'}`
	);
}

export const actions: Actions = {
	suspend: (event) => suspend(event, true),
	reinstate: (event) => suspend(event, false),
	/**
	 * A new set-password link for the first admin the platform invited, who has never signed in
	 * (and lost their link): once, 72 hours, earlier unused links stop working; audited. Shown in
	 * this answer only. Refused (403) for anyone else (firstPasswordLink): the link would take
	 * over their account, or cancel their organisation's own invitation.
	 */
	resetLink: async ({ locals, url, params, request }) => {
		const user = requirePageRole(locals.user, 'platform', url);
		const { db } = locals.app;
		const parsed = parseForm(ResetLinkForm, await readForm(request));
		if (!parsed.ok)
			error(400, { message: 'invalidBody', issues: [{ field: 'accountId', message: 'invalid' }] });
		const organisation = await findTrustOrganisation(db, { id: params.id ?? '' });
		const admin = organisation
			? (await listOrganisationAdmins(db, organisation.id)).find(
					(a) => a.id === parsed.data.accountId
				)
			: undefined;
		if (!organisation || !admin) error(404, { message: 'notFound' });
		const link = await firstPasswordLink(db, user, {
			id: admin.id,
			organisationId: organisation.id
		});
		if (!link.ok)
			return fail(403, {
				refused: { accountId: admin.id, name: admin.displayName, reason: link.reason }
			});
		return {
			link: {
				accountId: admin.id,
				name: admin.displayName,
				email: admin.email,
				href: new URL(`/set-password/${link.token}`, url.origin).href
			}
		};
	}
};
