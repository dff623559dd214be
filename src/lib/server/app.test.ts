import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerApp, type ServerApp } from './app';

let dir: string;
let app: ServerApp | undefined;

afterEach(async () => {
	await app?.db.destroy();
	rmSync(dir, { recursive: true, force: true });
});

describe('startServerApp', () => {
	it('seeds the demo with its history and has the measures counted before the first reader', async () => {
		dir = mkdtempSync(join(tmpdir(), 'toolkit-app-'));
		const lines: string[] = [];
		app = await startServerApp({ DATA_DIR: dir }, (line) => lines.push(line));
		const { db } = app;
		expect(lines.join('\n')).toContain('Seeded the demo organisation');
		const { maxRowid } = await db
			.selectNoFrom(sql<number>`(select max(rowid) from delivery_record)`.as('maxRowid'))
			.executeTakeFirstOrThrow();
		expect(maxRowid).toBeGreaterThan(2000);
		const state = await db.selectFrom('measure_day_count_state').selectAll().execute();
		expect(state).toHaveLength(1);
		expect(state[0]?.last_record_rowid).toBe(maxRowid);
	}, 30_000);
});
