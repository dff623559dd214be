import { readConfig, type Config } from './config';
import { migrate, openDatabase, type Db } from './db/database';
import { sweepSessions } from './auth/sessions';
import { proxyWarning } from './http/proxy-warning';
import { refreshDayCounts } from './repositories/measurement';
import { ensureInitialData } from './seed/initial-data';
import { loadSsoKey } from './sso/secret-box';
import { sealStoredSecrets, type SsoRuntime } from './sso/settings';

export interface ServerApp {
	db: Db;
	config: Config;
	/** Call with each request's headers: warns once about a proxy ADDRESS_HEADER does not name. */
	noticeProxy: (headers: Headers) => void;
	/** Single sign-on's key for secrets at rest, and whether an http issuer is allowed. */
	sso: SsoRuntime;
}

const SWEEP_EVERY_MS = 10 * 60_000;

/** Opens the database, applies migrations and seeds on first start. */
export async function startServerApp(
	env: Record<string, string | undefined>,
	log: (line: string) => void = console.log
): Promise<ServerApp> {
	const config = readConfig(env);
	const db = openDatabase(config.databaseFile);
	const applied = await migrate(db);
	if (applied.length) log(`Database ${config.databaseFile}: applied ${applied.join(', ')}`);
	await ensureInitialData(db, config, log);
	const sso = {
		key: loadSsoKey(config.ssoSecretKey, config.dataDir),
		allowInsecureIssuer: config.ssoAllowInsecureIssuer
	};
	const sealed = await sealStoredSecrets(db, sso.key);
	if (sealed) log(`Single sign-on: encrypted the stored secrets of ${sealed} organisation(s)`);
	await sweepSessions(db, new Date(), config.idleLimits);
	// Expired and idle sessions are refused on read anyway; the sweep only keeps the table small.
	setInterval(
		() => void sweepSessions(db, new Date(), config.idleLimits).catch(console.error),
		SWEEP_EVERY_MS
	).unref();
	// The measures' day counts are kept up to date on read; bringing them up to date here means
	// the first lead to open a chart after an upgrade, or after the demo's history is seeded,
	// does not wait for a count of every record (about 2 s for a million).
	const started = Date.now();
	for (const { id } of await db
		.selectFrom('organisation')
		.select('id')
		.where('kind', '=', 'trust')
		.execute())
		await refreshDayCounts(db, id);
	if (Date.now() - started > 500)
		log(`Counted delivery records for measures in ${Date.now() - started} ms`);
	return { db, config, noticeProxy: proxyWarning(env, log), sso };
}
