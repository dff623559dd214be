import { z } from 'zod';
import { Id } from './ids';
import { UiLanguage } from './language';

/**
 * `platformAdmin`: the service operator, a member of the one 'platform' organisation; manages
 * organisations (create, edit, suspend), never their content, records or feedback.
 * `regionalLead`: an integrated care board's lead, scoped to one region (staff_account.region_id,
 * 036) and a member of the platform organisation, which holds no content: reads only the
 * aggregates the region's organisations opted in to share, never a record or an organisation's
 * pages.
 */
/** A person's name as staff forms take it: trimmed, 1 to 80 characters; `error` names the key. */
export const personName = (error: string) =>
	z.string({ error }).trim().min(1, { error }).max(80, { error });

/** An email address as staff forms take it: trimmed, lower case, at most 254 characters. */
export const emailAddress = (error: string) =>
	z.string({ error }).trim().toLowerCase().pipe(z.email({ error }).max(254, { error }));

export const roles = [
	'admin',
	'engagementLead',
	'clinicalReviewer',
	'wardStaff',
	'platformAdmin',
	'regionalLead'
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Which roles may use each area of the app; the server checks this on every request. */
export const areaRoles = {
	studio: ['engagementLead', 'clinicalReviewer', 'admin'],
	ward: ['wardStaff', 'engagementLead', 'admin'],
	admin: ['admin'],
	platform: ['platformAdmin'],
	region: ['regionalLead']
} as const satisfies Record<string, readonly Role[]>;
export type Area = keyof typeof areaRoles;

export function mayUse(area: Area, role: Role): boolean {
	return (areaRoles[area] as readonly Role[]).includes(role);
}

/** Writing content and patient groups is for leads (and admins); reviewers only review. */
export function mayEditContent(role: Role): boolean {
	return role === 'engagementLead' || role === 'admin';
}

/** Approving or returning a version submitted for review is the clinical reviewer's (or an admin's). */
export function mayReview(role: Role): boolean {
	return role === 'clinicalReviewer' || role === 'admin';
}

/** Where a signed-in person lands first. */
export function homeFor(role: Role): string {
	if (role === 'platformAdmin') return '/platform';
	if (role === 'regionalLead') return '/region';
	return role === 'wardStaff' ? '/ward' : role === 'admin' ? '/admin' : '/studio';
}

export const StaffAccount = z.strictObject({
	id: Id,
	organisationId: Id,
	email: z.email().max(254),
	displayName: z.string().trim().min(1).max(80),
	role: Role,
	wardId: Id.nullable(),
	/** A regional lead's region (036); absent for every other role. */
	regionId: Id.optional(),
	/** The staff interface language they chose (042); absent: not chosen. */
	interfaceLanguage: UiLanguage.optional()
});
export type StaffAccount = z.infer<typeof StaffAccount>;

export const SignInForm = z.strictObject({
	email: z.email({ error: 'signIn.errors.email' }).max(254, { error: 'signIn.errors.email' }),
	password: z
		.string({ error: 'signIn.errors.passwordMissing' })
		.min(1, { error: 'signIn.errors.passwordMissing' })
		.max(200, { error: 'signIn.errors.passwordMissing' })
});
export type SignInForm = z.infer<typeof SignInForm>;

/** Minimum strength for a password set by the toolkit (the admin from the environment included). */
export const NewPassword = z.string().min(12).max(200);
