import { sql } from 'kysely';
import { createHash, timingSafeEqual } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ChangeResult } from '$lib/domain/sync';
import { isPostgres, type Db } from '../db/database';
import { lastBackupAt } from './backup';

/*
 * Prometheus metrics (`/api/metrics`, off unless METRICS_TOKEN is set). One registry of our own,
 * not prom-client's global one, so nothing else in the process can add to what is scraped.
 * Metrics belong to the process (Prometheus scrapes each app server), which is why the registry
 * lives in this module rather than in ServerApp: the sync apply and the backup code feed it
 * without being handed anything. Names and meanings: docs/operations.md, "Metrics".
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'toolkit_' });

const httpDuration = new Histogram({
	name: 'toolkit_http_request_duration_seconds',
	help: 'Time from a request arriving to its answer being ready, by method, route id and status class',
	labelNames: ['method', 'route', 'status_class'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

const syncRecords = new Counter({
	name: 'toolkit_sync_records_total',
	help: "Changes from ward devices' outboxes (delivery records and undos), by outcome",
	labelNames: ['outcome'] as const,
	registers: [registry]
});
for (const outcome of ['accepted', 'duplicate', 'refused'] as const)
	syncRecords.inc({ outcome }, 0);

const databaseSize = new Gauge({
	name: 'toolkit_database_size_bytes',
	help: 'Size of the database: the SQLite file and its write-ahead log, or the PostgreSQL database',
	registers: [registry]
});

const backup = { lastSuccess: null as Date | null };

new Gauge({
	name: 'toolkit_backup_age_seconds',
	help: 'Seconds since the newest complete backup in BACKUP_DIR finished, by this server or npm run backup (absent before the first)',
	registers: [registry],
	collect() {
		this.reset();
		if (backup.lastSuccess) this.set((Date.now() - backup.lastSuccess.getTime()) / 1000);
	}
});

const backupLastSuccess = new Gauge({
	name: 'toolkit_backup_last_success_timestamp_seconds',
	help: 'When the last completed backup finished, in seconds since 1970',
	registers: [registry]
});

const backupBytes = new Gauge({
	name: 'toolkit_backup_last_size_bytes',
	help: 'Size of the last completed backup',
	registers: [registry]
});

const backupFailures = new Counter({
	name: 'toolkit_backup_failures_total',
	help: 'Backups that failed',
	registers: [registry]
});

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** One completed request. `routeId` null: no route matched (a 404 or a static file). */
export function observeRequest(
	method: string,
	routeId: string | null,
	status: number,
	seconds: number
): void {
	httpDuration.observe(
		{
			method: METHODS.has(method) ? method : 'other',
			route: routeId ?? 'unmatched',
			status_class: `${Math.floor(status / 100)}xx`
		},
		seconds
	);
}

/** Counts a sync batch's results by outcome. */
export function countSyncResults(results: readonly ChangeResult[]): void {
	const counts = { accepted: 0, duplicate: 0, held: 0, refused: 0 };
	for (const { status } of results) counts[status]++;
	for (const [outcome, n] of Object.entries(counts)) if (n) syncRecords.inc({ outcome }, n);
}

/** For the backup code: each backup, as it ends. */
export function recordBackup(result: { ok: boolean; finishedAt: Date; bytes?: number }): void {
	if (!result.ok) {
		backupFailures.inc();
		return;
	}
	backup.lastSuccess = result.finishedAt;
	backupLastSuccess.set(result.finishedAt.getTime() / 1000);
	if (result.bytes !== undefined) backupBytes.set(result.bytes);
}

const sizeOf = (file: string) =>
	stat(file).then(
		(s) => s.size,
		() => 0
	);

/** The database's size in bytes: PostgreSQL's own figure, or the SQLite file plus its WAL. */
export async function databaseSizeBytes(db: Db, databaseFile: string): Promise<number> {
	if (isPostgres(db)) {
		const { rows } = await sql<{
			size: number | string;
		}>`select pg_database_size(current_database()) as size`.execute(db);
		return Number(rows[0]?.size ?? 0);
	}
	const [main, wal] = await Promise.all([sizeOf(databaseFile), sizeOf(`${databaseFile}-wal`)]);
	return main + wal;
}

/** The exposition text, with the figures read on scrape brought up to date first. */
export async function scrape(app: {
	db: Db;
	config: { databaseFile: string; backup?: { dir: string } };
}): Promise<{ body: string; contentType: string }> {
	databaseSize.set(await databaseSizeBytes(app.db, app.config.databaseFile));
	// A backup by `npm run backup` (cron) or before a restart counts too: read from the folder.
	const newest = app.config.backup ? await lastBackupAt(app.config.backup.dir) : null;
	if (newest && (!backup.lastSuccess || newest > backup.lastSuccess)) backup.lastSuccess = newest;
	return { body: await registry.metrics(), contentType: registry.contentType };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may scrape: no token configured → 'off' (the endpoint is a 404); else the request must
 * carry `Authorization: Bearer <token>`, compared in constant time (digests of equal length, so
 * neither the token's length nor its first wrong character shows in the time taken).
 */
export function metricsAccess(
	token: string | null,
	authorization: string | null
): 'off' | 'refused' | 'allowed' {
	if (!token) return 'off';
	const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
	return timingSafeEqual(digest(given), digest(token)) ? 'allowed' : 'refused';
}
