import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { northfieldWithBloodClots, publishBloodClots } from '../test-support/briefing-fixtures';
import { openTestDatabase } from '../test-support/test-database';
import { keptPagesBeforeKit, type BeforeKitApp } from './before-kit';
import { PatientPageCache } from './page-cache';
import { keptPageKey } from './page-key';

const now = new Date();
const PATH = '/o/northfield/b/blood-clots';
const HTML = '<!doctype html><html lang="en"><title>Preventing blood clots</title></html>';

let db: Db;
let orgId: string;
let briefingId: string;
let app: BeforeKitApp;
let server: http.Server;
let origin: string;
let proxied: number;

const publish = () => publishBloodClots(db, briefingId, { now, reviewBy: '2099-03-10' });

/** Keeps the page at `search` in `lang` as SvelteKit's hook would, with its render's headers. */
async function keep(search = '', lang = 'en') {
	const url = new URL(`http://localhost${PATH}${search}`);
	const key = await keptPageKey(app, {
		url,
		lang,
		organisation: 'northfield',
		slug: 'blood-clots'
	});
	expect(key).not.toBeNull();
	await app.patientPages.answer(
		new Request(url),
		key,
		async () =>
			new Response(HTML, {
				headers: {
					'content-type': 'text/html',
					'content-language': lang,
					'content-security-policy': "script-src 'sha256-abc'"
				}
			})
	);
}

beforeEach(async () => {
	db = await openTestDatabase();
	({ orgId, briefingId } = await northfieldWithBloodClots(db, { now, reviewBy: '2099-03-10' }));
	app = {
		db,
		readDb: db,
		patientPages: new PatientPageCache(),
		noticeProxy: () => {},
		config: { serverTiming: false }
	};
	// What is not answered here reaches "SvelteKit": a 599 that says so.
	proxied = 0;
	const beforeKit = keptPagesBeforeKit(app);
	server = http.createServer((req, res) => {
		const passOn = () => {
			proxied++;
			res.writeHead(599).end('SvelteKit');
		};
		const early = beforeKit(req, res);
		if (!early) passOn();
		else void early.then((answered) => answered || passOn());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
	await new Promise((resolve) => server.close(resolve));
	await db.destroy();
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
	fetch(`${origin}${path}`, { method, headers });

/** A GET carrying a body, which fetch will not send. */
function getWithBody(path: string, body: string): Promise<{ status: number }> {
	return new Promise((resolve, reject) => {
		const headers = { 'content-length': String(Buffer.byteLength(body)) };
		const request = http.request(`${origin}${path}`, { method: 'GET', headers }, (answer) => {
			answer.resume();
			resolve({ status: answer.statusCode ?? 0 });
		});
		request.on('error', reject);
		request.end(body);
	});
}

describe('keptPagesBeforeKit', () => {
	it('answers a kept page from memory, with its render’s headers, and 304 to its tag', async () => {
		await keep('?lang=en&format=leaflet');
		const answer = await get(`${PATH}?lang=en&format=leaflet`, {
			'accept-encoding': 'gzip',
			'x-request-id': 'poster-42'
		});
		expect(answer.status).toBe(200);
		expect(await answer.text()).toBe(HTML);
		expect(answer.headers.get('content-encoding')).toBe('gzip');
		expect(answer.headers.get('content-type')).toBe('text/html');
		expect(answer.headers.get('content-language')).toBe('en');
		expect(answer.headers.get('content-security-policy')).toBe("script-src 'sha256-abc'");
		expect(answer.headers.get('cache-control')).toBe('no-cache');
		expect(answer.headers.get('vary')).toBe('Accept-Encoding');
		expect(answer.headers.get('x-request-id')).toBe('poster-42');
		const etag = answer.headers.get('etag')!;
		expect(etag).toMatch(/^"[\w-]{32}-gz"$/);

		const again = await get(`${PATH}?lang=en&format=leaflet`, { 'if-none-match': etag });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
		expect(again.headers.get('content-type')).toBeNull();
		// The browser keeps the 304's headers for its copy: the page's policy, with its hashes.
		expect(again.headers.get('content-security-policy')).toBe("script-src 'sha256-abc'");
		expect(proxied).toBe(0);
		expect(app.patientPages.stats.hits).toBe(2);
	});

	it('takes the language from the address, else the browser, as SvelteKit’s hook does', async () => {
		await keep('', 'cy');
		expect((await get(PATH, { 'accept-language': 'cy-GB,cy;q=0.9' })).status).toBe(200);
		expect((await get(PATH, { 'accept-language': 'en' })).status).toBe(599);
		expect((await get(`${PATH}?lang=cy`, { 'accept-language': 'cy' })).status).toBe(599);
	});

	it('passes on what is not kept, not a plain GET of the kept page, or not plainly addressed', async () => {
		await keep();
		expect((await get(PATH)).status).toBe(200);
		const token = '0123456789abcdef0123456789abcdef';
		const passedOn = [
			await get(`${PATH}?format=leaflet`), // not kept yet
			await get(`${PATH}?t=${token}`),
			await get(`${PATH}?lang=en&lang=en`),
			await get(`${PATH}/`),
			await get('/o/Northfield/b/blood-clots'),
			await get('/o/northfield/b/blood%2Dclots'),
			await get('/o/northfield/b/falls'),
			await get('/o/northfield'),
			await get(PATH, {}, 'POST'),
			await get(PATH, {}, 'HEAD'),
			await getWithBody(PATH, '{}')
		];
		expect(passedOn.map((answer) => answer.status)).toEqual(passedOn.map(() => 599));
	});

	it('passes on at once when the page’s version or organisation changes, on any server', async () => {
		await keep();
		expect((await get(PATH)).status).toBe(200);
		// Written straight to the database, as another app server would.
		await db
			.updateTable('organisation')
			.set({ contact: 'Ward 7: 01234 567890' })
			.where('id', '=', orgId)
			.execute();
		expect((await get(PATH)).status).toBe(599);
		await keep();
		expect((await get(PATH)).status).toBe(200);
		await db
			.updateTable('briefing_version')
			.set({ status: 'retired', retired_at: now.toISOString() })
			.where('briefing_id', '=', briefingId)
			.execute();
		expect((await get(PATH)).status).toBe(599);
		await publish();
		expect((await get(PATH)).status).toBe(599);
	});

	it('names the database’s share when the install asks for Server-Timing', async () => {
		await keep();
		app.config.serverTiming = true;
		const timing = (await get(PATH)).headers.get('server-timing');
		expect(timing).toMatch(/^db;dur=[\d.]+;desc="1 queries", app;dur=[\d.]+$/);
	});
});
