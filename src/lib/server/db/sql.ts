import {
	CompiledQuery,
	sql,
	type Expression,
	type Insertable,
	type Kysely,
	type RawBuilder,
	type SqlBool
} from 'kysely';
import { isPostgres } from './migrations/portable';

/*
 * The SQL that SQLite and PostgreSQL spell differently, in one place. Everything else the
 * repositories write is the subset both engines read alike (see the header of database.ts).
 *
 * What to avoid elsewhere, and what to use instead:
 * - `sum(<condition>)`: SQLite sums true as 1, PostgreSQL has no sum of booleans: `countWhere`;
 * - comparing a condition to 0 or 1 (`where(<condition>, '=', 1)`): pass the condition itself;
 * - `rowid`, `+column` index hints, `date(…, 'weekday 0')`, `strftime`, `julianday`,
 *   `group_concat`, `ifnull`: keyset by `id`; days and weeks are worked out in TypeScript
 *   ($lib/domain/local-time, measurement/period) and stored as text, so SQL only compares them;
 * - `insertId`: `.returning('id')` (both engines have RETURNING);
 * - `like`: case-insensitive for ASCII on SQLite, case-sensitive on PostgreSQL; use it only on
 *   values already in one case (slugs), or compare `lower(…)` on both sides;
 * - selecting a column neither grouped nor aggregated: PostgreSQL refuses it; group by it.
 * Flags stay integers 0/1 on both engines (`where('archived', '=', 0)` is portable).
 */

/** How many rows of the group meet `condition` (0 for none; null only for no rows at all). */
export function countWhere(
	condition: Expression<SqlBool> | RawBuilder<unknown>
): RawBuilder<number> {
	return sql<number>`sum(case when ${condition} then 1 else 0 end)`;
}

/**
 * Holds the transaction's turn for `key` until it commits: a second transaction asking for the
 * same key waits. For read-then-write decisions (a throttle's count, then its insert; a
 * `max + 1`). PostgreSQL takes a transaction-scoped advisory lock. SQLite needs none: one
 * writer at a time per file, and a transaction that read before another connection's commit is
 * refused its write and run again by `inTransaction` (database.ts).
 */
export async function lockFor<DB>(trx: Kysely<DB>, key: string): Promise<void> {
	if (!isPostgres(trx)) return;
	await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/** True when `error` is a unique index or constraint refusing a write, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: string } | null)?.code;
	return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * True when another SQLite connection to the file refused this one the write lock: it holds it,
 * or committed after this transaction read (inTransaction in database.ts runs it again).
 */
export function isSqliteBusy(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Thrown inside `inTransaction` when a write finds that what the transaction read has changed
 * since (another server stored the same record in between, say): the transaction is rolled back
 * and run again, reading afresh, as for SQLite's and PostgreSQL's own refusals.
 */
export class ReadChangedSince extends Error {
	constructor(what: string) {
		super(`${what} changed after this transaction read them`);
		this.name = 'ReadChangedSince';
	}
}

/**
 * True when PostgreSQL failed a transaction only because of another one running at the same
 * time: a deadlock it broke (40P01) or a serialization failure (40001). Run whole again, it may
 * succeed (inTransaction in database.ts).
 */
export function isPostgresConflict(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '40P01' || code === '40001';
}

/**
 * A multi-row insert of `rows` (each with the same keys, in the same order) into `table`, then
 * `tail` (constant SQL: `on conflict …`, `returning …`). SQLite: `values (?, …), (?, …)`, as
 * Kysely compiles `insertInto(table).values(rows)`; the same row count gives the same text, so
 * the statement is prepared once and kept (statement-cache.ts). PostgreSQL: one array a column,
 * `select * from unnest($1::text[], $2::integer[], …)`, so a 500-row batch is a statement of 21
 * parameters for the server to parse, not of 10,500; `integers` names the integer columns (any
 * other is text). Built as text because Kysely makes and freezes several objects per value: for a
 * sync batch (500 records of 21 columns) about 5% of the server's time and much of its garbage
 * (docs/figures.md). Run it with `trx.executeQuery(…)`.
 */
export function insertRows<DB, T extends keyof DB & string>(
	db: Kysely<DB>,
	table: T,
	rows: ReadonlyArray<Insertable<DB[T]>>,
	{ tail = '', integers = [] }: { tail?: string; integers?: ReadonlyArray<string> } = {}
): CompiledQuery<Record<string, unknown>> {
	const all = rows as ReadonlyArray<Record<string, unknown>>;
	const columns = Object.keys(all[0] ?? {});
	const names = columns.map((c) => `"${c}"`).join(', ');
	const end = tail && ` ${tail}`;
	if (isPostgres(db)) {
		const arrays = columns.map(
			(c, i) => `$${i + 1}::${integers.includes(c) ? 'integer' : 'text'}[]`
		);
		return CompiledQuery.raw(
			`insert into "${table}" (${names}) select * from unnest(${arrays.join(', ')})${end}`,
			columns.map((c) => all.map((row) => row[c]))
		);
	}
	const parameters: unknown[] = [];
	for (const row of all) for (const column of columns) parameters.push(row[column]);
	const tuple = `(${columns.map(() => '?').join(', ')})`;
	return CompiledQuery.raw(
		`insert into "${table}" (${names}) values ${Array(all.length).fill(tuple).join(', ')}${end}`,
		parameters
	);
}
