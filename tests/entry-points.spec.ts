import { expect, request as playwrightRequest, test } from '@playwright/test';
import http from 'node:http';
import { briefingPath, demo } from './demo-accounts';

/*
 * Issue 11's defects 1–4, 6 and 7, each as the independent check found it, against the real
 * built server (the fuzz in entry-points-fuzz.spec.ts covers every route the same way).
 */

const formHeaders = (origin: string) => ({ origin, accept: 'text/html' });

test('signing in never sends anyone to another site, whatever the return path', async ({
	baseURL
}) => {
	const origin = baseURL!;
	const context = await playwrightRequest.newContext({ baseURL: origin, maxRedirects: 0 });
	const answer = await context.post(`/sign-in?returnTo=${encodeURIComponent('/.//evil.example')}`, {
		form: demo.lead,
		headers: formHeaders(origin)
	});
	expect(answer.status()).toBe(303);
	expect(answer.headers()['location']).toBe('/studio');
	await context.dispose();
});

test('a body that is not a form is a 400, on the forms anyone can reach', async ({
	request,
	baseURL
}) => {
	for (const url of [
		'/sign-in',
		'/sign-out',
		`${briefingPath('your-safety-on-our-ward')}?/feedback`
	])
		for (const type of ['text/plain', 'multipart/form-data; boundary=x']) {
			const answer = await request.post(url, {
				data: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nnever closed',
				headers: { ...formHeaders(baseURL!), 'content-type': type },
				maxRedirects: 0
			});
			expect(answer.status(), `${type} to ${url}`).toBe(400);
		}
});

test('a field named __proto__ or sent as a file is refused with the form, not a 500', async ({
	baseURL
}) => {
	const origin = baseURL!;
	const file = { name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('x') };
	const posts = [
		{ as: demo.ward, url: '/ward/admissions', field: 'wardId' },
		{ as: demo.lead, url: '/studio/measurement/admissions?/enter', field: 'wardId' },
		{ as: demo.lead, url: '/studio/measurement/coverage?/settings', field: 'chart' },
		{ as: demo.lead, url: '/studio/measurement/coverage?/annotate', field: 'text' }
	];
	for (const { as, url, field } of posts) {
		const context = await playwrightRequest.newContext({ baseURL: origin, maxRedirects: 0 });
		await context.post('/sign-in', { form: as, headers: formHeaders(origin) });
		for (const accept of ['text/html', 'application/json']) {
			// Computed keys: a literal `__proto__:` would set the object's prototype, not a field.
			const proto = await context.post(url, {
				multipart: { ['__proto__']: 'x', weekStart: 'not a date' },
				headers: { origin, accept }
			});
			const asFile = await context.post(url, {
				multipart: { [field]: file, onDate: 'not a date' },
				headers: { origin, accept }
			});
			for (const answer of [proto, asFile]) {
				expect(answer.status(), `${url} ${accept}`).toBe(accept === 'text/html' ? 400 : 200);
				if (accept === 'application/json')
					expect(await answer.json()).toMatchObject({ type: 'failure', status: 400 });
			}
		}
		await context.dispose();
	}
});

test('security headers on every answer: prerendered, static, and the hook’s refusals', async ({
	request,
	baseURL
}) => {
	const answers = {
		'the prerendered offline page': await request.get('/offline/en'),
		'a static file': await request.get('/manifest.webmanifest'),
		'a 401 from the hook': await request.post('/studio/groups/new', {
			form: { name: 'x' },
			headers: formHeaders(baseURL!),
			maxRedirects: 0
		}),
		'a page': await request.get('/sign-in')
	};
	expect(answers['a 401 from the hook'].status()).toBe(401);
	for (const [what, answer] of Object.entries(answers)) {
		const headers = answer.headers();
		expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
		expect(headers['content-security-policy'], what).toContain("default-src 'self'");
		expect(headers['x-content-type-options'], what).toBe('nosniff');
		expect(headers['referrer-policy'], what).toBe('same-origin');
		expect(headers['x-frame-options'], what).toBe('DENY');
	}
	// The prerendered page keeps the hashes of its own inline scripts.
	expect(answers['the prerendered offline page'].headers()['content-security-policy']).toMatch(
		/script-src 'self' 'sha256-/
	);
});

test('anyone not signed in may post at most 64 KB, anywhere', async ({ request, baseURL }) => {
	const big = 'a='.padEnd(64 * 1024 + 1, 'x');
	for (const url of [
		'/sign-in',
		'/api/feedback',
		`${briefingPath('your-safety-on-our-ward')}?/feedback`
	]) {
		const answer = await request.post(url, {
			data: big,
			headers: { ...formHeaders(baseURL!), 'content-type': 'application/x-www-form-urlencoded' },
			maxRedirects: 0
		});
		expect(answer.status(), url).toBe(413);
	}
});

/** Two requests on one kept-alive connection: a large refused post, then a read. */
async function twoOnOneConnection(origin: string, bodyBytes: number) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const url = new URL(origin);
	const send = (method: string, path: string, body?: Buffer) =>
		new Promise<{ status: number; socket: unknown }>((resolve, reject) => {
			const req = http.request(
				{
					host: url.hostname,
					port: url.port,
					method,
					path,
					agent,
					headers: body
						? { ...formHeaders(origin), 'content-type': 'application/x-www-form-urlencoded' }
						: {}
				},
				(res) => {
					res.resume();
					res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket }));
				}
			);
			req.on('error', reject);
			req.end(body);
		});
	try {
		const first = await send('POST', '/studio/groups/new', Buffer.alloc(bodyBytes, 97));
		const second = await send('GET', '/api/health');
		return { first: first.status, second: second.status, same: first.socket === second.socket };
	} finally {
		agent.destroy();
	}
}

test('a 401 or 413 to a large unauthenticated body leaves the connection usable', async ({
	baseURL
}) => {
	expect(await twoOnOneConnection(baseURL!, 60 * 1024)).toEqual({
		first: 401,
		second: 200,
		same: true
	});
	expect(await twoOnOneConnection(baseURL!, 1024 * 1024)).toEqual({
		first: 413,
		second: 200,
		same: true
	});
});
