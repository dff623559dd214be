import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import { migrate, openDatabase, type Db } from '../db/database';
import { applyChanges } from '../sync/apply-changes';
import { openDemoDatabase } from '../test-support/demo-database';
import { openTestDatabase, testEngine } from '../test-support/test-database';
import {
	demoWardCatalogue,
	recordChange,
	undoChange,
	wardRecord,
	type WardCatalogue
} from '../test-support/ward-records';
import {
	databaseSizeBytes,
	metricsAccess,
	observeRequest,
	recordBackup,
	registry,
	scrape
} from './metrics';

const TOKEN = 'a-scrape-token-of-32-characters!';

/** The value of one series of a metric, by its labels (0 when it has none yet). */
async function valueOf(name: string, labels: Record<string, string> = {}): Promise<number> {
	const metric = registry.getSingleMetric(name);
	if (!metric) throw new Error(`no metric ${name}`);
	const { values } = await metric.get();
	const series = values.find((v) =>
		Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want)
	);
	return series?.value ?? 0;
}

describe('who may scrape /api/metrics', () => {
	it('nobody when METRICS_TOKEN is unset, whatever is sent', () => {
		expect(metricsAccess(null, null)).toBe('off');
		expect(metricsAccess(null, `Bearer ${TOKEN}`)).toBe('off');
	});

	it('only a scraper sending the token as a bearer token', () => {
		expect(metricsAccess(TOKEN, `Bearer ${TOKEN}`)).toBe('allowed');
		expect(metricsAccess(TOKEN, `bearer ${TOKEN}`)).toBe('allowed');
		expect(metricsAccess(TOKEN, null)).toBe('refused');
		expect(metricsAccess(TOKEN, '')).toBe('refused');
		expect(metricsAccess(TOKEN, TOKEN)).toBe('refused');
		expect(metricsAccess(TOKEN, `Basic ${TOKEN}`)).toBe('refused');
		expect(metricsAccess(TOKEN, `Bearer ${TOKEN.slice(0, -1)}`)).toBe('refused');
		expect(metricsAccess(TOKEN, `Bearer ${TOKEN}x`)).toBe('refused');
		expect(metricsAccess(TOKEN, 'Bearer ')).toBe('refused');
	});
});

describe('sync outcomes', () => {
	const now = new Date('2026-03-10T09:00:00Z');
	let db: Db;
	let nurse: StaffAccount;
	let catalogue: WardCatalogue;

	beforeAll(async () => {
		const demo = await openDemoDatabase(now);
		db = demo.db;
		nurse = await demo.account('ward7@demo.example');
		catalogue = await demoWardCatalogue(db);
	});
	afterAll(() => db.destroy());

	it('are counted by outcome once the batch has been applied', async () => {
		const outcomes = ['accepted', 'duplicate', 'refused'] as const;
		const before = await Promise.all(
			outcomes.map((outcome) => valueOf('toolkit_sync_records_total', { outcome }))
		);
		const first = wardRecord(catalogue, new Date(now.getTime() - 60_000));
		const second = wardRecord(catalogue, new Date(now.getTime() - 30_000));
		const neverSent = wardRecord(catalogue, new Date(now.getTime() - 20_000));
		const results = await applyChanges(
			db,
			nurse,
			[recordChange(first), recordChange(second), recordChange(first), undoChange(neverSent)],
			now
		);
		expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'duplicate', 'refused']);

		const after = await Promise.all(
			outcomes.map((outcome) => valueOf('toolkit_sync_records_total', { outcome }))
		);
		expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual([2, 1, 1]);
	});
});

describe('the scrape', () => {
	it('has request durations by method, route id and status class, never a raw path', async () => {
		observeRequest('GET', '/(patient)/p/[token]', 303, 0.012);
		observeRequest('BREW', null, 404, 0.001);
		const { body, contentType } = await scrape({
			db: openDatabase(':memory:'),
			config: { databaseFile: join(tmpdir(), 'no-such-file.sqlite') }
		});
		expect(contentType).toMatch(/^text\/plain/);
		expect(body).toContain(
			'toolkit_http_request_duration_seconds_count{method="GET",route="/(patient)/p/[token]",status_class="3xx"} 1'
		);
		expect(body).toContain(
			'toolkit_http_request_duration_seconds_count{method="other",route="unmatched",status_class="4xx"} 1'
		);
		expect(body).toContain('toolkit_process_cpu_seconds_total');
		expect(body).toContain('toolkit_database_size_bytes 0');
	});

	it('has the backup age from the last completed backup, and counts failures', async () => {
		const failures = await valueOf('toolkit_backup_failures_total');
		const finishedAt = new Date(Date.now() - 90_000);
		recordBackup({ ok: true, finishedAt, bytes: 12_345 });
		recordBackup({ ok: false, finishedAt: new Date() });
		expect(await valueOf('toolkit_backup_failures_total')).toBe(failures + 1);
		expect(await valueOf('toolkit_backup_age_seconds')).toBeGreaterThanOrEqual(90);
		expect(await valueOf('toolkit_backup_last_success_timestamp_seconds')).toBe(
			finishedAt.getTime() / 1000
		);
		expect(await valueOf('toolkit_backup_last_size_bytes')).toBe(12_345);
	});
});

describe('database size', () => {
	// One test on each engine's run: the SQLite file plus its write-ahead log, or PostgreSQL's own.
	it(`is measured on ${testEngine}`, async () => {
		if (testEngine === 'postgres') {
			const db = await openTestDatabase();
			try {
				expect(await databaseSizeBytes(db, 'unused')).toBeGreaterThan(1_000_000);
			} finally {
				await db.destroy();
			}
			return;
		}
		const dir = mkdtempSync(join(tmpdir(), 'metrics-size-'));
		const file = join(dir, 'toolkit.sqlite');
		const db = openDatabase(file);
		try {
			await migrate(db);
			const size = await databaseSizeBytes(db, file);
			const wal = statSync(`${file}-wal`).size;
			expect(wal).toBeGreaterThan(0);
			expect(size).toBe(statSync(file).size + wal);
		} finally {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
