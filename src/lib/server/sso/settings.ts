import type { Db } from '../db/database';
import { inTransaction } from '../db/database';
import { recordAudit } from '../repositories/audit';
import {
	parseDomains,
	parseRoleMap,
	ssoClientAuths,
	type RoleMapEntry,
	type SsoClientAuth
} from '$lib/domain/sso';
import type { StaffAccount } from '$lib/domain/staff';
import type { Network } from '../http/public-address';
import { generateClientKey, publicJwk } from './client-key';
import { isSealed, open, seal } from './secret-box';

/** What every single sign-on route needs from the install (see app.ts). */
export interface SsoRuntime {
	/** Seals and opens client secrets and private keys (secret-box.ts). */
	key: Buffer;
	/** SSO_ALLOW_INSECURE_ISSUER=1: an http:// issuer on this machine (journeys only). */
	allowInsecureIssuer: boolean;
	/**
	 * SSO_ALLOWED_NETWORKS: networks besides the public internet where a provider may be (a
	 * trust's own); every other non-public address is refused (sso/provider-fetch.ts).
	 */
	allowedNetworks: readonly Network[];
}

export interface SsoSettings {
	organisationId: string;
	issuer: string;
	clientId: string;
	clientAuth: SsoClientAuth;
	/** Opened; '' with private_key_jwt (or when read without the key). */
	clientSecret: string;
	/** The toolkit's own private key (PKCS#8 PEM), opened; null if none (or read without the key). */
	privateKey: string | null;
	allowedDomains: string[];
	roleClaim: string | null;
	roleMap: RoleMapEntry[];
	enabled: boolean;
	updatedAt: string;
}

/**
 * The organisation's provider, its secrets opened with `key`; a key that does not open them
 * throws SecretKeyError. `key` null: the secrets are left out, for a page that only shows
 * the settings.
 */
