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
		const { records } = await db
			.selectFrom('delivery_record')
			.select(sql<number>`count(*)`.as('records'))
			.where('voided_at', 'is', null)
			.executeTakeFirstOrThrow();
		expect(records).toBeGreaterThan(2000);
		const { counted } = await db
			.selectFrom('measure_day_count')
			.select(sql<number>`sum(total)`.as('counted'))
			.executeTakeFirstOrThrow();
		expect(counted).toBe(records);
	}, 30_000);
});
