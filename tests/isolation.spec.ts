import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { briefingPath, demoOrganisation } from './demo-accounts';
import { execute, rowsOf, viewEvents } from './support/database';
import { contextFor, walkEntryPoints, type EntryPoint, type Who } from './support/entry-points';
import { wardContent, deliveryChange } from './support/measurement-data';
import { OwnServer } from './support/own-server';
import {
	B,
	fingerprintOf,
	privateMarkers,
	seedSecondOrganisation,
	type SecondOrganisation
} from './support/second-organisation';

/*
 * Two organisations on one service (issue 13, "Done when"): the demo trust (A) and Bramblewood
 * (B, support/second-organisation.ts), on a server of this spec's own. Every route SvelteKit
 * built — read from its route list, so routes added later are walked too — is asked, as each
 * of A's roles and as nobody, for B's ids: never B's private data in an answer (B's public
 * patient pages are public), and never a write to B's rows. Then the sync endpoint and the
 * exports, and the public addresses that name their organisation.
 */
test.describe.configure({ mode: 'serial' });

const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 14);
let b: SecondOrganisation;
// The regional lead is the demo region's (over A and Southmoor): scoped to a region, not to A.
const roles: Who[] = [
	'anonymous',
	'wardStaff',
	'clinicalReviewer',
	'engagementLead',
	'admin',
	'regionalLead'
];
const contexts = new Map<Who, APIRequestContext>();

test.beforeAll(async () => {
	await server.start();
	b = await seedSecondOrganisation(server.dataDir);
	for (const who of roles) contexts.set(who, await contextFor(server.origin, who));
});
test.afterAll(async () => {
	for (const context of contexts.values()) await context.dispose();
	await server.kill();
});

/** Route parameters filled with B's values: every id a route could take, in turn. */
function valueSets(): Array<Record<string, string>> {
	const common = {
		'[organisation]': B.slug,
		'[slug]': B.publishedSlug,
		'[token]': B.token,
		'[number]': '1',
		'[format]': 'leaflet',
		'[language]': 'en',
		'[measure]': 'coverage',
		'[file]': `${'0'.repeat(64)}.mp4`
	};
	const ids = [b.publishedBriefingId, b.draftBriefingId, b.groupId, b.deliveryId, b.aimId];
	return ids.map((id) => ({ ...common, '[id]': id }));
}

/** A form or JSON body naming B's ids in every field an action or endpoint might read. */
function bodyNamingB(): Record<string, string> {
	return {
		id: b.deliveryId,
		briefingId: b.publishedBriefingId,
		versionId: b.publishedVersionId,
		groupId: b.groupId,
		patientGroupId: b.groupId,
		wardId: b.wardId,
		deliveryId: b.deliveryId,
		aimId: b.aimId,
		staffAccountId: b.staffIds[0]!,
		revision: '1',
		number: '1',
		change: 'add',
		step: 'submit',
		outcome: 'delivered',
		language: 'en',
		format: 'leaflet',
		token: B.token,
		text: 'A note',
		name: 'A name'
	};
}

/** What an answer to A must not hold: B's private names and ids; off public routes, B's name too. */
function leaks(point: EntryPoint, body: string, sent = ''): string[] {
	// An id the request itself carried may be echoed (a form's action, a return path).
	const ids = b.privateIds.filter((id) => !sent.includes(id));
	const found = [...privateMarkers, ...ids].filter((m) => body.includes(m));
	const published = [B.name, B.contact, B.publishedTopic, 'ZZB Leaflet Title'];
	if (point.guard !== 'public') found.push(...published.filter((m) => body.includes(m)));
	return found;
}

async function send(context: APIRequestContext, point: EntryPoint, form: boolean) {
	const body = bodyNamingB();
	const options =
		point.method === 'GET'
			? {}
			: point.kind === 'action'
				? { form: form ? body : {} }
				: { data: form ? body : {}, headers: { 'content-type': 'application/json' } };
	return context.fetch(point.url, { method: point.method, ...options, maxRedirects: 0 });
}

