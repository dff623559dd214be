// The FHIR R4 export at scale: the measurement bench's 1,000,000 records (seed-records.js), then
// the whole export downloaded from the built server over HTTP as a lead's browser would (gzip),
// uncompressed, and a one-month range, each from a freshly started server. Prints the time to
// the first byte, the total, the size, and the server's peak resident memory (VmHWM: its
// lifetime peak, start-up included). Goal: streaming starts within 1 s; under 200 MB resident.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORDS, seedRecords } from './seed-records.js';
import { signInCookie, startServer } from './server.js';

const PORT = 4306;
const MB = 1024 * 1024;

/** The resident set size now and its peak so far (VmRSS, VmHWM), in bytes; Linux only. */
function memoryOf(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024;
	return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const NEEDLE = '"resourceType":"Communication"';

async function download(server, cookie, path, encoding) {
	const start = performance.now();
	const response = await fetch(`${server.origin}${path}`, {
		headers: { cookie, 'accept-encoding': encoding }
	});
	if (!response.ok) throw new Error(`${path}: ${response.status}`);
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let firstByteMs = null;
	let bytes = 0;
	let communications = 0;
	let carry = '';
	let tail = '';
	for (;;) {
		const { value, done } = await reader.read();
		if (done) break;
		firstByteMs ??= performance.now() - start;
		bytes += value.byteLength;
		const text = carry + decoder.decode(value, { stream: true });
		communications += text.split(NEEDLE).length - 1;
		// Keep less than a whole needle, so none is counted twice.
		carry = text.slice(-(NEEDLE.length - 1));
		tail = text.slice(-2);
	}
	if (tail !== ']}') throw new Error(`${path}: the Bundle did not close`);
	return { firstByteMs, totalMs: performance.now() - start, bytes, communications };
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-fhir-'));
try {
	// Built from this checkout, so the server has today's migrations.
	execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'ignore' });
	let server = await startServer(PORT, { DATA_DIR: dataDir });
	await server.stop();
	seedRecords(join(dataDir, 'toolkit.sqlite'));
	console.log(`seeded ${RECORDS.toLocaleString('en-GB')} records`);
	console.log(
		`(load average before measuring: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`
	);
	const month = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
	for (const [label, path, encoding] of [
		['whole export, gzip', '/studio/measurement/fhir', 'gzip'],
		['whole export, uncompressed', '/studio/measurement/fhir', 'identity'],
		['last 30 days, gzip', `/studio/measurement/fhir?from=${month}`, 'gzip']
	]) {
		server = await startServer(PORT, { DATA_DIR: dataDir });
		try {
			const cookie = await signInCookie(server.origin, 'lead@demo.example', 'demo-lead-pass');
			const before = memoryOf(server.pid);
			const r = await download(server, cookie, path, encoding);
			const after = memoryOf(server.pid);
			console.log(
				`FHIR ${label}: ${r.communications.toLocaleString('en-GB')} Communications, ${(r.bytes / MB).toFixed(0)} MB of JSON; first byte ${r.firstByteMs.toFixed(0)} ms (goal < 1000 ms), total ${(r.totalMs / 1000).toFixed(1)} s; server resident peak ${(after.peak / MB).toFixed(0)} MB (goal < 200 MB; ${(before.peak / MB).toFixed(0)} MB before the download; load average now ${loadavg()[0].toFixed(1)})`
			);
		} finally {
			await server.stop();
		}
	}
} finally {
	rmSync(dataDir, { recursive: true, force: true });
}
