import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
	it('has defaults for everything', () => {
		expect(readConfig({})).toEqual({
			dataDir: resolve('data'),
			databaseFile: resolve('data', 'toolkit.sqlite'),
			uploadsDir: resolve('data', 'uploads'),
			databaseUrl: null,
			sqliteCheckpointEveryMs: 1000,
			backup: { dir: resolve('data', 'backups'), keep: 7, everyMs: null },
			databaseReadUrl: null,
			seedDemo: true,
			seedDemoHistory: true,
			organisationName: 'Our hospital',
			admin: null,
			platformAdmin: null,
			sessionHours: 12,
			idleLimits: { staffMinutes: 30, wardStaffMinutes: 720 },
			uploadMaxBytes: 200 * 1024 * 1024,
			bodySizeLimit: 512 * 1024,
			fhirCanonicalBase: null,
			ssoSecretKey: null,
			ssoAllowInsecureIssuer: false,
			ssoAllowedNetworks: [],
			serverTiming: false,
			metricsToken: null,
			mail: null
		});
	});

	it('takes how often the WAL is copied back, within bounds, naming the variable otherwise', () => {
		expect(readConfig({ SQLITE_CHECKPOINT_EVERY_MS: '3600000' }).sqliteCheckpointEveryMs).toBe(
			3_600_000
		);
		expect(() => readConfig({ SQLITE_CHECKPOINT_EVERY_MS: '0' })).toThrow(
			/SQLITE_CHECKPOINT_EVERY_MS/
		);
	});

	it('turns mail on with SMTP_URL, which needs MAIL_FROM and ORIGIN', () => {
		expect(
			readConfig({
				SMTP_URL: 'smtps://relay.example.nhs.uk:465',
				MAIL_FROM: 'Briefings <briefings@example.nhs.uk>',
				ORIGIN: 'https://briefings.example.nhs.uk/'
			}).mail
		).toEqual({
			smtpUrl: 'smtps://relay.example.nhs.uk:465',
			from: 'Briefings <briefings@example.nhs.uk>',
			origin: 'https://briefings.example.nhs.uk'
		});
		expect(() => readConfig({ SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(
			/SMTP_URL: with SMTP_URL set MAIL_FROM .* and ORIGIN/
		);
		expect(() =>
			readConfig({ SMTP_URL: 'http://relay', MAIL_FROM: 'a@b.nhs.uk', ORIGIN: 'https://x.uk' })
		).toThrow(/SMTP_URL must be an smtp/);
		expect(readConfig({ ORIGIN: 'https://briefings.example.nhs.uk' }).mail).toBeNull();
	});

	it('reads METRICS_TOKEN (at least 16 characters) and checks LOG_LEVEL', () => {
		expect(readConfig({ METRICS_TOKEN: 'a-scrape-token-of-32-characters!' }).metricsToken).toBe(
			'a-scrape-token-of-32-characters!'
		);
		expect(() => readConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be/);
		expect(() => readConfig({ LOG_LEVEL: 'silent' })).not.toThrow();
		expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
	});

	it('gives answers Server-Timing only when SERVER_TIMING=1', () => {
		expect(readConfig({}).serverTiming).toBe(false);
		expect(readConfig({ SERVER_TIMING: '1' }).serverTiming).toBe(true);
		expect(() => readConfig({ SERVER_TIMING: 'yes' })).toThrow(/SERVER_TIMING/);
	});

	it('keeps uploads in DATA_DIR unless UPLOADS_DIR names a folder (a mount the servers share)', () => {
		expect(readConfig({ DATA_DIR: '/srv/toolkit' }).uploadsDir).toBe(
			resolve('/srv/toolkit/uploads')
		);
		expect(
			readConfig({ DATA_DIR: '/srv/toolkit', UPLOADS_DIR: '/mnt/media/toolkit' }).uploadsDir
		).toBe(resolve('/mnt/media/toolkit'));
		expect(() => readConfig({ UPLOADS_DIR: '' })).toThrow(/UPLOADS_DIR/);
	});

	it('reads a 32-byte SSO key in base64 and the insecure-issuer switch, naming a bad one', () => {
		const key = Buffer.alloc(32, 7);
		const config = readConfig({
			SSO_SECRET_KEY: key.toString('base64'),
			SSO_ALLOW_INSECURE_ISSUER: '1'
		});
		expect(config.ssoSecretKey).toEqual(key);
		expect(config.ssoAllowInsecureIssuer).toBe(true);
		expect(() => readConfig({ SSO_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
			/SSO_SECRET_KEY must be 32 bytes/
		);
		expect(() => readConfig({ SSO_SECRET_KEY: 'not base64 at all!' })).toThrow(/SSO_SECRET_KEY/);
		expect(() => readConfig({ SSO_ALLOW_INSECURE_ISSUER: 'yes' })).toThrow(
			/SSO_ALLOW_INSECURE_ISSUER/
		);
	});

	it('reads SSO_ALLOWED_NETWORKS (none by default), naming a part that is not a network', () => {
		expect(readConfig({}).ssoAllowedNetworks).toEqual([]);
		const allowed = readConfig({
			SSO_ALLOWED_NETWORKS: '10.20.0.0/16, fd12:3456::/48'
		}).ssoAllowedNetworks;
		expect(allowed.map((n) => n.text)).toEqual(['10.20.0.0/16', 'fd12:3456::/48']);
		expect(() => readConfig({ SSO_ALLOWED_NETWORKS: '10.20.0.0/16, 10.1.2.3/8' })).toThrow(
			/SSO_ALLOWED_NETWORKS: "10\.1\.2\.3\/8" is not a network/
		);
		expect(() => readConfig({ SSO_ALLOWED_NETWORKS: 'intranet' })).toThrow(
			/SSO_ALLOWED_NETWORKS: "intranet" is not a network/
		);
	});

	it('reads the FHIR canonical base without a trailing slash, refusing one that is not http(s)', () => {
		expect(
			readConfig({ FHIR_CANONICAL_BASE: 'https://fhir.trust.nhs.uk/toolkit/' }).fhirCanonicalBase
		).toBe('https://fhir.trust.nhs.uk/toolkit');
		expect(() => readConfig({ FHIR_CANONICAL_BASE: 'urn:x' })).toThrow(/FHIR_CANONICAL_BASE/);
		expect(() => readConfig({ FHIR_CANONICAL_BASE: 'not a url' })).toThrow(/FHIR_CANONICAL_BASE/);
	});

	it('reads an optional platform admin, both variables or neither', () => {
		expect(
			readConfig({
				PLATFORM_ADMIN_EMAIL: 'ops@service.example',
				PLATFORM_ADMIN_PASSWORD: 'a long platform password'
			}).platformAdmin
		).toEqual({ email: 'ops@service.example', password: 'a long platform password' });
		expect(() => readConfig({ PLATFORM_ADMIN_EMAIL: 'ops@service.example' })).toThrow(
			/PLATFORM_ADMIN_PASSWORD/
		);
		expect(() =>
			readConfig({ PLATFORM_ADMIN_EMAIL: 'ops@service.example', PLATFORM_ADMIN_PASSWORD: 'short' })
		).toThrow(/at least 12/);
	});

	it('reads the backup folder, how many to keep and how often, naming a bad value', () => {
		expect(
			readConfig({ BACKUP_DIR: '/mnt/backups', BACKUP_KEEP: '14', BACKUP_EVERY: '6h' }).backup
		).toEqual({ dir: '/mnt/backups', keep: 14, everyMs: 6 * 3_600_000 });
		expect(readConfig({ BACKUP_EVERY: '1d' }).backup.everyMs).toBe(86_400_000);
		expect(() => readConfig({ BACKUP_EVERY: 'daily' })).toThrow(
			/BACKUP_EVERY: BACKUP_EVERY must be minutes/
		);
		expect(() => readConfig({ BACKUP_EVERY: '5m' })).toThrow(
			/BACKUP_EVERY: BACKUP_EVERY must be at least 15m/
		);
		expect(() => readConfig({ BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP/);
	});

	it('reads BODY_SIZE_LIMIT as adapter-node does, refusing a nonsense one', () => {
		expect(readConfig({ BODY_SIZE_LIMIT: '64M' }).bodySizeLimit).toBe(64 * 1024 * 1024);
		expect(readConfig({ BODY_SIZE_LIMIT: '210763776' }).bodySizeLimit).toBe(210_763_776);
		expect(readConfig({ BODY_SIZE_LIMIT: 'Infinity' }).bodySizeLimit).toBe(Infinity);
		expect(() => readConfig({ BODY_SIZE_LIMIT: 'lots' })).toThrow(/BODY_SIZE_LIMIT/);
	});

	it('puts the database in the data directory unless told otherwise', () => {
		expect(readConfig({ DATA_DIR: '/srv/toolkit' }).databaseFile).toBe(
			resolve('/srv/toolkit', 'toolkit.sqlite')
		);
		expect(
			readConfig({ DATA_DIR: '/srv/toolkit', DATABASE_FILE: '/mnt/db/main.sqlite' }).databaseFile
		).toBe(resolve('/mnt/db/main.sqlite'));
	});

	it('takes PostgreSQL from DATABASE_URL, refusing a URL of another kind', () => {
		const url = 'postgres://toolkit:secret@db.trust.nhs.uk:5432/toolkit';
		expect(readConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
		expect(readConfig({ DATABASE_URL: 'postgresql://db/toolkit' }).databaseUrl).toBe(
			'postgresql://db/toolkit'
		);
		expect(() => readConfig({ DATABASE_URL: 'mysql://db/toolkit' })).toThrow(/DATABASE_URL/);
	});

	it('takes a read replica from DATABASE_READ_URL, only a postgres:// one and only with DATABASE_URL', () => {
		const primary = 'postgres://toolkit:secret@db.trust.nhs.uk:5432/toolkit';
		const replica = 'postgres://reader:secret@replica.trust.nhs.uk:5432/toolkit';
		expect(readConfig({ DATABASE_URL: primary }).databaseReadUrl).toBeNull();
		expect(readConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica }).databaseReadUrl).toBe(
			replica
		);
		expect(() =>
			readConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://replica/toolkit' })
		).toThrow('DATABASE_READ_URL: DATABASE_READ_URL must be a postgres:// URL (a read replica)');
		expect(() => readConfig({ DATABASE_READ_URL: replica })).toThrow(
			'DATABASE_READ_URL: DATABASE_READ_URL names a replica of DATABASE_URL; set DATABASE_URL too (SQLite has no replica)'
		);
	});

	it('reads the upload limit, refusing a nonsense one', () => {
		expect(readConfig({ UPLOAD_MAX_BYTES: '2000000' }).uploadMaxBytes).toBe(2_000_000);
		expect(() => readConfig({ UPLOAD_MAX_BYTES: 'lots' })).toThrow(/UPLOAD_MAX_BYTES/);
	});

	it('leaves the demo’s measurement history out with SEED_DEMO_HISTORY=false', () => {
		expect(readConfig({ SEED_DEMO_HISTORY: 'false' }).seedDemoHistory).toBe(false);
		expect(() => readConfig({ SEED_DEMO_HISTORY: '0' })).toThrow(/SEED_DEMO_HISTORY/);
	});

	it('turns the demo off with SEED_DEMO=false', () => {
		expect(readConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
		expect(readConfig({ SEED_DEMO: 'true' }).seedDemo).toBe(true);
	});

	it('refuses a SEED_DEMO that is neither true nor false, naming it', () => {
		expect(() => readConfig({ SEED_DEMO: 'no' })).toThrow(/SEED_DEMO/);
	});

	it('refuses a short ADMIN_PASSWORD, naming it', () => {
		expect(() =>
			readConfig({ ADMIN_EMAIL: 'admin@trust.example', ADMIN_PASSWORD: 'elevenchars' })
		).toThrow(/ADMIN_PASSWORD: ADMIN_PASSWORD must be at least 12 characters/);
	});

	it('refuses an ADMIN_EMAIL that is not an email, naming it', () => {
		expect(() => readConfig({ ADMIN_EMAIL: 'admin', ADMIN_PASSWORD: 'twelve chars' })).toThrow(
			/ADMIN_EMAIL/
		);
	});

	it('has an admin only when both the email and the password are given', () => {
		expect(
			readConfig({ ADMIN_EMAIL: 'admin@trust.example', ADMIN_PASSWORD: 'twelve chars' }).admin
		).toEqual({ email: 'admin@trust.example', password: 'twelve chars' });
		expect(readConfig({ ADMIN_EMAIL: 'admin@trust.example' }).admin).toBeNull();
		expect(readConfig({ ADMIN_PASSWORD: 'twelve chars' }).admin).toBeNull();
	});

	it('reads the organisation name and session length', () => {
		const config = readConfig({ ORGANISATION_NAME: '  Northfield  ', SESSION_HOURS: '8' });
		expect(config.organisationName).toBe('Northfield');
		expect(config.sessionHours).toBe(8);
	});

	it('reads the idle limits: minutes for desk roles, hours (a shift) for ward staff', () => {
		expect(
			readConfig({ SESSION_IDLE_MINUTES: '15', WARD_SESSION_IDLE_HOURS: '8' }).idleLimits
		).toEqual({ staffMinutes: 15, wardStaffMinutes: 480 });
		expect(() => readConfig({ SESSION_IDLE_MINUTES: '1' })).toThrow(/SESSION_IDLE_MINUTES/);
		expect(() => readConfig({ WARD_SESSION_IDLE_HOURS: '25' })).toThrow(/WARD_SESSION_IDLE_HOURS/);
	});

	it.each(['0', '25', '1.5', 'twelve'])('refuses SESSION_HOURS=%s, naming it', (hours) => {
		expect(() => readConfig({ SESSION_HOURS: hours })).toThrow(/SESSION_HOURS/);
	});
});