test('the route list is walked from the build, with B’s ids in every parameter', async () => {
	const points = await walkEntryPoints(valueSets()[0]!);
	expect(points.map((p) => p.routeId)).toEqual(
		expect.arrayContaining(['/(patient)/o/[organisation]/b/[slug]', '/api/sync'])
	);
	expect(points.find((p) => p.routeId === '/(studio)/studio/briefings/[id]')?.url).toBe(
		`/studio/briefings/${b.publishedBriefingId}`
	);
});

test('as each of A’s roles, no route answers with B’s data or writes to B', async () => {
	// Six roles (the regional lead added): about a minute each on a loaded 2-core machine.
	test.setTimeout(420_000);
	const before = fingerprintOf(server.dataDir, b.id);
	const wrong: string[] = [];
	let answered = 0;
	const seen = new Set<string>();
	for (const values of valueSets()) {
		for (const point of await walkEntryPoints(values)) {
			const key = `${point.method} ${point.url}`;
			if (seen.has(key)) continue;
			seen.add(key);
			// Signing in or out would change who the context is; neither takes an id.
			if (point.url === '/sign-in' || point.url === '/sign-out') continue;
			for (const who of roles) {
				// Public entry points (a patient's feedback, view events) take anyone's answer for
				// any organisation by design: they get only the empty body.
				const bodies =
					point.method === 'GET' ? [false] : point.guard === 'public' ? [false] : [true, false];
				for (const form of bodies) {
					const answer: APIResponse = await send(contexts.get(who)!, point, form);
					const text = await answer.text();
					answered++;
					const cell = `${who} ${key}${form ? ' (B’s ids)' : ''} → ${answer.status()}`;
					if (answer.status() >= 500) wrong.push(`${cell}: a server error`);
					const found = leaks(point, text, point.url + (form ? JSON.stringify(bodyNamingB()) : ''));
					if (found.length) wrong.push(`${cell}: shows ${found.join(', ')}`);
				}
			}
		}
	}
	expect(wrong).toEqual([]);
	expect(answered).toBeGreaterThan(300);
	expect(fingerprintOf(server.dataDir, b.id)).toEqual(before);
});

test('B’s own lead does see B’s data (the search above can find it)', async () => {
	const context = await contextFor(server.origin, 'anonymous');
	const signedIn = await context.post('/sign-in', {
		form: { email: 'lead@zzb.example', password: B.password }
	});
	expect(signedIn.status()).toBe(303);
	const feedback = await (await context.get('/studio/feedback')).text();
	expect(feedback).toContain('ZZB secret comment');
	const records = await (await context.get('/studio/measurement/records.csv')).text();
	expect(records).toContain(b.deliveryId);
	await context.dispose();
});

test('the sync endpoint refuses B’s ward, group, briefing and records, and returns none of B', async () => {
	const before = fingerprintOf(server.dataDir, b.id);
	const nurse = contexts.get('wardStaff')!;
	const a = wardContent(server.dataDir, 'Ward 7');
	const change = (over: Record<string, string>) => {
		const c = deliveryChange(a, new Date(Date.now() - 60_000));
		return { ...c, payload: { ...c.payload, ...over } };
	};
	const changes = [
		change({ wardId: b.wardId }),
		change({ patientGroupId: b.groupId }),
		change({ briefingId: b.publishedBriefingId, versionId: b.publishedVersionId }),
		change({ versionId: b.publishedVersionId }),
		{
			id: `undo:${b.deliveryId}`,
			kind: 'deliveryUndo',
			payload: { deliveryId: b.deliveryId, undoneAt: new Date().toISOString() }
		},
		{ ...change({}), id: b.deliveryId, payload: { ...change({}).payload, id: b.deliveryId } },
		change({})
	];
	const answer = await nurse.post('/api/sync', {
		data: { changes },
		headers: { 'content-type': 'application/json' }
	});
	expect(answer.status()).toBe(200);
	const text = await answer.text();
	const results = (JSON.parse(text) as { results: Array<{ status: string; reason?: string }> })
		.results;
	expect(results.map((r) => r.reason ?? r.status)).toEqual([
		'unknownWard',
		'unknownPatientGroup',
		'unknownBriefing',
		'unknownVersion',
		'unknownDelivery',
		'duplicate',
		'accepted'
	]);
	// Each result names its change's id (B's delivery id was sent as two): nothing more of B.
	expect(leaks({ guard: 'ward' } as EntryPoint, text, JSON.stringify(changes))).toEqual([]);
	expect(fingerprintOf(server.dataDir, b.id)).toEqual(before);
});

