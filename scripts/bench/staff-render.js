// A staff page's render beside its floor, the same page with its data already in memory
// (issue #16), measured in the same run on the same server: each answer's Server-Timing
// (SERVER_TIMING=1) says how long the server took (`app`) and how much of it was its database
// (`db`, every query the request made, timed by Kysely). The floor is the same answer without
// the database's time: hooks, loads' own work and the render. Ratio: floor / page, which is
// the page's requests per second over the floor's (goal ≥ 0.5: the database at most half).
// One request at a time, so the times are the server's own, not a queue's.
// SQLite, then PostgreSQL (BENCH_DATABASE_URL, server.js benchPostgres) when a server answers.
// BENCH_PORT (default 5407); BENCH_REQUESTS (default 300) a page.
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { benchPostgres, median, p95, signInCookie, startServer } from './server.js';

const port = Number(process.env.BENCH_PORT ?? 5407);
const requests = Number(process.env.BENCH_REQUESTS ?? 300);

/** `db` and `app` of a Server-Timing header, in milliseconds. */
function timings(header) {
	const of = (name) => Number(header?.match(new RegExp(`${name};dur=([\\d.]+)`))?.[1]);
	const db = of('db');
	const app = of('app');
	if (!Number.isFinite(db) || !Number.isFinite(app)) throw new Error(`Server-Timing: ${header}`);
	return { db, app, queries: Number(header.match(/desc="(\d+) queries"/)?.[1]) };
}

async function measure(origin, cookie, path) {
	const ask = async () => {
		const response = await fetch(`${origin}${path}`, {
			headers: { cookie, 'accept-encoding': 'gzip' }
		});
		if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
		await response.arrayBuffer();
		return timings(response.headers.get('server-timing'));
	};
	for (let i = 0; i < 30; i++) await ask(); // JIT, caches
	const runs = [];
	for (let i = 0; i < requests; i++) runs.push(await ask());
	return runs;
}

/** A page's HTML as a first load brings it (its strings in it), and gzipped. */
async function weight(origin, cookie, path) {
	const html = Buffer.from(
		await (await fetch(`${origin}${path}`, { headers: cookie ? { cookie } : {} })).arrayBuffer()
	);
	return `${(html.length / 1000).toFixed(1)} KB, ${(gzipSync(html).length / 1000).toFixed(1)} KB gzipped`;
}

const pages = [
	['studio home', '/studio', 'lead@demo.example', 'demo-lead-pass'],
	['ward page  ', '/ward', 'ward7@demo.example', 'demo-ward-pass']
];

/** Each page's figures on one engine's server. */
async function run(engine, env) {
	const server = await startServer(port, { SERVER_TIMING: '1', ...env });
	try {
		console.log(`${engine}, ${requests} requests a page, one at a time, the demo organisation:`);
		if (engine === 'SQLite')
			console.log(`  sign-in page /sign-in: ${await weight(server.origin, null, '/sign-in')}`);
		for (const [name, path, email, password] of pages) {
			const cookie = await signInCookie(server.origin, email, password);
			const runs = await measure(server.origin, cookie, path);
			const page = runs.map((r) => r.app);
			const floor = runs.map((r) => r.app - r.db);
			const db = runs.map((r) => r.db);
			console.log(
				`  ${name} ${path}: page ${median(page).toFixed(1)} ms (p95 ${p95(page).toFixed(1)}), ` +
					`its database ${median(db).toFixed(1)} ms in ${median(runs.map((r) => r.queries))} queries; ` +
					`floor (data in memory) ${median(floor).toFixed(1)} ms; ` +
					`ratio floor / page ${(median(floor) / median(page)).toFixed(2)} (goal ≥ 0.5)`
			);
			if (engine === 'SQLite')
				console.log(`    its first load: ${await weight(server.origin, cookie, path)}`);
		}
	} finally {
		await server.stop();
	}
}

console.log(`Load: ${execFileSync('uptime').toString().trim()}`);
await run('SQLite', {});
const bench = await benchPostgres();
if (bench.skipped) console.log(`PostgreSQL: not measured: ${bench.skipped}`);
else {
	await bench.fresh();
	try {
		await run('PostgreSQL', { DATABASE_URL: bench.url });
	} finally {
		await bench.drop();
	}
}
