import { error } from '@sveltejs/kit';
import { slugOfName } from '$lib/domain/organisation';
import type { StaffAccount } from '$lib/domain/staff';
import { requirePageRole } from '$lib/server/auth/guard';
import type { Db } from '$lib/server/db/database';
import { getOrganisation } from '$lib/server/repositories/organisations';

/** The admin and their organisation, for the files sent to a region on another service. */
export async function senderOf(
	db: Db,
	user: StaffAccount | null,
	url: URL
): Promise<{ admin: StaffAccount; organisation: { id: string; name: string } }> {
	const admin = requirePageRole(user, 'admin', url);
	const organisation = await getOrganisation(db, admin.organisationId);
	if (!organisation) error(404);
	return { admin, organisation: { id: organisation.id, name: organisation.name } };
}

/** A JSON file to save, named after the organisation. */
export function jsonFile(body: unknown, organisationName: string, suffix: string): Response {
	return new Response(`${JSON.stringify(body, null, '\t')}\n`, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${slugOfName(organisationName)}-${suffix}.json"`,
			'cache-control': 'no-store'
		}
	});
}
