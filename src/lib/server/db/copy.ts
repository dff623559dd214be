import { sql, type Kysely } from 'kysely';
import { migrate, migrations, type Db } from './database';
import { isPostgres } from './migrations/portable';
import type { Database } from './schema';

/*
 * Copies an install's data from one database to another (`npm run db:copy`, cli/db-copy.ts):
 * in practice a trust's SQLite file into the PostgreSQL of a shared service.
 *
 * 1. The source must have every migration of this code applied, and no other. It is refused
 *    rather than migrated: the copy never writes to the install it copies (which stays the
 *    way back if the move is abandoned); starting that install's server once migrates it.
 * 2. The target is migrated with the same migration set.
 * 3. In ONE transaction on the target: refuse if any data table holds a row (naming them) unless
 *    `replace`, which empties them first; copy every table of `copiedTables` in that order
 *    (parents before children), in batches read by primary key; set each identity column's
 *    sequence past the largest id copied; count each table again and compare with the source.
 *    Any failure, a count that differs included, rolls back all of it: the target is as it was.
 * The source is read inside one transaction too, so every table is read at one moment.
 * Running it twice: the second run finds the target full and refuses; with `replace` it copies
 * again over the first copy.
 */

type Table = keyof Database;

/**
 * Every data table, each after the tables it references (copy.test.ts checks both against
 * the schema), with the primary key its rows are read by. Kysely's own migration tables are
 * not copied: the target's migrations are its own.
 */
export const copiedTables: ReadonlyArray<{ table: Table; key: readonly string[] }> = [
	{ table: 'organisation', key: ['id'] },
	{ table: 'ward', key: ['id'] },
	{ table: 'region', key: ['id'] },
	{ table: 'region_member', key: ['organisation_id'] },
	{ table: 'staff_account', key: ['id'] },
	{ table: 'mail_outbox', key: ['id'] },
	{ table: 'mail_digest_week', key: ['organisation_id', 'week_start'] },
	{ table: 'region_share', key: ['organisation_id', 'measure'] },
	{ table: 'install_key', key: ['id'] },
	{ table: 'region_remote', key: ['id'] },
	{ table: 'region_aggregate', key: ['remote_id', 'period'] },
	{ table: 'patient_group', key: ['id'] },
	{ table: 'briefing', key: ['id'] },
	{ table: 'briefing_version', key: ['id'] },
	{ table: 'briefing_variant', key: ['version_id', 'format', 'language'] },
	{ table: 'briefing_variant_partial', key: ['version_id', 'format', 'language'] },
	{ table: 'translation_source', key: ['version_id', 'format', 'language', 'path'] },
	{ table: 'version_return', key: ['version_id', 'returned_at'] },
	{ table: 'patient_group_briefing', key: ['patient_group_id', 'briefing_id'] },
	{ table: 'delivery_record', key: ['id'] },
	{ table: 'delivery_record_revision', key: ['id'] },
	{ table: 'held_delivery_record', key: ['id'] },
	{ table: 'patient_link', key: ['token_hash'] },
	{ table: 'patient_code', key: ['code'] },
	{ table: 'poster_code', key: ['code'] },
	{ table: 'patient_view_event', key: ['token_hash', 'event'] },
	{ table: 'feedback', key: ['id'] },
	{ table: 'admission_count', key: ['ward_id', 'week_start'] },
	{ table: 'aim', key: ['id'] },
	{ table: 'audit_event', key: ['id'] },
	{ table: 'measure_annotation', key: ['id'] },
	{ table: 'library_item', key: ['id'] },
	{ table: 'library_item_version', key: ['id'] },
	{ table: 'library_adoption', key: ['id'] },
	{ table: 'library_lesson', key: ['id'] },
	{ table: 'measure_day_count', key: ['organisation_id', 'day', 'patient_group_id', 'format'] },
	{ table: 'measure_setting', key: ['organisation_id', 'measure'] },
	{ table: 'oidc_login', key: ['state'] },
	{ table: 'organisation_sso', key: ['organisation_id'] },
	{ table: 'pending_pack_import', key: ['id'] },
	{ table: 'rate_limit_window', key: ['key', 'window_start'] },
	{ table: 'retention_run', key: ['id'] },
	{ table: 'session', key: ['id'] },
	{ table: 'set_password_link', key: ['token_hash'] },
	{ table: 'sign_in_attempt', key: ['id'] },
	{ table: 'sign_in_failure', key: ['attempt_id', 'organisation_id'] }
];

/**
 * Deletes every data table's rows, each table before those it references (`copiedTables`
 * backwards).
 */
export async function deleteAllRows(db: Db): Promise<void> {
	for (const { table } of [...copiedTables].reverse())
		await sql`delete from ${sql.table(table)}`.execute(db);
}

export interface TableCount {
	table: Table;
	source: number;
	target: number;
}

