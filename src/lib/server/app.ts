import { readConfig, type Config } from './config';
import { startCheckpointer } from './db/checkpointer';
import { migrate, openConfigured, openPostgres, sqliteConnectionOf, type Db } from './db/database';
import { sweepSessions } from './auth/sessions';
import { proxyWarning } from './http/proxy-warning';
import { fileMediaStorage, type MediaStorage } from './media/storage';
import { scheduleBackups } from './operations/backup';
import { startMailer, type Mailer } from './mail/sender';
import { logger, securityEvent } from './operations/log';
import { recordBackup } from './operations/metrics';
import { readRelease, type Release } from './operations/release';
import { scheduleRetention } from './operations/retention';
import { ensureInitialData } from './seed/initial-data';
import { loadSsoKey } from './sso/secret-box';
import { PatientPageCache } from './patient-pages/page-cache';
import { sealStoredSecrets, type SsoRuntime } from './sso/settings';

/** The database, for the log: the file, or the server and database without any password. */
function databaseName(config: Config): string {
	if (!config.databaseUrl) return config.databaseFile;
	const url = new URL(config.databaseUrl);
	return `PostgreSQL ${url.host}${url.pathname}`;
}

export interface ServerApp {
	/** The primary: every write, and every read not listed under readDb. */
	db: Db;
	/**
	 * DATABASE_READ_URL's read-only pool (a replica), else `db` itself: measures, exports and
	 * patient pages read here, through db/read-replica.ts (a lead's own writes, a replica's miss).
	 */
	readDb: Db;
	config: Config;
	/** Uploaded media and waiting content packs, in UPLOADS_DIR. */
	media: MediaStorage;
	/** Call with each request's headers: warns once about a proxy ADDRESS_HEADER does not name. */
	noticeProxy: (headers: Pick<Headers, 'has'>) => void;
	/** Single sign-on's key for secrets at rest, and where its providers may be. */
	sso: SsoRuntime;
	/** The version and commit this server runs (/api/health, /api/ready). */
	release: Release;
	/** Published briefings' patient pages, rendered once (patient-pages/page-cache.ts). */
	patientPages: PatientPageCache;
	/** The mail sender (SMTP_URL set), kicked after a step queues messages; null: mail is off. */
	mailer: Mailer | null;
	/** Set on SIGTERM or SIGINT: /api/ready answers 503 while requests in flight finish. */
	shuttingDown: boolean;
	/** Stops the background jobs and closes the database (SQLite checkpoints its WAL). */
	close(): Promise<void>;
}

const SWEEP_EVERY_MS = 10 * 60_000;

/** Opens the database, applies migrations and seeds on first start. */
export async function startServerApp(
	env: Record<string, string | undefined>,
	log: (line: string) => void = (line) => logger.info(line)
): Promise<ServerApp> {
	const config = readConfig(env);
	const db = openConfigured(config);
	// A migration that fails is rolled back and stops the start here, with its name and reason.
	const applied = await migrate(db);
	if (applied.length) log(`Database ${databaseName(config)}: applied ${applied.join(', ')}`);
	await ensureInitialData(db, config, log);
	const sqlite = sqliteConnectionOf(db);
	// SQLite's WAL copied back in a worker thread, not in the commit of a request (checkpointer.ts).
	const checkpointer =
		sqlite &&
		startCheckpointer(sqlite, {
			everyMs: config.sqliteCheckpointEveryMs,
			onError: (error) => logger.error({ err: error }, 'SQLite checkpoint failed')
		});
	const sso = {
		key: loadSsoKey(config.ssoSecretKey, config.dataDir),
		allowInsecureIssuer: config.ssoAllowInsecureIssuer,
		allowedNetworks: config.ssoAllowedNetworks
	};
	const sealed = await sealStoredSecrets(db, sso.key);
	if (sealed) log(`Single sign-on: encrypted the stored secrets of ${sealed} organisation(s)`);
	await sweepSessions(db, new Date(), config.idleLimits);
	// Expired and idle sessions are refused on read anyway; the sweep only keeps the table small.
	const sweeping = setInterval(
		() =>
			void sweepSessions(db, new Date(), config.idleLimits).catch((error: unknown) =>
				logger.error({ err: error }, 'Session sweep failed')
			),
		SWEEP_EVERY_MS
	).unref();
	const stopRetention = scheduleRetention(db, log);
	const mailer = config.mail ? startMailer(db, config.mail, log) : null;
	const release = readRelease(env);
	const stopBackups = scheduleBackups({
		config,
		connection: sqlite,
		release,
		log,
		onResult: (result) => {
			if (result.ok) {
				const { backup } = result;
				const finishedAt = new Date(backup.manifest.finishedAt);
				recordBackup({ ok: true, finishedAt, bytes: backup.bytes });
				securityEvent('backup.completed', {
					backup: backup.name,
					files: backup.manifest.files.length,
					bytes: backup.bytes,
					seconds: backup.seconds
				});
			} else {
				recordBackup({ ok: false, finishedAt: new Date() });
				securityEvent('backup.failed', { reason: result.error.message });
			}
		}
	});
	const readDb = config.databaseReadUrl
		? openPostgres(config.databaseReadUrl, { readOnly: true })
		: db;
	if (config.databaseReadUrl) {
		const replica = new URL(config.databaseReadUrl);
		log(
			`Measures, exports and patient pages read from ${replica.host}${replica.pathname} (read-only)`
		);
	}
	return {
		db,
		readDb,
		config,
		media: fileMediaStorage(config.uploadsDir),
		noticeProxy: proxyWarning(env, (line) => logger.warn(line)),
		sso,
		release,
		patientPages: new PatientPageCache(),
		mailer,
		shuttingDown: false,
		async close() {
			clearInterval(sweeping);
			stopRetention();
			await mailer?.stop();
			await stopBackups();
			if (readDb !== db) await readDb.destroy();
			// The worker's connection first: the last one to close copies the WAL back and removes it.
			await checkpointer?.stop();
			await db.destroy();
		}
	};
}
