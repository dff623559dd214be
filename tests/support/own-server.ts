import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journeyServerEnv } from './paths';

/**
 * A server of the test's own, on its own port and SQLite file, for journeys that stop and
 * restart the server mid-way. The file outlives a restart, as it would on a real ward.
 */
export class OwnServer {
	readonly dataDir = mkdtempSync(join(tmpdir(), 'e2e-own-'));
	readonly origin: string;
	#child: ChildProcess | null = null;
	/** What the server has written to stdout and stderr, across restarts. */
	log = '';

	/** `env`: settings of this server's own, e.g. a small upload limit. */
	constructor(
		readonly port: number,
		readonly env: Record<string, string> = {}
	) {
		this.origin = `http://127.0.0.1:${port}`;
	}

	async start(): Promise<void> {
		this.#child = spawn('node', ['build'], {
			env: {
				...process.env,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				ORIGIN: this.origin,
				DATA_DIR: this.dataDir,
				...journeyServerEnv,
				...this.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const keep = (chunk: Buffer) => (this.log += chunk.toString());
		this.#child.stdout?.on('data', keep);
		this.#child.stderr?.on('data', keep);
		for (let i = 0; i < 600; i++) {
			try {
				if ((await fetch(`${this.origin}/api/health`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		throw new Error('own server did not start');
	}

	/** Kills the server at once, as a crash or power cut would. */
	async kill(): Promise<void> {
		const child = this.#child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
		this.#child = null;
	}
}