/** A copy refused before anything was written (the target unchanged). */
export class CopyRefused extends Error {}

/** Rows per insert, and never more than this many parameters in one (PostgreSQL allows 65,535). */
const BATCH_ROWS = 500;
const MAX_PARAMETERS = 30_000;

type Row = Record<string, unknown>;
type AnyDb = Kysely<Record<string, Row>>;

export async function copyDatabase(
	source: Db,
	target: Db,
	options: { replace?: boolean; batchRows?: number } = {}
): Promise<TableCount[]> {
	await checkSourceMigrations(source);
	await migrate(target);
	const postgres = isPostgres(target);
	return source.transaction().execute((from) =>
		target.transaction().execute(async (to) => {
			const full = await tablesWithRows(to);
			if (full.length && !options.replace)
				throw new CopyRefused(
					`The target already holds data, in ${full.join(', ')}. ` +
						'Copy into an empty database, or add --replace to empty these tables first.'
				);
			await deleteAllRows(to);
			const counts: TableCount[] = [];
			for (const { table, key } of copiedTables) {
				const copied = await copyTable(from, to, table, key, options.batchRows ?? BATCH_ROWS);
				counts.push({ table, source: copied, target: await countRows(to, table) });
			}
			if (postgres) await resetIdentities(to);
			const mismatched = counts.filter((c) => c.source !== c.target);
			if (mismatched.length)
				throw new Error(
					`Row counts differ after copying, so nothing was kept: ${mismatched
						.map((c) => `${c.table} ${c.source} → ${c.target}`)
						.join(', ')}`
				);
			const sourceCounts = await Promise.all(copiedTables.map((t) => countRows(from, t.table)));
			counts.forEach((c, i) => {
				if (sourceCounts[i] !== c.source)
					throw new Error(`${c.table} changed in the source while it was read`);
			});
			return counts;
		})
	);
}

/** Refuses a source whose migrations are not exactly this code's (see the header). */
async function checkSourceMigrations(source: Db): Promise<void> {
	const tables = await source.introspection.getTables({ withInternalKyselyTables: true });
	const applied = tables.some((t) => t.name === 'kysely_migration')
		? (
				await sql<{ name: string }>`select name from kysely_migration order by name`.execute(source)
			).rows.map((r) => r.name)
		: [];
	const known = Object.keys(migrations);
	const missing = known.filter((name) => !applied.includes(name));
	const unknown = applied.filter((name) => !known.includes(name));
	if (unknown.length)
		throw new CopyRefused(
			`The source was migrated by a newer version of the toolkit (${unknown.join(', ')}); ` +
				'copy it with that version.'
		);
	if (missing.length)
		throw new CopyRefused(
			`The source is missing migrations ${missing.join(', ')}: start its server once with ` +
				'this version (it migrates on start), stop it, then copy. The copy never writes to its source.'
		);
}

async function tablesWithRows(db: Db): Promise<Table[]> {
	const full: Table[] = [];
	for (const { table } of copiedTables) {
		const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(db);
		if (rows.length) full.push(table);
	}
	return full;
}

async function countRows(db: Db, table: Table): Promise<number> {
	const { rows } = await sql<{
		n: number | string;
	}>`select count(*) as n from ${sql.table(table)}`.execute(db);
	return Number(rows[0]?.n ?? 0);
}

/** Copies one table in batches, keyset by its primary key; answers how many rows it read. */
async function copyTable(
	from: Db,
	to: Db,
	table: Table,
	key: readonly string[],
	batchRows: number
): Promise<number> {
	const keys = sql.join(key.map((k) => sql.ref(k)));
	let after: unknown[] | null = null;
	let copied = 0;
	for (;;) {
		const past: ReturnType<typeof sql> = after
			? sql`where (${keys}) > (${sql.join(after.map((v) => sql`${v}`))})`
			: sql``;
		const { rows } = await sql<Row>`select * from ${sql.table(table)} ${past}
			order by ${keys} limit ${batchRows}`.execute(from);
		if (!rows.length) return copied;
		const columns = Object.keys(rows[0]!).length;
		const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
		for (let i = 0; i < rows.length; i += perInsert)
			await (to as unknown as AnyDb)
				.insertInto(table)
				.values(rows.slice(i, i + perInsert))
				.execute();
		copied += rows.length;
		const last = rows[rows.length - 1]!;
		after = key.map((k) => last[k]);
	}
}

/**
 * Rows copied with their ids leave an identity column's sequence where it was: the next insert
 * would reuse id 1. Sets each one past the largest id in its table.
 */
async function resetIdentities(db: Db): Promise<void> {
	const { rows } = await sql<{ table: string; column: string }>`
		select table_name as table, column_name as column from information_schema.columns
		where table_schema = current_schema() and is_identity = 'YES'
			and table_name not like 'kysely%'`.execute(db);
	for (const { table, column } of rows)
		await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
			coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}
