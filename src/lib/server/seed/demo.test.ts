import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefingVariant, easyReadProblems } from '$lib/domain/briefing';
import { briefingFormats } from '$lib/domain/format';
import { roles } from '$lib/domain/staff';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { publishedBriefingBySlug } from '../repositories/briefings';
import { verifyCredentials } from '../repositories/staff-accounts';
import { demoAccounts } from './demo';
import { southmoorAccounts } from './southmoor';
import { ensureInitialData } from './initial-data';
import { openTestDatabase } from '../test-support/test-database';

/** The demo trust, Northfield (the service also holds Southmoor and the platform organisation). */
async function trustId(): Promise<string> {
	const row = await db
		.selectFrom('organisation')
		.select('id')
		.where('kind', '=', 'trust')
		.where('name', 'like', 'Northfield%')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function southmoorId(): Promise<string> {
	const row = await db
		.selectFrom('organisation')
		.select('id')
		.where('name', 'like', 'Southmoor%')
		.executeTakeFirstOrThrow();
	return row.id;
}

// Seeding hashes a password per account with argon2: about a second in all.
const SLOW = 20_000;

let db: Db;
let logged: string[];
const log = (line: string) => logged.push(line);

const config = (changes: Partial<Config> = {}): Config => ({
	dataDir: '/tmp/unused',
	databaseFile: ':memory:',
	uploadsDir: '/tmp/unused/uploads',
	sqliteCheckpointEveryMs: 1000,
	databaseUrl: null,
	backup: { dir: '/tmp/unused/backups', keep: 7, everyMs: null },
	databaseReadUrl: null,
	seedDemo: true,
	seedDemoHistory: false,
	organisationName: 'Our hospital',
	admin: null,
	platformAdmin: null,
	sessionHours: 12,
	idleLimits: { staffMinutes: 30, wardStaffMinutes: 720 },
	uploadMaxBytes: 1_000_000,
	bodySizeLimit: 2_000_000,
	fhirCanonicalBase: null,
	ssoSecretKey: null,
	ssoAllowInsecureIssuer: false,
	ssoAllowedNetworks: [],
	serverTiming: false,
	metricsToken: null,
	mail: null,
	...changes
});

beforeEach(async () => {
	db = await openTestDatabase();
	logged = [];
});
afterEach(async () => {
	await db.destroy();
});

async function count(table: keyof Database): Promise<number> {
	const { n } = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(n);
}

async function counts() {
	const tables = [
		'organisation',
		'ward',
		'staff_account',
		'patient_group',
		'briefing',
		'briefing_version',
		'briefing_variant',
		'patient_group_briefing'
	] as const;
	return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)])));
}

describe('ensureInitialData with the demo', () => {
	it(
		'seeds the demo organisation, its wards, groups and one account per role',
		async () => {
			await ensureInitialData(db, config(), log);
			// The trust, the second trust (Southmoor), and the platform organisation its
			// operator belongs to.
			expect(await count('organisation')).toBe(3);
			expect(await count('ward')).toBe(5);
			expect(await count('patient_group')).toBe(10);
			const accounts = await db
				.selectFrom('staff_account')
				.select(['role', 'email'])
				.where('organisation_id', '!=', await southmoorId())
				.execute();
			expect(accounts.map((a) => a.role).sort()).toEqual([...roles].sort());
			expect(logged.join('\n')).toContain('lead@demo.example');
			expect(logged.join('\n')).toContain('lead@southmoor.example');
			// Northfield's shared briefing, so the demo library is not empty.
			expect(await count('library_item')).toBe(1);
		},
		SLOW
	);

	it(
		'prints each demo account with its password, and the README lists every one of them',
		async () => {
			await ensureInitialData(db, config(), log);
			// "  role  email  password", one line an account.
			const printed = logged.flatMap((line) => {
				const account = /^\s+\S+\s+(\S+@\S+)\s+(\S+)$/.exec(line);
				return account ? [{ email: account[1], password: account[2] }] : [];
			});
			expect(printed.map((a) => a.email)).toEqual(
				expect.arrayContaining(['platform@demo.example', 'regional@demo-icb.example'])
			);
			const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
			const rows = readme.split('\n').filter((line) => line.startsWith('|'));
			for (const { email, password } of printed)
				expect(
					rows.some((row) => row.includes(`\`${email}\``) && row.includes(`\`${password}\``)),
					`${email} in the README's table of demo accounts`
				).toBe(true);
		},
		SLOW
	);

	it(
		'publishes "Your safety on our ward" in all four formats in English, Welsh and Arabic',
		async () => {
			await ensureInitialData(db, config(), log);
			const published = await publishedBriefingBySlug(
				db,
				await trustId(),
				'your-safety-on-our-ward'
			);
			expect(published?.briefing.topic).toBe('Your safety on our ward');
			const found = (published?.version.variants ?? []).map((v) => `${v.format}:${v.language}`);
			const expected = briefingFormats.flatMap((f) => ['en', 'cy', 'ar'].map((l) => `${f}:${l}`));
			expect(found.sort()).toEqual(expected.sort());
			expect(published?.version.isExample).toBe(true);
		},
		SLOW
	);

	it(
		"fills each video's transcript from its captions",
		async () => {
			await ensureInitialData(db, config(), log);
			const published = await publishedBriefingBySlug(
				db,
				await trustId(),
				'your-safety-on-our-ward'
			);
			const videos = (published?.version.variants ?? []).filter((v) => v.format === 'video');
			expect(videos.map((v) => v.language).sort()).toEqual(['ar', 'cy', 'en']);
			const english = videos.find((v) => v.language === 'en');
			expect(english?.transcript.split('\n')).toHaveLength(11);
			expect(english?.transcript.split('\n')[0]).toBe('Your safety on our ward.');
			for (const video of videos) expect(video.transcript, video.language).not.toBe('');
		},
		SLOW
	);

	it(
		'writes easy-read sentences that pass the easy-read checks',
		async () => {
			await ensureInitialData(db, config(), log);
			const rows = await db
				.selectFrom('briefing_variant')
				.select('content')
				.where('format', '=', 'easyRead')
				.execute();
			const sentences = rows.flatMap((r) => {
				const variant = BriefingVariant.parse(JSON.parse(r.content));
				return variant.format === 'easyRead' ? variant.rows.map((row) => row.sentence) : [];
			});
			expect(sentences.length).toBeGreaterThanOrEqual(18);
			for (const sentence of sentences) expect(easyReadProblems(sentence), sentence).toEqual([]);
		},
		SLOW
	);

	it(
		'lets every demo account sign in with its printed password',
		async () => {
			await ensureInitialData(db, config(), log);
			for (const a of [...demoAccounts, ...southmoorAccounts])
				expect((await verifyCredentials(db, a.email, a.password))?.role, a.email).toBe(a.role);
		},
		SLOW
	);

	it(
		'seeds nothing more on a second start',
		async () => {
			await ensureInitialData(db, config(), log);
			const before = await counts();
			logged = [];
			await ensureInitialData(db, config(), log);
			expect(await counts()).toEqual(before);
			expect(logged).toEqual([]);
		},
		SLOW
	);
});

