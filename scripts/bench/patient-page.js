// The patient page: bytes a first visit costs, Lighthouse's mobile scores, and render time on
// SQLite and on PostgreSQL side by side (PostgreSQL: BENCH_DATABASE_URL, see server.js).
//
// Bytes are what the server sends a client that takes gzip (the issue's measure): the page as
// the server compresses it, built CSS and JS as the adapter precompressed them. The budget:
// HTML plus the CSS needed to render it within 14 KB (one round trip), all JavaScript < 40 KB.
// Lighthouse 12.2.3 runs through npx (not a dependency of the app) against Debian's Chromium.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import { chromiumArgs, findChromium } from '../find-browser.js';
import { benchPostgres, percentile, printSideBySide, startServer } from './server.js';

const KB = 1024;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const slug = 'your-safety-on-our-ward';
const pages = [
	`/b/${slug}?lang=en&format=leaflet`,
	`/b/${slug}?lang=en&format=easyRead`,
	`/b/${slug}?lang=en&format=video`,
	`/b/${slug}?lang=en&format=faceToFace`,
	`/b/${slug}?lang=ar&format=easyRead`,
	// Patient-only languages (page words in Polish and Urdu around English content, so each with
	// the missing-language notice): the budget holds for them too.
	`/b/${slug}?lang=pl&format=leaflet`,
	`/b/${slug}?lang=ur&format=easyRead`
];

// BENCH_PORT: where another bench may already be running on the machine.
const server = await startServer(Number(process.env.BENCH_PORT ?? 5404));
const { origin } = server;
const executablePath = findChromium();

/** Bytes on the wire for a gzip-only client, without decompressing. */
function wireBytes(url) {
	return new Promise((resolve, reject) => {
		get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
			let size = 0;
			response.on('data', (chunk) => (size += chunk.length));
			response.on('end', () => resolve(size));
		}).on('error', reject);
	});
}

/** Every resource a first visit loads (no worker yet), by type; media streams left out. */
async function firstVisit(browser, path) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const urls = new Map();
	page.on('requestfinished', (request) => {
		if (request.resourceType() !== 'media') urls.set(request.url(), request.resourceType());
	});
	await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
	await context.close();
	const byType = {};
	for (const [url, type] of urls) byType[type] = (byType[type] ?? 0) + (await wireBytes(url));
	return byType;
}

/** What a patient's phone downloads to read the page again offline: the worker and its caches. */
async function keptOffline(browser, path) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`${origin}${path}`);
	const urls = await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		// The first view is kept once the worker is active (see patient-page/first-view.ts).
		while (!(await caches.match(location.href))) await new Promise((r) => setTimeout(r, 50));
		const kept = [registration.active.scriptURL];
		for (const name of await caches.keys())
			for (const request of await (await caches.open(name)).keys()) kept.push(request.url);
		return kept;
	});
	await context.close();
	let total = 0;
	for (const url of new Set(urls.map((u) => u.replace(/\?__WB_REVISION__=.*$/, ''))))
		total += await wireBytes(url);
	return { total, files: urls.length };
}

function lighthouse(path) {
	const report = execFileSync(
		'npx',
		[
			'--yes',
			'lighthouse@12.2.3',
			`${origin}${path}`,
			'--quiet',
			'--output=json',
			'--output-path=stdout',
			'--only-categories=performance,accessibility,best-practices',
			`--chrome-flags=--headless=new ${chromiumArgs.join(' ')}`
		],
		{ env: { ...process.env, CHROME_PATH: executablePath }, maxBuffer: 64 * KB * KB }
	);
	const { categories, audits } = JSON.parse(report.toString());
	const score = (id) => Math.round(categories[id].score * 100);
	return {
		scores: `${score('performance')} / ${score('accessibility')} / ${score('best-practices')}`,
		lcp: audits['largest-contentful-paint'].displayValue,
		failing: Object.values(audits)
			.filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
			.map((a) => a.id)
	};
}

/** 300 sequential renders of the leaflet page after 20 to warm up, sorted, in ms. */
async function renderTimes(at) {
	const times = [];
	for (let i = 0; i < 320; i++) {
		const start = performance.now();
		const response = await fetch(`${at}${pages[0]}`, { headers: { 'accept-encoding': 'gzip' } });
		if (!response.ok) throw new Error(`${pages[0]}: ${response.status}`);
		await response.text();
		times.push(performance.now() - start);
	}
	return times.slice(20).sort((a, b) => a - b);
}

try {
	const browser = await chromium.launch({ executablePath, args: chromiumArgs });
	console.log(
		'Patient page, first visit, bytes sent to a gzip client (goal: HTML+CSS ≤ 14 KB, JS < 40 KB):'
	);
	for (const path of pages) {
		const bytes = await firstVisit(browser, path);
		const htmlCss = (bytes.document ?? 0) + (bytes.stylesheet ?? 0);
		const others = Object.entries(bytes)
			.filter(([type]) => !['document', 'stylesheet', 'script'].includes(type))
			.map(([type, size]) => `${type} ${kb(size)}`)
			.join(', ');
		console.log(
			`  ${path}: HTML+CSS ${kb(htmlCss)} (HTML ${kb(bytes.document ?? 0)}, CSS ${kb(bytes.stylesheet ?? 0)})` +
				`${htmlCss <= 14 * KB ? '' : ' OVER BUDGET'}; JS ${kb(bytes.script ?? 0)}` +
				`${(bytes.script ?? 0) < 40 * KB ? '' : ' OVER BUDGET'}; also ${others || 'nothing'}`
		);
	}
	const kept = await keptOffline(browser, pages[1]);
	console.log(
		`Kept on a patient's phone for offline after the first view of ${pages[1]}: ${kb(kept.total)} in ${kept.files} files (the worker script included)`
	);
	await browser.close();

	console.log(
		'Lighthouse 12.2.3, mobile (performance / accessibility / best practices; goal 100 / 100 / 100):'
	);
	for (const path of process.env.SKIP_LH ? [] : [pages[0], pages[2], pages[4]]) {
		const { scores, lcp, failing } = lighthouse(path);
		console.log(
			`  ${path}: ${scores}; LCP ${lcp}${failing.length ? `; below 0.9: ${failing.join(', ')}` : ''}`
		);
	}

	const sqliteRender = await renderTimes(origin);
	await server.stop();
	const bench = await benchPostgres();
	let postgresRender = null;
	if (!bench.skipped) {
		await bench.fresh();
		const onPostgres = await startServer(5405, { DATABASE_URL: bench.url });
		try {
			postgresRender = await renderTimes(onPostgres.origin);
		} finally {
			await onPostgres.stop();
			await bench.drop();
		}
	}
	const figure = (t) =>
		t && `median ${percentile(t, 0.5).toFixed(1)} ms, p95 ${percentile(t, 0.95).toFixed(1)} ms`;
	printSideBySide(
		[
			[
				`Patient page server render (${pages[0]}; 300 sequential requests after 20, gzip)`,
				figure(sqliteRender),
				figure(postgresRender)
			]
		],
		bench.skipped
	);
} finally {
	server.stop();
}
