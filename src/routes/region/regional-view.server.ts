import type { StaffAccount } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import type { Db } from '$lib/server/db/database';
import { regionalView } from '$lib/server/region/view';

/** The signed-in regional lead's region's view: the region comes from the account, never the URL. */
export async function viewFor(db: Db, user: StaffAccount | null, url: URL) {
	const lead = requirePageRole(user, 'region', url);
	if (!lead.regionId) forbidden();
	return regionalView(db, lead.regionId);
}
