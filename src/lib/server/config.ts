import { resolve } from 'node:path';
import { CHECK_EVERY_MS } from './db/checkpointer';
import { z } from 'zod';
import { parseBodySizeLimit } from './http/body-limit';
import { parseNetworks, type Network } from './http/public-address';
import { LogLevel } from './operations/log';

const Env = z
	.object({
		DATA_DIR: z.string().min(1).default('./data'),
		DATABASE_FILE: z.string().min(1).optional(),
		/** Uploaded media and waiting content packs; shared by every app server (a shared mount). */
		UPLOADS_DIR: z.string().min(1).optional(),
		/** postgres://user:password@host:port/database: PostgreSQL instead of the SQLite file. */
		DATABASE_URL: z
			.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' })
			.optional(),
		/**
		 * postgres://…: a read replica of DATABASE_URL's database, for measures, exports and
		 * patient pages (db/read-replica.ts); its connections are read-only.
		 */
		DATABASE_READ_URL: z
			.url({
				protocol: /^postgres(ql)?$/,
				error: 'DATABASE_READ_URL must be a postgres:// URL (a read replica)'
			})
			.optional(),
		/** `true` seeds the demo organisation on first start; `false` creates an empty one. */
		SEED_DEMO: z.enum(['true', 'false']).default('true'),
		/** With the demo: `true` adds six months of made-up measurement history to it. */
		SEED_DEMO_HISTORY: z.enum(['true', 'false']).default('true'),
		ORGANISATION_NAME: z.string().trim().min(1).max(120).default('Our hospital'),
		ADMIN_EMAIL: z.email().optional(),
		ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD must be at least 12 characters').optional(),
		/** Optional: a platform admin (the service operator), made on start if not there yet. */
		PLATFORM_ADMIN_EMAIL: z.email().optional(),
		PLATFORM_ADMIN_PASSWORD: z
			.string()
			.min(12, 'PLATFORM_ADMIN_PASSWORD must be at least 12 characters')
			.optional(),
		SESSION_HOURS: z.coerce.number().int().min(1).max(24).default(12),
		/** Idle timeout of a desk session (studio, admin, platform), in minutes. */
		SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(720).default(30),
		/** Idle timeout of a ward tablet's session: a shift, in hours. */
		WARD_SESSION_IDLE_HOURS: z.coerce.number().int().min(1).max(24).default(12),
		/** Largest media file a lead may upload, in bytes (BODY_SIZE_LIMIT must allow it too). */
		UPLOAD_MAX_BYTES: z.coerce
			.number()
			.int()
			.min(1024)
			.default(200 * 1024 * 1024),
		/**
		 * Where the toolkit's own FHIR code systems and extensions live; unset, the server's public
		 * address followed by /fhir. One value for every organisation that shares the codes.
		 */
		FHIR_CANONICAL_BASE: z
			.url({ protocol: /^https?$/ })
			.transform((url) => url.replace(/\/+$/, ''))
			.optional(),
		/** adapter-node's limit on a request body; read here too, so forms can name it. */
		BODY_SIZE_LIMIT: z
			.string()
			.optional()
			.transform(parseBodySizeLimit)
			.refine((n) => n > 0, 'BODY_SIZE_LIMIT must be bytes, or a number with K, M or G'),
		/**
		 * The key that encrypts single sign-on secrets and private keys at rest: 32 bytes in
		 * base64. Unset: a key file made once in DATA_DIR (see sso/secret-box.ts).
		 */
		SSO_SECRET_KEY: z
			.string()
			.trim()
			.refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
				message: 'SSO_SECRET_KEY must be 32 bytes in base64 (openssl rand -base64 32)'
			})
			.optional(),
		/** `1`: allow an http:// issuer on this machine (127.0.0.1, localhost): journeys only. */
		SSO_ALLOW_INSECURE_ISSUER: z.enum(['0', '1']).default('0'),
		/**
		 * Networks (CIDR) where an organisation's identity provider may be besides the public
		 * internet, for trusts that run theirs on their own network: `10.20.0.0/16, fd12::/48`.
		 * Unset: the server connects to no private, loopback or other non-public address for SSO.
		 */
		SSO_ALLOWED_NETWORKS: z
			.string()
			.default('')
			.transform((text, ctx) => {
				const parsed = parseNetworks(text);
				if ('networks' in parsed) return parsed.networks;
				ctx.addIssue({ code: 'custom', message: parsed.error });
				return z.NEVER;
			}),
		/** `1`: answers carry Server-Timing (the database's share of each); off, it tells timings. */
		SERVER_TIMING: z.enum(['0', '1']).default('0'),
		/** Where `npm run backup` and BACKUP_EVERY put backups; best on another disk. */
		BACKUP_DIR: z.string().min(1).optional(),
		/** How many backups to keep: older ones are deleted after a new one succeeds. */
		BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
		/** `30m`, `6h`, `1d`…: the server takes a backup this often; unset, never. */
		BACKUP_EVERY: z
			.string()
			.trim()
			.regex(/^[1-9][0-9]*[mhd]$/, 'BACKUP_EVERY must be minutes, hours or days: 30m, 6h, 1d')
			.transform(
				(v) =>
					Number(v.slice(0, -1)) *
					{ m: 60_000, h: 3_600_000, d: 86_400_000 }[v.slice(-1) as 'm' | 'h' | 'd']
			)
			.refine((ms) => ms >= 15 * 60_000, 'BACKUP_EVERY must be at least 15m')
			.optional(),
		/**
		 * How often (ms) a worker copies SQLite's WAL back into the database file
		 * (db/checkpointer.ts); tests set it long, to find records still in the WAL.
		 */
		SQLITE_CHECKPOINT_EVERY_MS: z.coerce
			.number()
			.int()
			.min(10)
			.max(3_600_000)
			.default(CHECK_EVERY_MS),
		/** How much the server logs (operations/log.ts reads it as it loads; checked here). */
		LOG_LEVEL: LogLevel.default('info'),
		/**
		 * smtp://host:port (smtps:// for TLS from the start; user:password@ if the relay asks):
		 * review messages and the weekly digest by email (mail/). Unset: no mail, none queued.
		 */
		SMTP_URL: z
			.url({ protocol: /^smtps?$/, error: 'SMTP_URL must be an smtp:// or smtps:// URL' })
			.optional(),
		/** The sender of every message: an address, or "Name <address>". */
		MAIL_FROM: z.string().trim().min(3).max(200).optional(),
		/** adapter-node's public address; read here too, for the links in messages. */
		ORIGIN: z
			.url({ protocol: /^https?$/, error: 'ORIGIN must be an http:// or https:// address' })
			.transform((url) => url.replace(/\/+$/, ''))
			.optional(),
		/** Set: /api/metrics answers a scraper that sends it as a bearer token; unset: a 404. */
		METRICS_TOKEN: z
			.string()
			.trim()
			.min(16, 'METRICS_TOKEN must be at least 16 characters (openssl rand -hex 32)')
			.optional()
	})
	.refine((e) => !e.PLATFORM_ADMIN_EMAIL === !e.PLATFORM_ADMIN_PASSWORD, {
		path: ['PLATFORM_ADMIN_PASSWORD'],
		message: 'set PLATFORM_ADMIN_EMAIL and PLATFORM_ADMIN_PASSWORD together, or neither'
	})
	.refine((e) => !e.SMTP_URL || (e.MAIL_FROM && e.ORIGIN), {
		path: ['SMTP_URL'],
		message: 'with SMTP_URL set MAIL_FROM (the sender) and ORIGIN (for the links) too'
	})
	.refine((e) => !e.DATABASE_READ_URL || e.DATABASE_URL, {
		path: ['DATABASE_READ_URL'],
		message:
			'DATABASE_READ_URL names a replica of DATABASE_URL; set DATABASE_URL too (SQLite has no replica)'
	});

