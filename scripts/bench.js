// `npm run bench`: prints the measured figures. Builds if needed, starts the built server on a
// fresh SQLite file, measures, stops. Figures, not pass/fail: see docs/figures.md.
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromium } from './find-browser.js';

const port = 4390;
const origin = `http://127.0.0.1:${port}`;

if (!existsSync('build/index.js'))
	execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });

const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
const server = spawn('node', ['build'], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, DATA_DIR: dataDir },
	stdio: 'ignore'
});

async function waitForServer() {
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(`${origin}/api/health`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error('server did not start');
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const percentile = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** Every resource a first visit loads, by type, each gzipped as a server would send it. */
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
	let total = 0;
	for (const [url, type] of urls) {
		const body = Buffer.from(await (await fetch(url)).arrayBuffer());
		const size = gzipSync(body, { level: 9 }).length;
		byType[type] = (byType[type] ?? 0) + size;
		total += size;
	}
	return { total, byType, requests: urls.size };
}

async function renderTimes(path, count) {
	const times = [];
	for (let i = 0; i < count; i++) {
		const start = performance.now();
		const response = await fetch(`${origin}${path}`);
		await response.text();
		times.push(performance.now() - start);
	}
	return times.sort((a, b) => a - b);
}

try {
	await waitForServer();
	const browser = await chromium.launch({
		executablePath: findChromium(),
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
	console.log('Patient page, first visit (gzip -9 of every resource except the video stream):');
	for (const path of [
		'/b/your-safety-on-our-ward?lang=en&format=video',
		'/b/your-safety-on-our-ward?lang=en&format=leaflet',
		'/b/your-safety-on-our-ward?lang=ar&format=easyRead'
	]) {
		const { total, byType, requests } = await firstVisit(browser, path);
		const parts = Object.entries(byType)
			.map(([type, size]) => `${type} ${kb(size)}`)
			.join(', ');
		console.log(`  ${path}: ${kb(total)} in ${requests} requests (${parts})`);
	}
	await browser.close();

	const times = await renderTimes('/b/your-safety-on-our-ward?lang=en&format=leaflet', 300);
	console.log(
		`Patient page server render (300 sequential requests): median ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`
	);
} finally {
	server.kill();
	rmSync(dataDir, { recursive: true, force: true });
}
