import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { AppProcess } from './app-process';
import { RoundRobinProxy } from './round-robin-proxy';

/*
 * Two app servers as a region runs them (docs/deployment.md, "Several app servers"): each with
 * its own DATA_DIR, both on one PostgreSQL database and one UPLOADS_DIR (a shared mount), both
 * with the proxy's address as their ORIGIN, behind a RoundRobinProxy on `port`. The servers
 * listen on port + 100 and port + 200 (journey-ports.test.ts keeps own-server offsets below 100).
 *
 * The database, `e2e_<port>`, is made from nothing on the first start (dropped if a run left
 * it) and kept across restarts. `dataDir` holds the shared uploads, each server's own folder,
 * and `database-url`, from which the helpers in support/database.ts know where the rows are.
 */
export const backendPorts = (port: number) => [port + 100, port + 200];

/** The database a pair on `port` uses, on the server named by `adminUrl`. */
export function pairDatabaseUrl(adminUrl: string, port: number): string {
	const url = new URL(adminUrl);
	url.pathname = `/e2e_${port}`;
	return url.toString();
}

async function onServer(adminUrl: string, statements: string[]): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		for (const statement of statements) await client.query(statement);
	} finally {
		await client.end();
	}
}

/** Drops the databases of pairs on these ports, if any are there. */
export function dropPairDatabases(adminUrl: string, ports: number[]): Promise<void> {
	return onServer(
		adminUrl,
		ports.map((port) => `drop database if exists e2e_${port} with (force)`)
	);
}

export class ServerPair {
	readonly proxy: RoundRobinProxy;
	readonly servers: AppProcess[];
	readonly databaseUrl: string;
	#made = false;

	constructor(
		readonly port: number,
		readonly dataDir: string,
		readonly adminUrl: string,
		env: Record<string, string> = {}
	) {
		this.databaseUrl = pairDatabaseUrl(adminUrl, port);
		this.proxy = new RoundRobinProxy(port, backendPorts(port));
		const shared = {
			DATABASE_URL: this.databaseUrl,
			UPLOADS_DIR: join(dataDir, 'uploads'),
			ORIGIN: this.proxy.origin,
			// One key for both, as docs/deployment.md asks: a secret one sealed, the other opens.
			SSO_SECRET_KEY: randomBytes(32).toString('base64'),
			...env
		};
		this.servers = backendPorts(port).map(
			(p, i) => new AppProcess(p, { ...shared, DATA_DIR: join(dataDir, `server-${i + 1}`) })
		);
	}

	get origin(): string {
		return this.proxy.origin;
	}

	get log(): string {
		return this.servers.map((s) => s.log).join('');
	}

	/** Both servers, the first alone while it migrates and seeds, then the proxy in front. */
	async start(): Promise<void> {
		if (!this.#made) {
			await dropPairDatabases(this.adminUrl, [this.port]);
			await onServer(this.adminUrl, [`create database e2e_${this.port}`]);
			mkdirSync(this.dataDir, { recursive: true });
			writeFileSync(join(this.dataDir, 'database-url'), this.databaseUrl);
			this.#made = true;
		}
		for (const server of this.servers) await server.start();
		await this.proxy.listen();
	}

	/** Both servers killed at once (SIGKILL), and the proxy closed: the service is down. */
	async kill(): Promise<void> {
		await Promise.all(this.servers.map((s) => s.kill()));
		await this.proxy.close();
	}
}
