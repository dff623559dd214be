import type { PGlite } from '@electric-sql/pglite';
import {
	CompiledQuery,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type Kysely,
	type QueryResult,
	type TransactionSettings
} from 'kysely';

/*
 * A Kysely dialect over PGlite (PostgreSQL compiled to WebAssembly, in this process), for the
 * unit tests on a machine with no PostgreSQL server. PGlite has one connection, so a mutex hands
 * it to one Kysely connection at a time, as Kysely's own SQLite driver does. Forty lines of ours
 * rather than kysely-pglite, which brings a CLI and a code generator with it.
 */
export class PGliteDialect implements Dialect {
	constructor(private readonly pglite: PGlite) {}
	createAdapter() {
		return new PostgresAdapter();
	}
	createDriver(): Driver {
		return new PGliteDriver(this.pglite);
	}
	createIntrospector(db: Kysely<unknown>) {
		return new PostgresIntrospector(db);
	}
	createQueryCompiler() {
		return new PostgresQueryCompiler();
	}
}

/** One queue per PGlite: two Kysely instances over it still take its one connection in turn. */
const queues = new WeakMap<PGlite, { tail: Promise<void> }>();

class PGliteDriver implements Driver {
	readonly #queue: { tail: Promise<void> };
	#release: (() => void) | null = null;
	readonly #connection: DatabaseConnection;

	constructor(pglite: PGlite) {
		let queue = queues.get(pglite);
		if (!queue) queues.set(pglite, (queue = { tail: Promise.resolve() }));
		this.#queue = queue;
		this.#connection = {
			async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
				const result = await pglite.query<R>(query.sql, [...query.parameters]);
				const changed = result.affectedRows;
				return {
					rows: result.rows,
					...(changed !== undefined && { numAffectedRows: BigInt(changed) })
				};
			},
			streamQuery() {
				throw new Error('PGliteDialect does not stream');
			}
		};
	}

	async init() {}

	async acquireConnection(): Promise<DatabaseConnection> {
		const previous = this.#queue.tail;
		let release!: () => void;
		this.#queue.tail = new Promise((resolve) => (release = resolve));
		await previous;
		this.#release = release;
		return this.#connection;
	}

	async releaseConnection() {
		this.#release?.();
	}

	async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
		const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
		await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
	}
	async commitTransaction(connection: DatabaseConnection) {
		await connection.executeQuery(CompiledQuery.raw('commit'));
	}
	async rollbackTransaction(connection: DatabaseConnection) {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}

	/** The PGlite instance is the test helper's to keep or close. */
	async destroy() {}
}
