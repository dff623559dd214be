// The patient page: bytes a first visit transfers, and the server's render time.
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { chromiumArgs, findChromium } from '../find-browser.js';
import { percentile, startServer } from './server.js';

const server = await startServer(4390);
const { origin } = server;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

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
	const browser = await chromium.launch({
		executablePath: findChromium(),
		args: chromiumArgs
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
	server.stop();
}
