import { error } from '@sveltejs/kit';
import { mayEditContent, type StaffAccount } from '$lib/domain/staff';
import { requirePageRole } from '../auth/guard';

/** The library is for leads (and admins): they share and adopt; reviewers review at home. */
export function requireLibraryLead(user: StaffAccount | null, url: URL): StaffAccount {
	const account = requirePageRole(user, 'studio', url);
	if (!mayEditContent(account.role)) error(403, { message: 'forbidden' });
	return account;
}
