import type { Db } from '../db/database';
import { inTransaction } from '../db/database';
import { recordAudit } from '../repositories/audit';
import { parseDomains, parseRoleMap, type RoleMapEntry } from '$lib/domain/sso';
import type { StaffAccount } from '$lib/domain/staff';

export interface SsoSettings {
	organisationId: string;
	issuer: string;
	clientId: string;
	clientSecret: string;
	allowedDomains: string[];
	roleClaim: string | null;
	roleMap: RoleMapEntry[];
	enabled: boolean;
	updatedAt: string;
}

export async function getSsoSettings(db: Db, organisationId: string): Promise<SsoSettings | null> {
	const row = await db
		.selectFrom('organisation_sso')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	if (!row) return null;
	const map = (JSON.parse(row.role_map) as RoleMapEntry[] | Record<string, string>) ?? [];
	return {
		organisationId: row.organisation_id,
		issuer: row.issuer,
		clientId: row.client_id,
		clientSecret: row.client_secret,
		allowedDomains: parseDomains(row.allowed_domain),
		roleClaim: row.role_claim,
		// Stored as a list, in the admin's order (the first matching line wins).
		roleMap: Array.isArray(map)
			? map
			: (parseRoleMap(
					Object.entries(map)
						.map(([g, r]) => `${g} = ${r}`)
						.join('\n')
				) ?? []),
		enabled: row.enabled === 1,
		updatedAt: row.updated_at
	};
}

/** The last four characters of a secret, for the admin to recognise it: never more. */
export function secretHint(secret: string): string {
	return secret.length > 8 ? `…${secret.slice(-4)}` : '…';
}

export interface SsoSettingsInput {
	issuer: string;
	clientId: string;
	/** Empty: keep the stored one. */
	clientSecret: string;
	allowedDomains: string[];
	roleClaim: string;
	roleMap: RoleMapEntry[];
	enabled: boolean;
}

/**
 * Saves the organisation's provider and audits what changed (names of fields and the new
 * values, but never the secret: only that it changed).
 */
export async function saveSsoSettings(
	db: Db,
	actor: StaffAccount,
	input: SsoSettingsInput,
	now = new Date()
): Promise<void> {
	await inTransaction(db, async (tx) => {
		const before = await getSsoSettings(tx, actor.organisationId);
		const secret = input.clientSecret || before?.clientSecret;
		if (!secret) throw new Error('saveSsoSettings: a client secret is required');
		const row = {
			issuer: input.issuer,
			client_id: input.clientId,
			client_secret: secret,
			allowed_domain: input.allowedDomains.join(' '),
			role_claim: input.roleClaim || null,
			role_map: JSON.stringify(input.roleMap),
			enabled: input.enabled ? 1 : 0,
			updated_at: now.toISOString()
		};
		if (before)
			await tx
				.updateTable('organisation_sso')
				.set(row)
				.where('organisation_id', '=', actor.organisationId)
				.execute();
		else
			await tx
				.insertInto('organisation_sso')
				.values({ organisation_id: actor.organisationId, ...row })
				.execute();
		const visible = (s: SsoSettings | SsoSettingsInput | null) =>
			s && {
				issuer: s.issuer,
				clientId: s.clientId,
				allowedDomains: s.allowedDomains,
				roleClaim: s.roleClaim || null,
				roleMap: s.roleMap,
				enabled: s.enabled
			};
		await recordAudit(
			tx,
			{
				organisationId: actor.organisationId,
				actorId: actor.id,
				action: before ? 'sso.updated' : 'sso.created',
				subjectType: 'organisation_sso',
				subjectId: actor.organisationId,
				detail: {
					before: visible(before),
					after: visible(input),
					secretChanged:
						!before || (!!input.clientSecret && input.clientSecret !== before.clientSecret)
				}
			},
			now
		);
	});
}

/** Organisations a person may sign in to through their provider, for the sign-in page. */
export async function listSsoOrganisations(db: Db): Promise<Array<{ slug: string; name: string }>> {
	return db
		.selectFrom('organisation_sso')
		.innerJoin('organisation', 'organisation.id', 'organisation_sso.organisation_id')
		.select(['organisation.slug', 'organisation.name'])
		.where('organisation_sso.enabled', '=', 1)
		.where('organisation.suspended_at', 'is', null)
		.where('organisation.kind', '=', 'trust')
		.orderBy('organisation.name')
		.execute();
}

/** The enabled provider of an organisation, by its public slug; null if none or suspended. */
export async function ssoForSlug(
	db: Db,
	slug: string
): Promise<{ organisationId: string; settings: SsoSettings } | null> {
	const org = await db
		.selectFrom('organisation')
		.select('id')
		.where('slug', '=', slug)
		.where('suspended_at', 'is', null)
		.executeTakeFirst();
	if (!org) return null;
	const settings = await getSsoSettings(db, org.id);
	return settings?.enabled ? { organisationId: org.id, settings } : null;
}
