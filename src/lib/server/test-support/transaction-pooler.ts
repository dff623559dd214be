import {
	CompiledQuery,
	Kysely,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type Driver,
	type QueryResult
} from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema';
import { pgTypes } from '../db/database';

/*
 * A connection pooler in transaction mode, in miniature, as PgBouncer's `pool_mode = transaction`
 * behaves for the purpose of a test: a client's transaction runs on one server connection from
 * `begin` to `commit` or `rollback`, but each statement outside a transaction may run on any
 * server connection. Here it always runs on a new one (the worst case, and a deterministic one),
 * so whatever a client assumes about its session between transactions is found out.
 * `sessions()` tells how many server connections were opened.
 */

const TRANSACTION_START = /^\s*(begin|start transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback|end)\b/i;

class Pooler {
	private readonly clients: pg.Client[] = [];
	constructor(private readonly url: string) {}

	async serverConnection(): Promise<pg.Client> {
		const client = new pg.Client({ connectionString: this.url, types: pgTypes });
		await client.connect();
		this.clients.push(client);
		return client;
	}

	get sessions(): number {
		return this.clients.length;
	}

	async close(): Promise<void> {
		await Promise.all(this.clients.splice(0).map((client) => client.end()));
	}
}

class PooledConnection implements DatabaseConnection {
	private inTransaction: pg.Client | null = null;
	constructor(private readonly pooler: Pooler) {}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const client = this.inTransaction ?? (await this.pooler.serverConnection());
		if (TRANSACTION_START.test(query.sql)) this.inTransaction = client;
		try {
			const result = await client.query(query.sql, [...query.parameters]);
			return {
				rows: result.rows as R[],
				...(result.rowCount === null ? {} : { numAffectedRows: BigInt(result.rowCount) })
			};
		} finally {
			if (TRANSACTION_END.test(query.sql)) this.inTransaction = null;
		}
	}

	// eslint-disable-next-line require-yield -- no query here streams
	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('The test pooler does not stream');
	}
}

class PoolerDriver implements Driver {
	constructor(private readonly pooler: Pooler) {}
	async init(): Promise<void> {}
	async acquireConnection(): Promise<DatabaseConnection> {
		return new PooledConnection(this.pooler);
	}
	async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin'));
	}
	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('commit'));
	}
	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}
	async releaseConnection(): Promise<void> {}
	async destroy(): Promise<void> {
		await this.pooler.close();
	}
}

/** A database handle that reaches `url` through a transaction-mode pooler (see above). */
export function throughTransactionPooler(url: string): {
	db: Kysely<Database>;
	sessions: () => number;
} {
	const pooler = new Pooler(url);
	const db = new Kysely<Database>({
		dialect: {
			createAdapter: () => new PostgresAdapter(),
			createDriver: () => new PoolerDriver(pooler),
			createIntrospector: (db) => new PostgresIntrospector(db),
			createQueryCompiler: () => new PostgresQueryCompiler()
		}
	});
	return { db, sessions: () => pooler.sessions };
}