export interface Config {
	dataDir: string;
	databaseFile: string;
	/** UPLOADS_DIR: media storage's folder (see media/storage.ts). */
	uploadsDir: string;
	/** From DATABASE_URL: PostgreSQL; null: the SQLite file `databaseFile`. */
	databaseUrl: string | null;
	/** SQLITE_CHECKPOINT_EVERY_MS: how often the WAL is copied back (db/checkpointer.ts). */
	sqliteCheckpointEveryMs: number;
	/** BACKUP_DIR (default DATA_DIR/backups), BACKUP_KEEP and BACKUP_EVERY (ms; null: never). */
	backup: { dir: string; keep: number; everyMs: number | null };
	/** From DATABASE_READ_URL (only with databaseUrl): a read replica; null: reads use the primary. */
	databaseReadUrl: string | null;
	seedDemo: boolean;
	seedDemoHistory: boolean;
	organisationName: string;
	admin: { email: string; password: string } | null;
	/** From PLATFORM_ADMIN_EMAIL and PLATFORM_ADMIN_PASSWORD, when both are set. */
	platformAdmin: { email: string; password: string } | null;
	sessionHours: number;
	/** Idle limits in minutes (see auth/sessions.ts). */
	idleLimits: { staffMinutes: number; wardStaffMinutes: number };
	uploadMaxBytes: number;
	/** The largest request body adapter-node accepts (BODY_SIZE_LIMIT), in bytes. */
	bodySizeLimit: number;
	/** null: the server's own origin + /fhir (see docs/measurement.md). */
	fhirCanonicalBase: string | null;
	/** From SSO_SECRET_KEY; null: the key file in the data folder. */
	ssoSecretKey: Buffer | null;
	/** SSO_ALLOW_INSECURE_ISSUER=1: an http:// issuer on loopback is accepted (tests only). */
	ssoAllowInsecureIssuer: boolean;
	/** From SSO_ALLOWED_NETWORKS: non-public networks a provider may be on all the same. */
	ssoAllowedNetworks: Network[];
	/** SERVER_TIMING=1: each answer's Server-Timing header (`npm run bench floors` reads it). */
	serverTiming: boolean;
	/** From METRICS_TOKEN; null: no metrics endpoint. */
	metricsToken: string | null;
	/** From SMTP_URL, MAIL_FROM and ORIGIN; null: notifications are off (nothing is queued). */
	mail: MailConfig | null;
}

