import { expect, test } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { briefingPath, demo } from './demo-accounts';
import { ContentPacksPage } from './pages/content-packs-page';
import { signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { randomToken } from './pages/patient-page';
import { countOf, storedMedia, waitingPacks } from './support/organisations';
import { OwnServer } from './support/own-server';

/*
 * Two app servers as a region runs them behind a load balancer: each with its own DATA_DIR
 * (its own disk), both on one database and one UPLOADS_DIR (a shared mount), both with the
 * same public address (A's, here). The journey sends each step to one server or the other, as
 * a round-robin balancer may, so any state kept in one server would be missed.
 */
const base = Number(process.env.E2E_PORT ?? 4173);
const shared = mkdtempSync(join(tmpdir(), 'e2e-two-servers-'));
const uploads = join(shared, 'uploads');
const publicOrigin = `http://127.0.0.1:${base + 20}`; // A's
const env = {
	DATABASE_FILE: join(shared, 'toolkit.sqlite'),
	UPLOADS_DIR: uploads,
	ORIGIN: publicOrigin,
	BODY_SIZE_LIMIT: '64M'
};
const a = new OwnServer(base + 20, env);
const b = new OwnServer(base + 21, env);

test.use({ baseURL: publicOrigin });
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(180_000);
	await a.start(); // migrates and seeds the shared database
	await b.start();
});
test.afterAll(async () => {
	await a.kill();
	await b.kill();
});

const pending = () => countOf(shared, 'select count(*) as n from pending_pack_import');

test('a content pack checked through one server is imported through the other', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signIn(page, demo.lead);
	const packs = new ContentPacksPage(page);
	await packs.goto();
	const pack = await packs.export(
		'Your safety on our ward (version 1)',
		'Open Government Licence v3.0',
		'© Northfield'
	);
	await packs.check({ name: 'your-safety.briefing-pack.zip', buffer: pack });
	await expect(packs.preview).toContainText('your-safety-on-our-ward-2');
	expect(pending()).toBe(1);
	expect(waitingPacks(uploads)).toHaveLength(1);

	const token = await page.locator('input[name="token"]').first().inputValue();

	// Server A is gone (a crash, a deploy): the balancer sends the confirm to B, with the
	// session cookie and the form as the page would post them.
	await a.kill();
	const confirmed = await page.request.post(`${b.origin}/studio/packs?/confirm`, {
		form: { token },
		headers: { origin: publicOrigin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(confirmed.status()).toBe(303);
	await page.goto(`${b.origin}${confirmed.headers().location}`);
	await expect(packs.notice).toContainText(
		'Imported ‘Your safety on our ward’ as a draft with the web address name ‘your-safety-on-our-ward-2’'
	);
	expect(
		countOf(shared, `select count(*) as n from briefing where slug = 'your-safety-on-our-ward-2'`)
	).toBe(1);
	expect(pending()).toBe(0);
	expect(waitingPacks(uploads)).toEqual([]);
	await a.start();
});

test('media uploaded through one server is served by the other', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, demo.lead);
	const studio = new StudioEditorPage(page);
	const suffix = randomBytes(4).toString('hex');
	await studio.createBriefing(`Shared media ${suffix}`, `shared-media-${suffix}`);
	await studio.addVariant('Video', 'English');
	await studio.field('Title').fill('Calling for help: the video');
	await studio.field('Transcript').fill('Press the call bell when you need help.');
	await studio.field('Length in seconds').fill('20');
	await studio.field('Video file').setInputFiles('static/media/demo/your-safety-on-our-ward.mp4');
	// Captions of this run's own: bytes no server has stored before.
	const captions = `WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nPress the call bell (${suffix}).\n`;
	const captionsFile = join(shared, `${suffix}.vtt`);
	writeFileSync(captionsFile, captions);
	await studio.field('Captions file (WebVTT)').setInputFiles(captionsFile);
	await studio.saveAndExpectSaved();
	const name = `${createHash('sha256').update(captions).digest('hex')}.vtt`;
	expect(storedMedia(uploads)).toContain(name);
	// Nothing half-written is left behind, and nothing landed in either server's own folder.
	expect(readdirSync(join(uploads, '.partial'))).toEqual([]);
	expect(storedMedia(join(a.dataDir, 'uploads'))).toEqual([]);

	const fromB = await fetch(`${b.origin}/uploads/${name}`);
	expect(fromB.status).toBe(200);
	expect(fromB.headers.get('content-type')).toBe('text/vtt');
	expect(await fromB.text()).toBe(captions);
	const part = await fetch(`${b.origin}/uploads/${name}`, { headers: { Range: 'bytes=0-5' } });
	expect(part.status).toBe(206);
	expect(await part.text()).toBe('WEBVTT');
});

test('a rate limit counts the hits that reach either server', async () => {
	const html = await (await fetch(`${a.origin}${briefingPath('your-safety-on-our-ward')}`)).text();
	const briefingId = html.match(/name="briefingId" value="([^"]+)"/)?.[1];
	expect(briefingId).toMatch(/^[0-9a-f-]{36}$/);
	const token = randomToken();
	const send = (server: OwnServer) =>
		fetch(`${server.origin}/api/feedback`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ briefingId, language: 'en', token, overall: 'good' })
		});
	// Ten an hour for one patient link (FEEDBACK_LIMITS): five through each server.
	for (let i = 0; i < 10; i++) expect((await send(i % 2 ? b : a)).status).toBe(200);
	for (const server of [a, b]) {
		const refused = await send(server);
		expect(refused.status).toBe(429);
		expect(await refused.json()).toMatchObject({ message: 'tooMany' });
	}
	expect(
		countOf(shared, `select sum(count) as n from rate_limit_window where key like 'token:%'`)
	).toBe(10);
});
