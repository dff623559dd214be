import { z } from 'zod';
import { roles, type Role } from './staff';

/** Roles single sign-on may give through a group claim: never the service operator's or a region's. */
export const ssoRoles = roles.filter(
	(r) => r !== 'platformAdmin' && r !== 'regionalLead'
) as Exclude<Role, 'platformAdmin' | 'regionalLead'>[];

/**
 * An issuer must be https. Plain http is accepted only when the install allows it
 * (SSO_ALLOW_INSECURE_ISSUER=1, for the journeys' local provider) and only on this machine
 * (127.0.0.1 or localhost), where nobody on the network can change the answers on the way.
 */
export function isAllowedIssuer(value: string, allowInsecureLoopback = false): boolean {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	if (url.search || url.hash || url.username || url.password) return false;
	if (url.protocol === 'https:') return true;
	return allowInsecureLoopback && url.protocol === 'http:' && isLoopback(url.hostname);
}

export function isLoopback(hostname: string): boolean {
	return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "nhs.net, northfield.nhs.uk" → ['nhs.net', 'northfield.nhs.uk'] (lower case, no repeats). */
export function parseDomains(value: string): string[] {
	return [
		...new Set(
			value
				.split(/[\s,]+/)
				.map((d) => d.trim().toLowerCase().replace(/^@/, ''))
				.filter(Boolean)
		)
	];
}

/**
 * The group → role map as an admin types it, one line each: `group = role`. The first line
 * whose group the person holds decides their role, so an admin orders them.
 */
export type RoleMapEntry = { group: string; role: (typeof ssoRoles)[number] };

export function parseRoleMap(text: string): RoleMapEntry[] | null {
	const entries: RoleMapEntry[] = [];
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line) continue;
		const at = line.lastIndexOf('=');
		if (at < 1) return null;
		const group = line.slice(0, at).trim();
		const role = line.slice(at + 1).trim();
		if (!group || group.length > 200 || !(ssoRoles as string[]).includes(role)) return null;
		entries.push({ group, role: role as RoleMapEntry['role'] });
	}
	return entries;
}

export function formatRoleMap(entries: readonly RoleMapEntry[]): string {
	return entries.map((e) => `${e.group} = ${e.role}`).join('\n');
}

/** The first line whose group the person holds, or null. `claim` is the ID token's value. */
export function lineForGroups(claim: unknown, map: readonly RoleMapEntry[]): RoleMapEntry | null {
	const held = new Set(
		(Array.isArray(claim) ? claim : [claim]).filter((g): g is string => typeof g === 'string')
	);
	return map.find((e) => held.has(e.group)) ?? null;
}

/** Whether an email is at one of the organisation's domains (exactly; no subdomains). */
export function emailAtDomain(email: string, domains: readonly string[]): boolean {
	const at = email.lastIndexOf('@');
	if (at < 1) return false;
	return domains.includes(email.slice(at + 1).toLowerCase());
}

/** How the toolkit proves itself at the provider's token endpoint. */
export const ssoClientAuths = ['clientSecret', 'privateKeyJwt'] as const;
export type SsoClientAuth = (typeof ssoClientAuths)[number];

/**
 * The admin's single sign-on form. The client secret and the private key may be left empty to
 * keep the one stored (neither is ever shown back); a client secret is required on first
 * set-up, and a key is generated when none is stored (both checked by the server, which also
 * reads a pasted key). `allowInsecureIssuer`: the install's SSO_ALLOW_INSECURE_ISSUER.
 */
export function ssoSettingsForm(allowInsecureIssuer = false) {
	return z.strictObject({
		issuer: z
			.string()
			.trim()
			.max(500, { error: 'sso.errors.issuer' })
			.refine((v) => isAllowedIssuer(v, allowInsecureIssuer), { error: 'sso.errors.issuer' })
			.transform((v) => v.replace(/\/+$/, '')),
		clientId: z
			.string()
			.trim()
			.min(1, { error: 'sso.errors.clientId' })
			.max(200, { error: 'sso.errors.clientId' }),
		clientAuth: z.enum(ssoClientAuths, { error: 'sso.errors.clientAuth' }).default('clientSecret'),
		clientSecret: z.string().max(500, { error: 'sso.errors.clientSecret' }).default(''),
		privateKey: z.string().max(20_000, { error: 'sso.errors.privateKey' }).default(''),
		allowedDomain: z
			.string()
			.max(500, { error: 'sso.errors.allowedDomain' })
			.transform(parseDomains)
			.refine((ds) => ds.length > 0 && ds.length <= 10 && ds.every((d) => domainPattern.test(d)), {
				error: 'sso.errors.allowedDomain'
			}),
		roleClaim: z
			.string()
			.trim()
			.max(100, { error: 'sso.errors.roleClaim' })
			.regex(/^[A-Za-z0-9_:./-]*$/, { error: 'sso.errors.roleClaim' })
			.default(''),
		roleMap: z
			.string()
			.max(5000, { error: 'sso.errors.roleMap' })
			.default('')
			.transform((text, ctx) => {
				const map = parseRoleMap(text);
				if (map) return map;
				ctx.addIssue({ code: 'custom', message: 'sso.errors.roleMap' });
				return z.NEVER;
			}),
		enabled: z.enum(['on']).optional()
	});
}
export type SsoSettingsForm = z.infer<ReturnType<typeof ssoSettingsForm>>;

/** Why a sign-in through the organisation's provider was refused; each has its own words. */
export const ssoRefusals = [
	'notAvailable',
	'providerUnreachable',
	'providerRefused',
	'stateUnknown',
	'stateExpired',
	'tokenInvalid',
	'tokenExpired',
	'emailUnverified',
	'emailDomain',
	'unknownPerson',
	'accountDisabled',
	'noMappedGroup',
	'settingsUnreadable'
] as const;
export type SsoRefusal = (typeof ssoRefusals)[number];
