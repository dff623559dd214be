import { z } from 'zod';
import { LanguageCode } from './language';
import { TimeZone } from './local-time';
import { emailAddress, personName, roles, type Role } from './staff';

/*
 * The organisation admin's forms (/admin). Each message is a key in the `admin` namespace
 * (`administration.errors.*`), named by its field, for the NHS error summary.
 */

/**
 * The roles an organisation's admin may give: never `platformAdmin` (the service operator's) nor
 * `regionalLead` (a region's, given by the platform admin).
 */
export const assignableRoles = roles.filter(
	(r) => r !== 'platformAdmin' && r !== 'regionalLead'
) as Exclude<Role, 'platformAdmin' | 'regionalLead'>[];
export const AssignableRole = z.enum(assignableRoles as [Role, ...Role[]], {
	error: 'administration.errors.role'
});

const e = (key: string) => ({ error: `administration.errors.${key}` });

const optionalId = z
	.string()
	.trim()
	.transform((v) => (v === '' ? null : v))
	.pipe(z.uuid(e('wardId')).nullable());

/** Ward staff belong to one ward; other roles to none (a ward chosen for them is dropped). */
function wardForRole<T extends { role: Role; wardId: string | null }>(
	value: T,
	ctx: z.core.$RefinementCtx<T>
) {
	if (value.role === 'wardStaff' && !value.wardId)
		ctx.addIssue({ code: 'custom', path: ['wardId'], message: 'administration.errors.wardId' });
}

export const AddStaffForm = z
	.strictObject({
		email: emailAddress(e('email').error),
		displayName: personName(e('displayName').error),
		role: AssignableRole,
		wardId: optionalId.default(null)
	})
	.superRefine(wardForRole)
	.transform((v) => ({ ...v, wardId: v.role === 'wardStaff' ? v.wardId : null }));
export type AddStaffForm = z.infer<typeof AddStaffForm>;

export const ChangeRoleForm = z
	.strictObject({ role: AssignableRole, wardId: optionalId.default(null) })
	.superRefine(wardForRole)
	.transform((v) => ({ ...v, wardId: v.role === 'wardStaff' ? v.wardId : null }));
export type ChangeRoleForm = z.infer<typeof ChangeRoleForm>;

/** A PAS ward code: letters, digits, dash, underscore or dot, as hospital systems write them. */
export const WardCode = z
	.string()
	.trim()
	.max(20, e('code'))
	.regex(/^[A-Za-z0-9._-]*$/, e('code'))
	.transform((v) => (v === '' ? null : v.toUpperCase()));

export const WardForm = z.strictObject({
	name: z.string(e('wardName')).trim().min(1, e('wardName')).max(80, e('wardName')),
	specialty: z.string().trim().max(80, e('specialty')).default(''),
	code: WardCode.default(null),
	site: z.string().trim().max(80, e('site')).default('')
});
export type WardForm = z.infer<typeof WardForm>;

export const SettingsForm = z.strictObject({
	contact: z.string().trim().max(300, e('contact')).default(''),
	defaultLanguages: z.array(LanguageCode, e('defaultLanguages')).min(1, e('defaultLanguages')),
	/** Its message is `organisation.errors.timeZone`, in the same namespace. */
	timeZone: TimeZone
});
export type SettingsForm = z.infer<typeof SettingsForm>;

/**
 * How long the organisation keeps its delivery records, patient feedback and audit entries, in
 * whole years (the retention job deletes what is older: server/operations/retention.ts). At
 * least a year, so that a year's measures can always be checked against their records; at most
 * 30, the longest period the NHS Records Management Code of Practice sets for most records.
 */
const RetentionYears = (field: string) =>
	z.coerce.number(e(field)).int(e(field)).min(1, e(field)).max(30, e(field));
export const RetentionForm = z.strictObject({
	records: RetentionYears('records'),
	feedback: RetentionYears('feedback'),
	audit: RetentionYears('audit')
});
export type RetentionForm = z.infer<typeof RetentionForm>;
export const retentionKinds = ['records', 'feedback', 'audit'] as const;

/** The kinds `next` keeps for less time than `current`: saving it deletes them at the next run. */
export function shortenedKinds(
	current: RetentionForm,
	next: RetentionForm
): (keyof RetentionForm)[] {
	return retentionKinds.filter((kind) => next[kind] < current[kind]);
}