export async function getSsoSettings(
	db: Db,
	key: Buffer | null,
	organisationId: string
): Promise<SsoSettings | null> {
	const row = await db
		.selectFrom('organisation_sso')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	if (!row) return null;
	const map = (JSON.parse(row.role_map) as RoleMapEntry[] | Record<string, string>) ?? [];
	const opened = (value: string | null) => (key && value ? open(key, organisationId, value) : null);
	return {
		organisationId: row.organisation_id,
		issuer: row.issuer,
		clientId: row.client_id,
		clientAuth: (ssoClientAuths as readonly string[]).includes(row.client_auth)
			? (row.client_auth as SsoClientAuth)
			: 'clientSecret',
		clientSecret: opened(row.client_secret) ?? '',
		privateKey: opened(row.private_key),
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

export interface SsoSettingsInput {
	issuer: string;
	clientId: string;
	clientAuth: SsoClientAuth;
	/** Empty: keep the stored one. Only kept with client secret authentication. */
	clientSecret: string;
	/** A PKCS#8 PEM the admin pasted (checked by client-key.ts); empty: keep or generate one. */
	privateKey: string;
	allowedDomains: string[];
	roleClaim: string;
	roleMap: RoleMapEntry[];
	enabled: boolean;
}

/**
 * Saves the organisation's provider, its secrets sealed, and audits what changed (names of
 * fields and the new values, but never a secret: only that it changed, and a key's public id).
 * With private_key_jwt and no key stored or pasted, a key pair is generated. `before`: the
 * stored settings as the caller read them (null if none, or if the key could not open them).
 */
export async function saveSsoSettings(
	db: Db,
	key: Buffer,
	actor: StaffAccount,
	before: SsoSettings | null,
	input: SsoSettingsInput,
	now = new Date()
): Promise<void> {
	const organisationId = actor.organisationId;
	const secret =
		input.clientAuth === 'clientSecret' ? input.clientSecret || before?.clientSecret || '' : '';
	if (input.clientAuth === 'clientSecret' && !secret)
		throw new Error('saveSsoSettings: a client secret is required');
	const privateKey =
		input.privateKey ||
		before?.privateKey ||
		(input.clientAuth === 'privateKeyJwt' ? await generateClientKey() : null);
	await inTransaction(db, async (trx) => {
		const exists = await trx
			.selectFrom('organisation_sso')
			.select('organisation_id')
			.where('organisation_id', '=', organisationId)
			.executeTakeFirst();
		const row = {
			issuer: input.issuer,
			client_id: input.clientId,
			client_auth: input.clientAuth,
			client_secret: secret && seal(key, organisationId, secret),
			private_key: privateKey && seal(key, organisationId, privateKey),
			allowed_domain: input.allowedDomains.join(' '),
			role_claim: input.roleClaim || null,
			role_map: JSON.stringify(input.roleMap),
			enabled: input.enabled ? 1 : 0,
			updated_at: now.toISOString()
		};
		if (exists)
			await trx
				.updateTable('organisation_sso')
				.set(row)
				.where('organisation_id', '=', organisationId)
				.execute();
		else
			await trx
				.insertInto('organisation_sso')
				.values({ organisation_id: organisationId, ...row })
				.execute();
		const visible = (s: SsoSettings | SsoSettingsInput | null) =>
			s && {
				issuer: s.issuer,
				clientId: s.clientId,
				clientAuth: s.clientAuth,
				allowedDomains: s.allowedDomains,
				roleClaim: s.roleClaim || null,
				roleMap: s.roleMap,
				enabled: s.enabled
			};
		const keyId = (pem: string | null | undefined) => (pem ? publicJwk(pem).kid : null);
		await recordAudit(
			trx,
			{
				organisationId,
				actorId: actor.id,
				action: exists ? 'sso.updated' : 'sso.created',
				subjectType: 'organisation_sso',
				subjectId: organisationId,
				detail: {
					before: visible(before),
					after: visible(input),
					secretChanged: (before?.clientSecret ?? '') !== secret,
					keyBefore: keyId(before?.privateKey),
					keyAfter: keyId(privateKey)
				}
			},
			now
		);
	});
}

/**
 * Seals every client secret and private key still stored in plain text (saved before 018),
 * at start. Returns how many organisations' secrets it sealed.
 */
export async function sealStoredSecrets(db: Db, key: Buffer): Promise<number> {
	const rows = await db
		.selectFrom('organisation_sso') // tenancy: the service's start seals each organisation's own row
		.select(['organisation_id', 'client_secret', 'private_key'])
		.execute();
	let sealed = 0;
	for (const row of rows) {
		const plainSecret = row.client_secret !== '' && !isSealed(row.client_secret);
		const plainKey = row.private_key !== null && !isSealed(row.private_key);
		if (!plainSecret && !plainKey) continue;
		const id = row.organisation_id;
		await db
			.updateTable('organisation_sso')
			.set({
				client_secret: plainSecret ? seal(key, id, row.client_secret) : row.client_secret,
				private_key: plainKey && row.private_key ? seal(key, id, row.private_key) : row.private_key
			})
			.where('organisation_id', '=', id)
			.where('client_secret', '=', row.client_secret)
			.execute();
		sealed++;
	}
	return sealed;
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

async function organisationForSlug(db: Db, slug: string) {
	return db
		.selectFrom('organisation')
		.select('id')
		.where('slug', '=', slug)
		.where('suspended_at', 'is', null)
		.executeTakeFirst();
}

/** The enabled provider of an organisation, by its public slug; null if none or suspended. */
export async function ssoForSlug(
	db: Db,
	key: Buffer,
	slug: string
): Promise<{ organisationId: string; settings: SsoSettings } | null> {
	const org = await organisationForSlug(db, slug);
	if (!org) return null;
	const settings = await getSsoSettings(db, key, org.id);
	return settings?.enabled ? { organisationId: org.id, settings } : null;
}

/**
 * The public half of the organisation's key, as a JWK Set for its provider to fetch, when it
 * authenticates with private_key_jwt (enabled or not: the provider needs it before the first
 * sign-in); null otherwise.
 */
export async function jwksForSlug(
	db: Db,
	key: Buffer,
	slug: string
): Promise<{ keys: ReturnType<typeof publicJwk>[] } | null> {
	const org = await organisationForSlug(db, slug);
	if (!org) return null;
	const settings = await getSsoSettings(db, key, org.id);
	if (settings?.clientAuth !== 'privateKeyJwt' || !settings.privateKey) return null;
	return { keys: [publicJwk(settings.privateKey)] };
}

/** Where the organisation's provider fetches its public key: /sign-in/sso/<slug>/jwks.json. */
export async function jwksPath(db: Db, organisationId: string): Promise<string> {
	const { slug } = await db
		.selectFrom('organisation')
		.select('slug')
		.where('id', '=', organisationId)
		.executeTakeFirstOrThrow();
	return `/sign-in/sso/${slug}/jwks.json`;
}
