import { sql, type Kysely } from 'kysely';
import { isPostgres } from './portable';

/*
 * PostgreSQL: no JIT compilation for this database's queries (issue 14, the bench at 1,000,000
 * records). PostgreSQL compiles a query to machine code when the planner's cost estimate passes
 * jit_above_cost (100,000), and optimises it past 500,000. The feedback measures' latest-answer
 * test is a subquery the planner prices for every feedback row, so 100,000 feedback rows cost
 * ~825,000: EXPLAIN ANALYZE showed 3.1 s of JIT (inlining 0.8 s, optimisation 1.8 s) before a
 * 0.7 s read, on every chart of the measurement home. Our queries are short reads over indexes;
 * JIT pays off only for long analytical scans.
 *
 * A setting of the database (applied as each connection starts, so it holds through a
 * transaction-mode pooler, which forwards no session SET), made by the database's owner. A role
 * that does not own the database cannot: the migration then warns and goes on, and
 * docs/deploy.md tells the operator to set `jit = off` in the server's parameters. SQLite: nothing.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
	if (!isPostgres(db)) return;
	await sql`do $$ begin
		execute format('alter database %I set jit = off', current_database());
	exception when insufficient_privilege then
		raise warning 'jit is on for this database: set jit = off (docs/deploy.md): %', sqlerrm;
	end $$`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
	if (!isPostgres(db)) return;
	await sql`do $$ begin
		execute format('alter database %I reset jit', current_database());
	exception when insufficient_privilege then
		null;
	end $$`.execute(db);
}
