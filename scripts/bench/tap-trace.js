// Where tap-to-saved goes (issue #16, item 4): Chromium's performance trace of the ward page over
// TAPS admissions, and for each tap, from the tap to the app's mark that the record and its outbox
// entry have committed, what the page's main thread ran (its JavaScript profile, by function,
// self time) and how long IndexedDB's own transactions ran in the browser. Figures per tap,
// averaged. Functions are named as built (minified): `(program)` is the browser's own work on
// the thread, `add`, `transaction`, `objectStore` IndexedDB's API (the records' copies made),
// the rest the app's and Dexie's code.
// BENCH_PORT (default 4395): the server's port.
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../find-browser.js';
import { startServer } from './server.js';
import { signInNurse, tapToSaved } from './ward-taps.js';

const WARM_UP = 10;
const TAPS = 30;
const SHOWN = 14;

const CATEGORIES = [
	'devtools.timeline',
	'blink.user_timing',
	'IndexedDB',
	'disabled-by-default-v8.cpu_profiler'
];

/** The main thread's JavaScript profile from the trace's chunks: samples as [time, node]. */
function mainThreadProfile(events, tid) {
	const profile = events.find((e) => e.name === 'Profile' && e.tid === tid);
	const nodes = new Map();
	const samples = [];
	let time = profile.args.data.startTime;
	for (const e of events) {
		if (e.name !== 'ProfileChunk' || e.id !== profile.id || e.pid !== profile.pid) continue;
		const { cpuProfile = {}, timeDeltas = [] } = e.args.data;
		for (const node of cpuProfile.nodes ?? []) nodes.set(node.id, node);
		(cpuProfile.samples ?? []).forEach((id, i) => samples.push([(time += timeDeltas[i]), id]));
	}
	return { nodes, samples };
}

const server = await startServer(Number(process.env.BENCH_PORT ?? 4395));
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
try {
	const page = await browser.newPage({ baseURL: server.origin });
	await signInNurse(page);
	for (let i = 0; i < WARM_UP; i++) await tapToSaved(page);
	await browser.startTracing(page, { categories: CATEGORIES });
	const taps = [];
	for (let i = 0; i < TAPS; i++) taps.push(await tapToSaved(page));
	const { traceEvents: events } = JSON.parse((await browser.stopTracing()).toString());

	const marks = (name) => events.filter((e) => e.name === name).sort((a, b) => a.ts - b.ts);
	const kept = marks('record-kept');
	const windows = marks('tap').map((tap) => [tap.ts, kept.find((k) => k.ts > tap.ts).ts]);
	const within = (ts) => windows.some(([from, to]) => ts >= from && ts <= to);
	const { nodes, samples } = mainThreadProfile(events, marks('tap')[0].tid);
	const self = new Map();
	for (let i = 0; i + 1 < samples.length; i++) {
		const [ts, id] = samples[i];
		if (!within(ts)) continue;
		const frame = nodes.get(id)?.callFrame;
		const name = `${frame?.functionName || '(anonymous)'}${frame?.url ? ` ${frame.url.split('/').pop()}:${frame.lineNumber}` : ''}`;
		self.set(name, (self.get(name) ?? 0) + (samples[i + 1][0] - ts));
	}
	const indexedDb = events
		.filter(
			(e) => e.name === 'IndexedDB::Transaction::RunTasks' || e.name === 'Transaction::RunTasks'
		)
		.filter((e) => e.ph === 'X' && within(e.ts))
		.reduce((sum, e) => sum + e.dur, 0);
	const perTap = (us) => (us / windows.length / 1000).toFixed(2);
	const mean = (xs) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1);
	const profiled = [...self.values()].reduce((a, b) => a + b, 0);

	console.log(
		`${TAPS} taps traced (after ${WARM_UP}): tap to committed ${mean(taps.map((t) => t.committed))} ms, to "Saved" drawn ${mean(taps.map((t) => t.shown))} ms (means; tracing slows both)`
	);
	console.log(
		`From the tap to committed, per tap: main thread sampled ${perTap(profiled)} ms, of which idle ${perTap(self.get('(idle)') ?? 0)} ms; IndexedDB's transactions in the browser ${perTap(indexedDb)} ms`
	);
	console.log(`The main thread's self time, per tap (the ${SHOWN} largest):`);
	for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, SHOWN))
		console.log(`  ${perTap(us).padStart(6)} ms  ${name}`);
} finally {
	await browser.close();
	await server.stop();
}
