// Shared by the bench scripts: start the built server on a fresh SQLite file (or a PostgreSQL
// database), and stop it; the bench's own PostgreSQL database; figures side by side.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export function ensureBuilt() {
	if (!existsSync('build/index.js'))
		execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

/** Starts `node build` on `port` with its own data directory; resolves once it answers. */
export async function startServer(port, env = {}) {
	ensureBuilt();
	const origin = `http://127.0.0.1:${port}`;
	const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'bench-'));
	// BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server.
	const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	const child = spawn('node', [...nodeArgs, 'build'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATA_DIR: dataDir,
			...env
		},
		// BENCH_SERVER_LOG=1 shows the server's own log, to see why a request failed.
		stdio: process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore'
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

export const median = (xs) =>
	percentile(
		[...xs].sort((a, b) => a - b),
		0.5
	);
export const p95 = (xs) =>
	percentile(
		[...xs].sort((a, b) => a - b),
		0.95
	);

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/sbt_bench';

/*
 * The PostgreSQL database the bench measures on: BENCH_DATABASE_URL, else sbt_bench on the
 * local server. The bench drops and creates it (so its name must contain "bench": a
 * database of the app's own is never named by mistake) and drops it when done. Resolves with
 * `{ skipped }`, the reason, when no server answers: the PostgreSQL column is then not measured.
 */
export async function benchPostgres() {
	const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
	const target = new URL(url);
	const name = decodeURIComponent(target.pathname.slice(1));
	if (!name.includes('bench'))
		return {
			skipped: `BENCH_DATABASE_URL names database "${name}", and the bench drops and creates its database: name one with "bench" in it`
		};
	const admin = new URL(url);
	admin.pathname = '/postgres';
	const asAdmin = async (statement) => {
		const client = new pg.Client({ connectionString: admin.href, connectionTimeoutMillis: 3000 });
		await client.connect();
		try {
			await client.query(statement);
		} finally {
			await client.end();
		}
	};
	const quoted = `"${name.replaceAll('"', '""')}"`;
	try {
		await asAdmin('select 1');
	} catch (error) {
		return { skipped: `no PostgreSQL server answered at ${target.host} (${error.message})` };
	}
	return {
		url,
		/** Drops the bench database if a run left it, and creates it empty. */
		async fresh() {
			await asAdmin(`drop database if exists ${quoted} with (force)`);
			await asAdmin(`create database ${quoted}`);
		},
		drop: () => asAdmin(`drop database if exists ${quoted} with (force)`)
	};
}

/** A pg pool that reads counts as numbers, as the app's own does (database.ts, pgTypes). */
export function pgPool(url, max = 4) {
	const numeric = new Set([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
	return new pg.Pool({
		connectionString: url,
		max,
		types: {
			getTypeParser: (oid, format) =>
				numeric.has(oid) ? Number : pg.types.getTypeParser(oid, format)
		}
	});
}

/**
 * Prints `rows` ([label, sqlite, postgres]) as two columns, SQLite and PostgreSQL; when the
 * PostgreSQL column was not measured, one line says why.
 */
export function printSideBySide(rows, skipped) {
	const width = Math.max(...rows.map((r) => r[0].length));
	const left = Math.max(6, ...rows.map((r) => String(r[1] ?? '').length));
	console.log(`${''.padEnd(width)}  ${'SQLite'.padEnd(left)}  PostgreSQL`);
	for (const [label, sqlite, postgres] of rows)
		console.log(
			`${label.padEnd(width)}  ${String(sqlite ?? '').padEnd(left)}  ${skipped ? '-' : (postgres ?? '')}`
		);
	if (skipped) console.log(`PostgreSQL column not measured: ${skipped}`);
}
