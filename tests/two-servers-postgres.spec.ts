import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { demo } from './demo-accounts';
import { MeasurementPage } from './pages/measurement-page';
import { SignInPage, signIn } from './pages/sign-in-page';
import { StudioGroupsPage } from './pages/studio-groups-page';
import { WardPage } from './pages/ward-page';
import { countDeliveries } from './support/database';
import { journeyPostgresUrl } from './support/paths';
import type { Answer } from './support/round-robin-proxy';
import { ServerPair } from './support/server-pair';
import { goOffline } from './support/offline';

/*
 * The service a region hosts: two app servers on one PostgreSQL database behind a load
 * balancer (a RoundRobinProxy), as issue 14 asks to prove it. Run by
 * playwright.postgres.config.ts only: a ward tablet's batch copied to both servers at once is
 * stored once; a server killed with `kill -9` while it holds a sync loses nothing; what a lead
 * changes through one server the other shows at once.
 */
const postgres = journeyPostgresUrl();
if (!postgres) throw new Error('run by playwright.postgres.config.ts, with TEST_DATABASE_URL');
const base = Number(process.env.E2E_PORT ?? 4173);
const pair = new ServerPair(base + 23, mkdtempSync(join(tmpdir(), 'e2e-pair-')), postgres);

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: pair.origin });

test.beforeAll(async () => {
	test.setTimeout(180_000);
	await pair.start();
});
// eslint-disable-next-line no-empty-pattern -- Playwright asks a hook's fixtures by destructuring
test.afterEach(async ({}, testInfo) => {
	// What the servers printed, beside the failure: a 500's cause is in their logs.
	if (testInfo.status !== testInfo.expectedStatus)
		await testInfo.attach('servers.log', { body: pair.log, contentType: 'text/plain' });
});
test.afterAll(async () => {
	await pair.kill();
});

/** A ward tablet signed in through the proxy, its worker in control, its page cached. */
async function wardTablet(browser: Browser): Promise<{ page: Page; ward: WardPage }> {
	const context = await browser.newContext({ baseURL: pair.origin });
	const page = await context.newPage();
	await new SignInPage(page).goto();
	await new SignInPage(page).signInAs(demo.ward);
	// The address is enough: the page's load event may wait on media, and readiness is awaited next.
	await page.waitForURL('**/ward', { waitUntil: 'commit' });
	const ward = new WardPage(page);
	await ward.waitForOfflineReady();
	await page.reload();
	return { page, ward };
}

const syncs = () => pair.proxy.served.filter((s) => s.path === '/api/sync');

/** A sync answer's results, as the server sent them (gzipped when the device accepts it). */
function resultsOf(answer: Answer | null): Array<{ status: string }> {
	const gzipped = answer?.headers['content-encoding'] === 'gzip';
	const body = answer && gzipped ? gunzipSync(answer.body) : answer?.body;
	return JSON.parse(String(body)).results;
}

test('20 records made offline, their batch copied to both servers at once, are stored exactly once', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const { page, ward } = await wardTablet(browser);
	await goOffline(page.context());
	for (let i = 0; i < 10; i++) await ward.admit(/General adult inpatients/);
	for (let i = 0; i < 10; i++) await ward.admit(/Older or frail people/);
	await ward.expectWaiting(20);
	expect(countDeliveries(pair.dataDir)).toBe(0);

	pair.proxy.mirrorSync = true;
	await page.context().setOffline(false);
	await ward.expectWaiting(0);
	await expect(ward.today.getByRole('cell', { name: 'Sent' })).toHaveCount(20);
	expect(countDeliveries(pair.dataDir)).toBe(20);
	// Every batch reached both servers and both answered it, between them accepting each record
	// once: the other server (or a later copy) answered it duplicate.
	const answers = syncs().flatMap((sync) => sync.each ?? []);
	expect(answers.map((answer) => answer?.status)).toEqual(syncs().flatMap(() => [200, 200]));
	const accepted = answers.flatMap(resultsOf).filter((result) => result.status === 'accepted');
	expect(accepted).toHaveLength(20);
	pair.proxy.mirrorSync = false;
	await page.context().close();
});

