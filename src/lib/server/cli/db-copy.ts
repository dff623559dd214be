import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { copyDatabase, CopyRefused, type TableCount } from '../db/copy';
import { pgTypes, type Db } from '../db/database';
import type { Database } from '../db/schema';

/*
 * `npm run db:copy -- --from <sqlite file> --to <postgres url> [--replace]`: moves an install
 * to PostgreSQL (db/copy.ts does the work). Stop the server first: the copy reads the file as
 * one snapshot, so records written after it starts are not copied. Exit codes as `npm run
 * admin`: 0 copied, 1 refused or failed (the target unchanged), 2 bad usage.
 */

export interface CopyIo {
	out: (line: string) => void;
	err: (line: string) => void;
}

const usage = `Usage: npm run db:copy -- --from <sqlite file> --to <postgres://user:password@host:5432/db> [--replace]

Copies every table of the SQLite file into the PostgreSQL database (migrated first), in one
transaction, and checks each table's row count. Stop the server that uses the file first.
--replace empties a target that already holds data; without it such a target is refused.`;

const Args = z.object({
	from: z
		.string({ error: '--from: the SQLite file to copy is required' })
		.min(1, '--from: the SQLite file to copy is required')
		.transform((f) => resolve(f))
		.refine(existsSync, { error: (issue) => `--from: no such file: ${issue.input}` }),
	to: z.url({
		protocol: /^postgres(ql)?$/,
		error: '--to: a postgres:// URL is required (postgres://user:password@host:5432/db)'
	}),
	replace: z.boolean().default(false)
});

/** The server and database a URL names, for messages: never its password. */
function describe(url: string): string {
	const u = new URL(url);
	return `${u.host}${u.pathname}`;
}

export async function runDbCopy(argv: string[], io: CopyIo): Promise<number> {
	let values: Record<string, unknown>;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				from: { type: 'string' },
				to: { type: 'string' },
				replace: { type: 'boolean' }
			},
			strict: true,
			allowPositionals: false
		}));
	} catch (error) {
		io.err(`${(error as Error).message}\n\n${usage}`);
		return 2;
	}
	const parsed = Args.safeParse(values);
	if (!parsed.success) {
		io.err(`${parsed.error.issues.map((i) => i.message).join('\n')}\n\n${usage}`);
		return 2;
	}
	const { from, to, replace } = parsed.data;

	let source: Db;
	try {
		// Read-only: the copy never changes the install it copies.
		const file = new SQLite(from, { readonly: true, fileMustExist: true });
		file.prepare('select count(*) from sqlite_master').get();
		source = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
	} catch (error) {
		io.err(`--from: ${from} is not an SQLite database this can read: ${(error as Error).message}`);
		return 2;
	}
	const pool = new pg.Pool({
		connectionString: to,
		max: 1,
		connectionTimeoutMillis: 10_000,
		types: pgTypes
	});
	pool.on('error', (error) => io.err(`PostgreSQL: ${error.message}`));
	const target = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	try {
		try {
			await (await pool.connect()).release();
		} catch (error) {
			io.err(`Cannot reach PostgreSQL at ${describe(to)}: ${(error as Error).message}`);
			return 1;
		}
		const started = performance.now();
		const counts = await copyDatabase(source, target, { replace });
		for (const line of countTable(counts)) io.out(line);
		const rows = counts.reduce((n, c) => n + c.target, 0);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		io.out(
			`Copied ${counts.length} tables, ${rows} rows, from ${from} to ${describe(to)} in ${seconds} s.`
		);
		return 0;
	} catch (error) {
		const reason = (error as Error).message;
		io.err(
			error instanceof CopyRefused
				? `Refused: ${reason}`
				: `The copy failed and nothing was kept: ${reason}`
		);
		return 1;
	} finally {
		await source.destroy();
		await target.destroy();
	}
}

/** The printed report: a row per table with its counts on both sides. */
export function countTable(counts: TableCount[]): string[] {
	const width = Math.max(5, ...counts.map((c) => c.table.length));
	const row = (table: string, source: string, target: string, ok: string) =>
		`${table.padEnd(width)}  ${source.padStart(9)}  ${target.padStart(9)}  ${ok}`;
	return [
		row('table', 'source', 'target', 'ok'),
		...counts.map((c) =>
			row(c.table, String(c.source), String(c.target), c.source === c.target ? 'ok' : 'DIFFERS')
		)
	];
}