/*
 * An admin's confirmation of a shortening, as its form posts it: the limits the warning was
 * worked out against and the limits it saves, `5.5.6-1.5.6` (records, feedback, audit). A save
 * that shortens anything needs the one naming the limits stored now and the limits posted: if
 * someone changed them in the meantime, the admin is asked again with fresh counts.
 */
const limitsText = (l: RetentionForm) => `${l.records}.${l.feedback}.${l.audit}`;
export function retentionConfirmation(from: RetentionForm, to: RetentionForm): string {
	return `${limitsText(from)}-${limitsText(to)}`;
}
export const RetentionConfirmation = z
	.string()
	.max(20)
	.regex(/^\d{1,2}\.\d{1,2}\.\d{1,2}-\d{1,2}\.\d{1,2}\.\d{1,2}$/)
	.transform((text) => {
		const [from, to] = text.split('-').map((part) => {
			const [records, feedback, audit]: unknown[] = part.split('.');
			return { records, feedback, audit };
		});
		return { from, to };
	})
	.pipe(z.strictObject({ from: RetentionForm, to: RetentionForm }));
export type RetentionConfirmation = z.infer<typeof RetentionConfirmation>;

/*
 * Passwords. Length is what matters most (NCSC, NIST SP 800-63B §3.1.1.2): at least 12
 * characters, no composition rules; but refuse what a guesser tries first — the person's own
 * email or its name part, one character repeated, and the most common passwords.
 */
export const MIN_PASSWORD_LENGTH = 12;

/** The commonest passwords of 12 or more characters in public breach lists, lower case. */
const COMMON_PASSWORDS = new Set([
	'123456789012',
	'1234567890123',
	'12345678910111213',
	'qwertyuiop12',
	'qwertyuiopasdfghjkl',
	'qwerty123456',
	'1q2w3e4r5t6y',
	'1qaz2wsx3edc',
	'password1234',
	'password12345',
	'password123!',
	'passwordpassword',
	'iloveyou1234',
	'welcome12345',
	'letmein12345',
	'changeme1234',
	'abcdefghijkl',
	'abc123456789',
	'football1234',
	'monkey123456',
	'sunshine1234',
	'princess1234',
	'nhspassword1',
	'nhspassword123',
	'hospital1234',
	'password2024',
	'password2025',
	'password2026'
]);

export type WeakPassword = 'tooShort' | 'tooLong' | 'isEmail' | 'repeated' | 'common';

/** Why a new password is refused, or null when it will do. */
export function weakPassword(password: string, email: string): WeakPassword | null {
	if (password.length < MIN_PASSWORD_LENGTH) return 'tooShort';
	if (password.length > 200) return 'tooLong';
	const lower = password.toLowerCase().trim();
	const mail = email.toLowerCase();
	const local = mail.split('@')[0] ?? '';
	if (lower === mail || (local.length >= 4 && lower.includes(local))) return 'isEmail';
	if (new Set(lower).size <= 2) return 'repeated';
	if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/[!.?]+$/, '')))
		return 'common';
	return null;
}

/** The set-password form; `email` is the account's, read from the link, not from the form. */
export function setPasswordForm(email: string) {
	return z
		.strictObject({
			password: z.string(e('passwordMissing')).min(1, e('passwordMissing')),
			confirm: z.string(e('confirmMissing')).min(1, e('confirmMissing'))
		})
		.superRefine((v, ctx) => {
			const weak = weakPassword(v.password, email);
			if (weak)
				ctx.addIssue({
					code: 'custom',
					path: ['password'],
					message: `administration.errors.password.${weak}`
				});
			else if (v.password !== v.confirm)
				ctx.addIssue({
					code: 'custom',
					path: ['confirm'],
					message: 'administration.errors.confirmDiffers'
				});
		});
}

/**
 * Ward names and PAS codes → ward id, for files from hospital systems, which name a ward by
 * its code (`W7A`) as often as by its name. A code wins over another ward's same-looking name.
 */
export function wardIdsByNameOrCode(
	wards: ReadonlyArray<{ id: string; name: string; code: string | null }>
): Map<string, string> {
	const byKey = new Map(wards.map((w) => [w.name.trim().toLowerCase(), w.id]));
	for (const w of wards) if (w.code) byKey.set(w.code.toLowerCase(), w.id);
	return byKey;
}
