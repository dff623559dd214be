import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess } from './app-process';
import { journeyPostgresUrl } from './paths';
import { ServerPair } from './server-pair';

/**
 * A server of the test's own, on its own port and SQLite file, for journeys that stop and
 * restart the server mid-way. The file outlives a restart, as it would on a real ward.
 * In the PostgreSQL run (playwright.postgres.config.ts) the same journey gets, at the same
 * address, two app servers on a fresh PostgreSQL database behind a round-robin proxy.
 */
export class OwnServer {
	readonly dataDir = mkdtempSync(join(tmpdir(), 'e2e-own-'));
	readonly origin: string;
	#server: AppProcess | ServerPair;

	/** `env`: settings of this server's own, e.g. a small upload limit. */
	constructor(
		readonly port: number,
		readonly env: Record<string, string> = {}
	) {
		const postgres = journeyPostgresUrl();
		this.#server = postgres
			? new ServerPair(port, this.dataDir, postgres, env)
			: new AppProcess(port, { DATA_DIR: this.dataDir, ...env });
		this.origin = this.#server.origin;
	}

	/** What the server (both, in the PostgreSQL run) has written to stdout and stderr. */
	get log(): string {
		return this.#server.log;
	}

	/**
	 * The lines the server logged as JSON (src/lib/server/operations/log.ts), parsed; lines that
	 * are not JSON (adapter-node's "Listening on …") are left out.
	 */
	get logLines(): Array<Record<string, unknown>> {
		return this.log
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line) as Record<string, unknown>);
	}

	/** The `msg` of every JSON line the server logged, one a line. */
	get logMessages(): string {
		return this.logLines.map((line) => String(line.msg ?? '')).join('\n');
	}

	start(): Promise<void> {
		return this.#server.start();
	}

	/** Kills the server at once, as a crash or power cut would. */
	kill(): Promise<void> {
		return this.#server.kill();
	}
}
