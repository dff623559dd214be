// A new ward tablet on weak Wi-Fi: how long from opening the sign-in page until the tablet works
// offline (its service worker holding the whole app shell and the ward page, and controlling it), beside the link's floor: the
// bytes the browser received in that time at the link's speed, plus one round trip.
// The link: a proxy on this machine (slow-link.js), by default a 300 ms round trip and 2 Mbit/s
// down, 1 Mbit/s up (SLOW_RTT_MS, SLOW_DOWN_KBPS, SLOW_UP_KBPS). Each run is a fresh browser
// profile; the figure is the median of RUNS.
// BENCH_PORT (default 4394): the server's port; the proxy listens on the next one.
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../find-browser.js';
import { median, startServer } from './server.js';
import { startSlowLink } from './slow-link.js';

const RUNS = 3;
const rttMs = Number(process.env.SLOW_RTT_MS ?? 300);
const downKbps = Number(process.env.SLOW_DOWN_KBPS ?? 2000);
const upKbps = Number(process.env.SLOW_UP_KBPS ?? 1000);

const port = Number(process.env.BENCH_PORT ?? 4394);
const proxyOrigin = `http://127.0.0.1:${port + 1}`;
// The pages are asked for through the proxy, so that is the origin the server must trust.
const server = await startServer(port, { ORIGIN: proxyOrigin });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const times = [];
const floors = [];
const received = [];
try {
	for (let run = 0; run < RUNS; run++) {
		const link = await startSlowLink({ port: port + 1, target: port, rttMs, downKbps, upKbps });
		const context = await browser.newContext({ baseURL: link.origin });
		try {
			const page = await context.newPage();
			// When the worker reached each state, from the DevTools protocol (for the breakdown).
			const states = {};
			const cdp = await context.newCDPSession(page);
			cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
				for (const { status } of versions) states[status] ??= Date.now();
			});
			await cdp.send('ServiceWorker.enable');
			const start = Date.now();
			await page.goto('/sign-in');
			await page.getByLabel('Email address').fill('ward7@demo.example');
			await page.getByLabel('Password', { exact: true }).fill('demo-ward-pass');
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.waitForURL('**/ward', { timeout: 120_000 });
			await page.getByRole('heading', { level: 1 }).waitFor();
			const wardShown = Date.now();
			// Working offline: the worker has kept the whole shell and this ward page, and controls it.
			const readyAt = await page.evaluate(
				() =>
					new Promise((resolve) => {
						if (navigator.serviceWorker.controller) resolve(Date.now());
						navigator.serviceWorker.addEventListener('controllerchange', () => resolve(Date.now()));
					})
			);
			const bytes = link.bytesDown();
			times.push(readyAt - start);
			floors.push((bytes * 8) / downKbps + rttMs);
			received.push(bytes);
			const at = (t) => (t ? seconds(t - start) : 'not seen');
			console.log(
				`  run ${run + 1}: ward page shown ${at(wardShown)}, worker installing ${at(states.installing)}, installed ${at(states.installed)}, activating ${at(states.activating)}, activated ${at(states.activated)}`
			);
		} finally {
			await context.close();
			await link.stop();
		}
	}
} finally {
	await browser.close();
	await server.stop();
}

const t = median(times);
const floor = median(floors);
console.log(
	`A new ward tablet on weak Wi-Fi (${rttMs} ms round trip, ${downKbps / 1000} Mbit/s down), from opening the sign-in page to working offline: ${seconds(t)} (median of ${RUNS}: ${times.map(seconds).join(', ')})`
);
console.log(
	`  floor, the ${(median(received) / 1024).toFixed(0)} KB received at the link's speed plus a round trip: ${seconds(floor)}; ratio ${(t / floor).toFixed(1)}`
);