export interface MailConfig {
	smtpUrl: string;
	from: string;
	/** The public origin links in messages start with (https://briefings.example.nhs.uk). */
	origin: string;
}

/** Reads the environment once at start; a bad value stops the server with the variable named. */
export function readConfig(env: Record<string, string | undefined>): Config {
	const parsed = Env.safeParse(env);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Configuration error: ${issues.join('; ')}`);
	}
	const e = parsed.data;
	const dataDir = resolve(e.DATA_DIR);
	return {
		dataDir,
		databaseFile: e.DATABASE_FILE ? resolve(e.DATABASE_FILE) : resolve(dataDir, 'toolkit.sqlite'),
		uploadsDir: e.UPLOADS_DIR ? resolve(e.UPLOADS_DIR) : resolve(dataDir, 'uploads'),
		databaseUrl: e.DATABASE_URL ?? null,
		sqliteCheckpointEveryMs: e.SQLITE_CHECKPOINT_EVERY_MS,
		backup: {
			dir: e.BACKUP_DIR ? resolve(e.BACKUP_DIR) : resolve(dataDir, 'backups'),
			keep: e.BACKUP_KEEP,
			everyMs: e.BACKUP_EVERY ?? null
		},
		databaseReadUrl: e.DATABASE_READ_URL ?? null,
		seedDemo: e.SEED_DEMO === 'true',
		seedDemoHistory: e.SEED_DEMO_HISTORY === 'true',
		organisationName: e.ORGANISATION_NAME,
		admin:
			e.ADMIN_EMAIL && e.ADMIN_PASSWORD
				? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD }
				: null,
		platformAdmin:
			e.PLATFORM_ADMIN_EMAIL && e.PLATFORM_ADMIN_PASSWORD
				? { email: e.PLATFORM_ADMIN_EMAIL, password: e.PLATFORM_ADMIN_PASSWORD }
				: null,
		sessionHours: e.SESSION_HOURS,
		idleLimits: {
			staffMinutes: e.SESSION_IDLE_MINUTES,
			wardStaffMinutes: e.WARD_SESSION_IDLE_HOURS * 60
		},
		uploadMaxBytes: e.UPLOAD_MAX_BYTES,
		bodySizeLimit: e.BODY_SIZE_LIMIT,
		fhirCanonicalBase: e.FHIR_CANONICAL_BASE ?? null,
		ssoSecretKey: e.SSO_SECRET_KEY ? Buffer.from(e.SSO_SECRET_KEY, 'base64') : null,
		ssoAllowInsecureIssuer: e.SSO_ALLOW_INSECURE_ISSUER === '1',
		ssoAllowedNetworks: e.SSO_ALLOWED_NETWORKS,
		serverTiming: e.SERVER_TIMING === '1',
		metricsToken: e.METRICS_TOKEN ?? null,
		mail:
			e.SMTP_URL && e.MAIL_FROM && e.ORIGIN
				? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, origin: e.ORIGIN }
				: null
	};
}