test('exports (CSV, FHIR, records CSV) hold A’s rows and none of B’s', async () => {
	const lead = contexts.get('engagementLead')!;
	for (const url of [
		'/studio/measurement/coverage/export.csv',
		'/studio/measurement/fhir',
		'/studio/measurement/records.csv',
		'/studio/measurement/equity/unmet-need.csv'
	]) {
		const answer = await lead.get(url);
		expect(answer.status(), url).toBe(200);
		const text = await answer.text();
		expect(text.length, url).toBeGreaterThan(50);
		expect(leaks({ guard: 'studio' } as EntryPoint, text), url).toEqual([]);
	}
	// A's record synced above is in A's records export: the exports are not merely empty.
	const records = await (await lead.get('/studio/measurement/records.csv')).text();
	expect(records.split('\n').filter((l) => l.trim()).length).toBeGreaterThan(1);
});

test.describe('public addresses name their organisation', () => {
	test('with two organisations, / lists both and /b/<slug> held by both is a 404', async ({
		browser
	}) => {
		test.setTimeout(180_000);
		const context = await browser.newContext({ baseURL: server.origin, locale: 'en-GB' });
		const page = await context.newPage();
		await page.goto('/');
		await expect(
			page.getByRole('heading', { level: 2, name: 'Choose your hospital' })
		).toBeVisible();
		await expect(page.getByRole('link', { name: B.name })).toHaveAttribute('href', `/o/${B.slug}`);
		await expect(
			page.getByRole('link', { name: 'Northfield Hospitals NHS Trust (demo)' })
		).toHaveAttribute('href', `/o/${demoOrganisation}`);
		await expectNoAxeViolations(page);
		expect((await page.goto('/b/your-safety-on-our-ward'))?.status()).toBe(404);
		// A slug only A holds still leads to A's page, its query kept.
		await page.goto('/b/call-dont-fall?lang=cy');
		expect(page.url()).toBe(`${server.origin}${briefingPath('call-dont-fall')}?lang=cy`);
		await context.close();
		const arabic = await browser.newContext({ baseURL: server.origin, locale: 'ar' });
		const inArabic = await arabic.newPage();
		await inArabic.goto('/');
		await expect(inArabic.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(
			inArabic.getByRole('heading', { level: 2, name: 'اختر المستشفى الخاص بك' })
		).toBeVisible();
		await expectNoAxeViolations(inArabic);
		await arabic.close();
	});

	test('each organisation’s pages show its own name, contact and briefings', async ({ page }) => {
		await page.goto(`${server.origin}/o/${B.slug}`);
		await expect(page.getByRole('heading', { level: 1, name: B.name })).toBeVisible();
		await expect(page.getByText(B.contact)).toBeVisible();
		await expect(page.getByRole('link', { name: B.publishedTopic })).toBeVisible();
		await expect(page.getByText('ZZB Draft Secret Topic')).toHaveCount(0);
		await page.getByRole('link', { name: B.publishedTopic }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'ZZB Leaflet Title' })).toBeVisible();
		await expect(page.getByText(B.contact)).toBeVisible();
		await page.goto(
			`${server.origin}${briefingPath('your-safety-on-our-ward')}?lang=en&format=leaflet`
		);
		await expect(page.getByText('ZZB')).toHaveCount(0);
		await expect(page.getByText('Northfield Hospitals NHS Trust (demo)').first()).toBeVisible();
	});

	test('a QR link opens its own delivery’s organisation', async ({ page }) => {
		await page.goto(`${server.origin}/p/${B.token}`);
		expect(new URL(page.url()).pathname).toBe(`/o/${B.slug}/b/${B.publishedSlug}`);
		await expect(page.getByRole('heading', { level: 1, name: 'ZZB Leaflet Title' })).toBeVisible();
	});

	test('an expired QR link offers only its own organisation’s briefings; an unknown one, each organisation’s', async ({
		page
	}) => {
		const recordedAt = rowsOf<{ recorded_at: string }>(
			server.dataDir,
			'select recorded_at from delivery_record where id = ?',
			b.deliveryId
		)[0]!.recorded_at;
		const longAgo = new Date(Date.now() - 31 * 86_400_000).toISOString();
		execute(
			server.dataDir,
			'update delivery_record set recorded_at = ? where id = ?',
			longAgo,
			b.deliveryId
		);
		try {
			await page.goto(`${server.origin}/p/${B.token}?lang=en`);
			await expect(
				page.getByRole('heading', { level: 1, name: 'This link has expired' })
			).toBeVisible();
			await expect(page.getByRole('link', { name: B.publishedTopic })).toHaveAttribute(
				'href',
				`/o/${B.slug}/b/${B.publishedSlug}?lang=en`
			);
			await expect(page.locator(`main a[href^="/o/${demoOrganisation}/"]`)).toHaveCount(0);
			await expectNoAxeViolations(page);
		} finally {
			execute(
				server.dataDir,
				'update delivery_record set recorded_at = ? where id = ?',
				recordedAt,
				b.deliveryId
			);
		}
		await page.goto(`${server.origin}/p/${'x'.repeat(22)}?lang=en`);
		await expect(page.getByRole('heading', { level: 2, name: B.name })).toBeVisible();
		await expect(page.locator(`main a[href^="/o/${demoOrganisation}/"]`).first()).toBeVisible();
	});

	test('a suspended organisation’s pages say “not available”, in English and Arabic', async ({
		browser
	}) => {
		test.setTimeout(180_000);
		execute(
			server.dataDir,
			'update organisation set suspended_at = ? where id = ?',
			new Date().toISOString(),
			b.id
		);
		try {
			for (const [locale, title, dir] of [
				['en-GB', 'These briefings are not available', 'ltr'],
				['ar', 'هذه الإرشادات غير متاحة', 'rtl']
			] as const) {
				const context = await browser.newContext({ baseURL: server.origin, locale });
				const page = await context.newPage();
				for (const path of [`/o/${B.slug}`, `/o/${B.slug}/b/${B.publishedSlug}`]) {
					const response = await page.goto(path);
					expect(response?.status(), path).toBe(410);
					await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
					await expect(page.locator('html')).toHaveAttribute('dir', dir);
					await expect(page.getByText('ZZB')).toHaveCount(0);
				}
				await expectNoAxeViolations(page);
				// Suspended, B is no longer listed. The demo's two trusts remain (Northfield and
				// Southmoor), so / stays a list, with A and without B.
				await page.goto('/');
				await expect(page).toHaveURL(`${server.origin}/`);
				await expect(page.getByRole('link', { name: B.name })).toHaveCount(0);
				await expect(page.locator(`a[href="/o/${demoOrganisation}"]`)).toBeVisible();
				await context.close();
			}
			// Its patient APIs take nothing in either: 410 with a clear reason, nothing stored.
			const before = viewEvents(server.dataDir, B.token);
			const api = contexts.get('anonymous')!;
			const posts = {
				'/api/feedback': {
					token: B.token,
					briefingId: b.publishedBriefingId,
					language: 'en',
					overall: 'good'
				},
				'/api/view-events': { token: B.token, event: 'finished' }
			};
			for (const [path, data] of Object.entries(posts)) {
				const response = await api.post(path, { data });
				expect(response.status(), path).toBe(410);
				expect(await response.json(), path).toEqual({ message: 'notAvailable' });
			}
			expect(viewEvents(server.dataDir, B.token)).toEqual(before);
		} finally {
			execute(server.dataDir, 'update organisation set suspended_at = null where id = ?', b.id);
		}
	});
});

test('placed in the regional lead’s region, B shares nothing and so shows nowhere in the regional view', async () => {
	const [region] = rowsOf<{ id: string }>(server.dataDir, 'select id from region');
	execute(
		server.dataDir,
		'insert into region_member (organisation_id, region_id, added_at) values (?, ?, ?)',
		b.id,
		region?.id,
		new Date().toISOString()
	);
	try {
		const lead = contexts.get('regionalLead')!;
		for (const path of ['/region', '/region/coverage', '/region/equity']) {
			const answer = await lead.get(path);
			expect(answer.status(), path).toBe(200);
			expect(leaks({ guard: 'region' } as EntryPoint, await answer.text()), path).toEqual([]);
		}
	} finally {
		execute(server.dataDir, 'delete from region_member where organisation_id = ?', b.id);
	}
});