describe('ensureInitialData without the demo', () => {
	it('refuses to start with no admin to create', async () => {
		await expect(ensureInitialData(db, config({ seedDemo: false }), log)).rejects.toThrow(
			/ADMIN_EMAIL and ADMIN_PASSWORD/
		);
		expect(await count('organisation')).toBe(0);
	});

	it(
		'creates one organisation and its admin, whose password works',
		async () => {
			const admin = { email: 'Admin@Trust.example', password: 'a proper long password' };
			await ensureInitialData(
				db,
				config({ seedDemo: false, organisationName: 'Northfield Hospitals', admin }),
				log
			);
			expect(await db.selectFrom('organisation').select('name').execute()).toEqual([
				{ name: 'Northfield Hospitals' }
			]);
			expect(await count('staff_account')).toBe(1);
			expect(await count('briefing')).toBe(0);
			expect(await count('patient_group')).toBe(0);
			const account = await verifyCredentials(db, admin.email, admin.password);
			expect(account).toMatchObject({ email: 'admin@trust.example', role: 'admin' });
			expect(await verifyCredentials(db, admin.email, 'a wrong long password')).toBeNull();
			expect(logged.join('\n')).not.toContain(admin.password);

			// A later start with the admin still configured creates nothing more.
			await ensureInitialData(db, config({ seedDemo: false, admin }), log);
			expect(await count('organisation')).toBe(1);
			expect(await count('staff_account')).toBe(1);
		},
		SLOW
	);

	it(
		'adds a platform admin from PLATFORM_ADMIN_EMAIL, in the platform organisation, once',
		async () => {
			const admin = { email: 'admin@trust.example', password: 'a proper long password' };
			const platformAdmin = { email: 'Ops@Service.example', password: 'an operator password' };
			await ensureInitialData(db, config({ seedDemo: false, admin, platformAdmin }), log);
			const rows = await db
				.selectFrom('staff_account')
				.innerJoin('organisation', 'organisation.id', 'staff_account.organisation_id')
				.select(['staff_account.email', 'staff_account.role', 'organisation.kind'])
				.orderBy('staff_account.email')
				.execute();
			expect(rows).toEqual([
				{ email: 'admin@trust.example', role: 'admin', kind: 'trust' },
				{ email: 'ops@service.example', role: 'platformAdmin', kind: 'platform' }
			]);
			expect(
				await verifyCredentials(db, platformAdmin.email, platformAdmin.password)
			).toMatchObject({ role: 'platformAdmin' });
			expect(logged.join('\n')).toContain('Created the platform admin Ops@Service.example');
			await ensureInitialData(db, config({ seedDemo: false, admin, platformAdmin }), log);
			expect(await count('staff_account')).toBe(2);
			expect(await count('organisation')).toBe(2);
		},
		SLOW
	);
});
