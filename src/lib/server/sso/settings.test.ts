import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';
import type { StaffAccount } from '$lib/domain/staff';
import { generateClientKey, publicJwk } from './client-key';
import { SecretKeyError } from './secret-box';
import {
	getSsoSettings,
	jwksForSlug,
	jwksPath,
	saveSsoSettings,
	sealStoredSecrets,
	type SsoSettingsInput
} from './settings';

let db: Db;
let admin: StaffAccount;
const key = Buffer.alloc(32, 3);
/** Each save a minute after the last: the audit trail's order never rests on the clock. */
let minute = 0;
const tick = () => new Date(Date.UTC(2026, 0, 1, 9, minute++));
const input: SsoSettingsInput = {
	issuer: 'https://login.example/tenant/v2.0',
	clientId: 'toolkit',
	clientAuth: 'clientSecret',
	clientSecret: 'the-client-secret-1234',
	privateKey: '',
	allowedDomains: ['northfield.nhs.uk'],
	roleClaim: 'groups',
	roleMap: [{ group: 'leads', role: 'engagementLead' }],
	enabled: true
};

beforeEach(async () => {
	db = openDatabase(':memory:');
	await migrate(db);
	const org = await createOrganisation(db, { name: 'Northfield', slug: 'northfield' });
	admin = await createStaffAccount(db, {
		organisationId: org.id,
		email: 'admin@northfield.nhs.uk',
		displayName: 'Admin',
		role: 'admin'
	});
});
afterEach(async () => {
	await db.destroy();
});

const storedRow = () => db.selectFrom('organisation_sso').selectAll().executeTakeFirstOrThrow();
const read = () => getSsoSettings(db, key, admin.organisationId);
const everything = async () =>
	JSON.stringify([
		await db.selectFrom('organisation_sso').selectAll().execute(),
		await db.selectFrom('audit_event').selectAll().execute()
	]);

describe('single sign-on secrets at rest', () => {
	it('stores the client secret sealed, never in the row or the audit trail, and opens it', async () => {
		await saveSsoSettings(db, key, admin, null, input, tick());
		expect((await storedRow()).client_secret).toMatch(/^sso1:/);
		expect(await everything()).not.toContain('the-client-secret-1234');
		expect(await read()).toMatchObject({
			clientAuth: 'clientSecret',
			clientSecret: input.clientSecret
		});
		// Another key (a copy of the database elsewhere) cannot open it.
		await expect(getSsoSettings(db, Buffer.alloc(32, 4), admin.organisationId)).rejects.toThrow(
			SecretKeyError
		);
		// Read without a key: the settings, no secret.
		expect(await getSsoSettings(db, null, admin.organisationId)).toMatchObject({
			issuer: input.issuer,
			clientSecret: '',
			privateKey: null
		});
	});

	it('keeps the stored secret when the admin leaves it empty, and audits only that it changed', async () => {
		await saveSsoSettings(db, key, admin, null, input, tick());
		await saveSsoSettings(db, key, admin, await read(), { ...input, clientSecret: '' }, tick());
		expect((await read())?.clientSecret).toBe(input.clientSecret);
		await saveSsoSettings(
			db,
			key,
			admin,
			await read(),
			{
				...input,
				clientSecret: 'a-new-one-5678'
			},
			tick()
		);
		expect((await read())?.clientSecret).toBe('a-new-one-5678');
		const details = (
			await db.selectFrom('audit_event').select('detail').orderBy('at').execute()
		).map((r) => JSON.parse(r.detail).secretChanged);
		expect(details).toEqual([true, false, true]);
		expect(await everything()).not.toContain('a-new-one-5678');
	});

	it('seals a plaintext secret saved before encryption, once, at start', async () => {
		await db
			.insertInto('organisation_sso')
			.values({
				organisation_id: admin.organisationId,
				issuer: input.issuer,
				client_id: 'toolkit',
				client_secret: 'legacy-plaintext-secret',
				allowed_domain: 'northfield.nhs.uk',
				role_claim: null,
				updated_at: new Date().toISOString()
			})
			.execute();
		// Readable as it is until then.
		expect((await read())?.clientSecret).toBe('legacy-plaintext-secret');
		expect(await sealStoredSecrets(db, key)).toBe(1);
		expect((await storedRow()).client_secret).toMatch(/^sso1:/);
		expect(await everything()).not.toContain('legacy-plaintext-secret');
		expect((await read())?.clientSecret).toBe('legacy-plaintext-secret');
		expect(await sealStoredSecrets(db, key)).toBe(0);
	});
});

// Finding an RSA key takes seconds on a loaded machine.
const KEYGEN = 60_000;

describe('private_key_jwt', () => {
	it(
		'generates a key pair when none is stored or pasted, keeps it, and drops the client secret',
		async () => {
			await saveSsoSettings(db, key, admin, null, input, tick());
			await saveSsoSettings(
				db,
				key,
				admin,
				await read(),
				{ ...input, clientAuth: 'privateKeyJwt' },
				tick()
			);
			const settings = await read();
			expect(settings?.clientAuth).toBe('privateKeyJwt');
			expect(settings?.clientSecret).toBe('');
			expect(settings?.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
			const row = await storedRow();
			expect(row.private_key).toMatch(/^sso1:/);
			expect(row.client_secret).toBe('');
			expect(await everything()).not.toContain('PRIVATE KEY');
			// Saved again without a key: the same key.
			await saveSsoSettings(
				db,
				key,
				admin,
				settings,
				{ ...input, clientAuth: 'privateKeyJwt' },
				tick()
			);
			expect((await read())?.privateKey).toBe(settings?.privateKey);
			const audit = await db.selectFrom('audit_event').select('detail').orderBy('at').execute();
			const kid = publicJwk(settings!.privateKey!).kid;
			expect(audit.map((a) => JSON.parse(a.detail)).map((d) => [d.keyBefore, d.keyAfter])).toEqual([
				[null, null],
				[null, kid],
				[kid, kid]
			]);
		},
		KEYGEN
	);

	it(
		'uses a pasted key, and serves its public half (only) at the JWKS address',
		async () => {
			const pasted = await generateClientKey();
			await saveSsoSettings(
				db,
				key,
				admin,
				null,
				{
					...input,
					clientAuth: 'privateKeyJwt',
					clientSecret: '',
					privateKey: pasted
				},
				tick()
			);
			expect((await read())?.privateKey).toBe(pasted);
			expect(await jwksPath(db, admin.organisationId)).toBe('/sign-in/sso/northfield/jwks.json');
			const jwks = await jwksForSlug(db, key, 'northfield');
			expect(jwks).toEqual({ keys: [publicJwk(pasted)] });
			expect(JSON.stringify(jwks)).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
			expect(await jwksForSlug(db, key, 'elsewhere')).toBeNull();
			// Back to a client secret: no key is published.
			await saveSsoSettings(db, key, admin, await read(), input, tick());
			expect(await jwksForSlug(db, key, 'northfield')).toBeNull();
		},
		KEYGEN
	);

	it('requires a client secret with client secret authentication', async () => {
		await expect(
			saveSsoSettings(db, key, admin, null, { ...input, clientSecret: '' }, tick())
		).rejects.toThrow(/client secret is required/);
		expect(await db.selectFrom('organisation_sso').selectAll().execute()).toEqual([]);
	});
});
