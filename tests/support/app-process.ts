import { spawn, type ChildProcess } from 'node:child_process';
import { journeyServerEnv } from './paths';

/**
 * One `node build` process on its own port, with `env` on top of the journeys' settings; `build`
 * names another copy of the build (inside the checkout, so that it finds node_modules).
 */
export class AppProcess {
	readonly origin: string;
	#child: ChildProcess | null = null;
	/** What the server has written to stdout and stderr, across restarts. */
	log = '';

	constructor(
		readonly port: number,
		readonly env: Record<string, string>,
		readonly build = 'build'
	) {
		this.origin = `http://127.0.0.1:${port}`;
	}

	async start(): Promise<void> {
		this.#child = spawn('node', [this.build], {
			env: {
				...process.env,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				ORIGIN: this.origin,
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
		throw new Error(`server on port ${this.port} did not start:\n${this.log}`);
	}

	/**
	 * Asks the server to stop (SIGTERM, as an orchestrator does); resolves with its exit code
	 * once it has exited. `signalled` resolves as soon as the signal is sent.
	 */
	stop(): { signalled: Promise<void>; exited: Promise<number | null> } {
		const child = this.#child;
		if (!child || child.exitCode !== null)
			return { signalled: Promise.resolve(), exited: Promise.resolve(child?.exitCode ?? null) };
		const exited = new Promise<number | null>((resolve) =>
			child.once('exit', (code) => resolve(code))
		);
		child.kill('SIGTERM');
		this.#child = null;
		return { signalled: Promise.resolve(), exited };
	}

	/** Kills the server at once (SIGKILL, as `kill -9`), as a crash or power cut would. */
	async kill(): Promise<void> {
		const child = this.#child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
		// A restart may have begun meanwhile: forget only this child, never the new one (a
		// forgotten live server outlived its journey and held the port the next run needed).
		if (this.#child === child) this.#child = null;
	}
}
