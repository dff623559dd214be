import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine } from '../test-support/test-database';

/*
 * Runs in both Vitest projects under one name, so both must match the one snapshot: the same
 * tables, with the same columns, nullable or not, on SQLite and on PostgreSQL. (SQLite lets a
 * one-column primary key hold null, a quirk it keeps for compatibility; the app never stores one,
 * so such a key counts as not null here.)
 */
describe('the migrations, on either engine', () => {
	it('make the same tables and columns', async () => {
		const db = await openTestDatabase();
		try {
			const keys = new Set<string>();
			if (testEngine === 'sqlite') {
				const { rows } = await sql<{ key: string }>`select m.name || '.' || p.name as key
					from sqlite_master m, pragma_table_info(m.name) p
					where m.type = 'table' and p.pk > 0`.execute(db);
				for (const { key } of rows) keys.add(key);
			}
			const tables = (await db.introspection.getTables())
				.map((t) => ({
					table: t.name,
					columns: t.columns
						.map((c) => {
							const nullable = c.isNullable && !keys.has(`${t.name}.${c.name}`);
							return `${c.name}${nullable ? '?' : ''}`;
						})
						.sort()
						.join(' ')
				}))
				.sort((a, b) => a.table.localeCompare(b.table));
			expect(tables).toMatchSnapshot();
		} finally {
			await db.destroy();
		}
	});

	it(`runs here on ${testEngine}`, async () => {
		const db = await openTestDatabase();
		try {
			const ward = await db.selectFrom('ward').select('id').execute();
			expect(ward).toEqual([]);
		} finally {
			await db.destroy();
		}
	});
});
