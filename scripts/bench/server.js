// Shared by the bench scripts: start the built server on a fresh SQLite file, and stop it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function ensureBuilt() {
	if (!existsSync('build/index.js'))
		execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

/** Starts `node build` on `port` with its own data directory; resolves once it answers. */
export async function startServer(port, env = {}) {
	ensureBuilt();
	const origin = `http://127.0.0.1:${port}`;
	const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'bench-'));
	const child = spawn('node', ['build'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATA_DIR: dataDir,
			...env
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${origin}/api/health`)).ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		origin,
		dataDir,
		pid: child.pid,
		/** Resolves once the server has exited, so the next one can take its port. */
		stop() {
			const exited =
				child.exitCode !== null || child.signalCode !== null
					? Promise.resolve()
					: new Promise((resolve) => child.once('exit', resolve));
			child.kill();
			return exited.then(() => {
				if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
			});
		}
	};
}

/** Signs in through the real form and returns the session cookie. */
export async function signInCookie(origin, email, password) {
	const response = await fetch(`${origin}/sign-in`, {
		method: 'POST',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
	const cookie = response.headers.get('set-cookie')?.match(/session=[^;]+/)?.[0];
	if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
	return cookie;
}

export const percentile = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