test('a server killed with kill -9 while it holds a sync: the device keeps its records, resends, and the other server stores each once', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const { page, ward } = await wardTablet(browser);
	const before = countDeliveries(pair.dataDir);
	await goOffline(page.context());
	for (let i = 0; i < 5; i++) await ward.admit(/People with a learning disability/);
	await ward.expectWaiting(5);

	// Every sync stops at the proxy once its headers have reached a server; the first one's
	// server is killed while it waits for the body.
	const held = pair.proxy.hold('/api/sync');
	await page.context().setOffline(false);
	const port = await held.arrived;
	const victim = pair.servers.find((s) => s.port === port);
	const survivor = pair.servers.find((s) => s.port !== port);
	await victim?.kill();
	await expect.poll(() => syncs().some((s) => s.backend === port && s.status === 502)).toBe(true);
	expect(countDeliveries(pair.dataDir)).toBe(before);
	await ward.expectWaiting(5);

	// The balancer skips the dead server: of two requests in a row one was its turn, and both
	// are answered; the device's next send reaches the other server.
	for (let i = 0; i < 2; i++) expect((await fetch(`${pair.origin}/api/health`)).status).toBe(200);
	held.release();
	// The nurse presses Send now. The device's own retry (its backoff timer, or the worker's
	// Background Sync) may have gone first on a slow machine: then the button is disabled while
	// that send runs, or because nothing waits, and the press changes nothing. Either way the
	// next send is the one that must reach the other server.
	await page.getByRole('button', { name: 'Send now' }).click({ force: true });
	await ward.expectWaiting(0);
	expect(countDeliveries(pair.dataDir)).toBe(before + 5);
	expect(
		syncs()
			.filter((s) => s.status === 200)
			.map((s) => s.backend)
	).toContain(survivor?.port);

	// The killed server comes back; the same records sent again are duplicates, wherever they land.
	await victim?.start();
	const changes = await ward.storedRecordsAsChanges();
	expect(changes).toHaveLength(5);
	for (let i = 0; i < 2; i++) {
		const response = await page.request.post('/api/sync', { data: { changes } });
		expect(response.status()).toBe(200);
		const { results } = await response.json();
		expect(results.map((r: { status: string }) => r.status)).toEqual(
			changes.map(() => 'duplicate')
		);
	}
	expect(countDeliveries(pair.dataDir)).toBe(before + 5);
	await page.context().close();
});

test('what a lead changes through one server, the other shows at once', async ({ page }) => {
	test.setTimeout(180_000);
	await signIn(page, demo.lead);
	/** The other server's address than the one that answered the last POST to `path`. */
	const otherThanLastPost = (path: string) => {
		const post = pair.proxy.served.findLast((s) => s.method === 'POST' && s.path.startsWith(path));
		const other = pair.servers.find((s) => s.port !== post?.backend);
		expect(post?.status).toBeLessThan(400);
		return other?.origin ?? '';
	};

	// A group's description, saved through one server, read through the other.
	const groups = new StudioGroupsPage(page);
	const name = `Two servers group ${Date.now().toString(36)}`;
	await groups.startNew();
	await groups.fill({ name, formats: ['Leaflet'], languages: ['English'] });
	await groups.submitNew();
	await expect(groups.notice).toContainText('Group added');
	const groupPath = new URL(page.url()).pathname;
	await groups.description.fill('Saved through one server.');
	await groups.saveChanges();
	await expect(groups.notice).toContainText('Changes saved');
	await page.goto(`${otherThanLastPost(groupPath)}${groupPath}`);
	await expect(page.getByRole('definition').getByText('Saved through one server.')).toBeVisible();

	// An aim set through one server is listed by the other.
	const measurement = new MeasurementPage(page);
	await page.goto(`${pair.origin}/studio/measurement`);
	await measurement.setAim({
		title: 'Half of Ward 7’s admissions talked through',
		measure: 'Talked through',
		target: '50',
		dueBy: '2099-06-30'
	});
	await expect(page).toHaveURL(/\/studio\/measurement$/);
	await page.goto(`${otherThanLastPost('/studio/measurement/aims/new')}/studio/measurement`);
	await expect(
		page.getByRole('table', { name: 'Aims' }).getByRole('row', { name: /Half of Ward 7/ })
	).toBeVisible();
});
