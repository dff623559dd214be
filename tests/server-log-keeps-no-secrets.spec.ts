import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { demo } from './demo-accounts';
import { PatientPage } from './pages/patient-page';
import { SignInPage, signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { OwnServer } from './support/own-server';
import { setPasswordDirectly } from './support/passwords';

/*
 * The server's log after a whole day's journey, read as the trust's log collector would get it:
 * a sign-in that fails, a nurse's record synced, the patient opening the QR link and writing a
 * comment, the lead downloading the records, a nurse refused the studio. None of the patient's
 * token, the comment, a password or a session cookie may appear anywhere in it, and each
 * security event is there once, with its type (docs/operations.md, "Logs"). /api/metrics, with
 * its token, has counted the synced record.
 */
test.describe.configure({ mode: 'serial' });

const METRICS_TOKEN = 'journey-metrics-token-8c1e55a0';
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 25, {
	LOG_LEVEL: 'info',
	METRICS_TOKEN
});
// Passwords of this journey's own: the demo's are printed on first start, by design.
const nurseAccount = { email: demo.ward.email, password: 'ward-Log-Check-5e0b7d21' };
const leadAccount = { email: demo.lead.email, password: 'lead-Log-Check-93a1f6c4' };
const wrongPassword = 'wrong-Log-Check-0f4d2b77';
const comment = 'Log-check comment 7d3e: the night nurse on bay 4 was wonderful';

test.beforeAll(async () => {
	await server.start();
	await setPasswordDirectly(server.dataDir, nurseAccount.email, nurseAccount.password);
	await setPasswordDirectly(server.dataDir, leadAccount.email, leadAccount.password);
});
test.afterAll(async () => {
	await server.kill();
});

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ baseURL: server.origin });
	return { context, page: await context.newPage() };
}

const sessionCookie = async (context: BrowserContext) =>
	(await context.cookies()).find((c) => c.name === 'session')?.value ?? '';

test('the log of a whole journey holds no token, comment, password or cookie, and each security event once', async ({
	browser
}, testInfo) => {
	test.setTimeout(240_000);
	const secrets: string[] = [wrongPassword, nurseAccount.password, leadAccount.password, comment];

	const ward = await newPage(browser);
	const nurse = ward.page;
	await test.step('a wrong password, then the right one', async () => {
		const signInPage = new SignInPage(nurse);
		await signInPage.goto();
		await signInPage.signInAs({ email: nurseAccount.email, password: wrongPassword });
		await expect(signInPage.errorSummary).toBeVisible();
		await signInPage.signInAs(nurseAccount);
		await expect(nurse).toHaveURL(/\/ward$/);
		secrets.push(await sessionCookie(ward.context));
	});

	let shortLink = '';
	await test.step('the nurse records a briefing with a QR code, and it syncs', async () => {
		const wardPage = new WardPage(nurse);
		await wardPage.chooseGroup(/General adult inpatients/);
		await wardPage.chooseLanguage('English');
		await wardPage.startRecommended();
		await nurse.getByRole('button', { name: "Show a QR code for the patient's phone" }).click();
		shortLink =
			(await nurse
				.getByRole('link', { name: "Open the patient's page in a new tab" })
				.getAttribute('href')) ?? '';
		const token = new URL(shortLink).searchParams.get('t') ?? '';
		expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
		secrets.push(token);
		// The typed code (8 characters) is too short to search a log for without false alarms;
		// its route id (/(patient)/c) is what is logged, never the form.
		await expect(nurse.getByText(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)).toBeVisible();
		await wardPage.recordWhatHappened();
		await wardPage.save();
		await wardPage.expectWaiting(0);
	});

	await test.step('the nurse is refused the studio', async () => {
		const response = await nurse.goto('/studio/measurement');
		expect(response?.status()).toBe(403);
	});

	await test.step('the patient opens the link and leaves a comment', async () => {
		const phone = await newPage(browser);
		// The server is asked with the token (the page then keeps it for the tab, not the address).
		const opened = await phone.page.goto(shortLink);
		expect(opened?.request().url()).toBe(shortLink);
		const patient = new PatientPage(phone.page);
		await patient.answer({ overall: 'veryGood', freeText: comment });
		await patient.send();
		await expect(patient.feedback.getByRole('status')).toHaveText(
			'Thank you. Your answers have been sent.'
		);
		await phone.context.close();
	});

	await test.step('the lead downloads every record as CSV', async () => {
		const desk = await newPage(browser);
		await signIn(desk.page, leadAccount);
		secrets.push(await sessionCookie(desk.context));
		await desk.page.goto('/studio/measurement');
		const download = desk.page.waitForEvent('download');
		await desk.page.getByRole('link', { name: 'Download every delivery record as CSV' }).click();
		let csv = '';
		for await (const chunk of await (await download).createReadStream()) csv += chunk;
		expect(csv.trim().split('\r\n')).toHaveLength(2);
		await desk.context.close();
	});

	await test.step("someone guessing the reviewer's password is locked out", async () => {
		const guesser = await browser.newContext({ baseURL: server.origin });
		const api = guesser.request;
		const guess = (n: number) =>
			api.post('/sign-in', {
				form: { email: demo.reviewer.email, password: `${wrongPassword}-${n}` },
				headers: { origin: server.origin, accept: 'text/html' },
				maxRedirects: 0
			});
		for (let n = 1; n <= 5; n++) expect((await guess(n)).status()).toBe(400);
		expect((await guess(6)).status()).toBe(429);
		await guesser.close();
	});

	await test.step('the metrics need their token, and have counted the record', async () => {
		const api = ward.context.request;
		expect((await api.get('/api/metrics')).status()).toBe(401);
		expect(
			(
				await api.get('/api/metrics', { headers: { authorization: 'Bearer not-the-token' } })
			).status()
		).toBe(401);
		const metrics = await api.get('/api/metrics', {
			headers: { authorization: `Bearer ${METRICS_TOKEN}` }
		});
		expect(metrics.status()).toBe(200);
		const text = await metrics.text();
		expect(text).toContain('toolkit_sync_records_total{outcome="accepted"} 1');
		expect(text).toMatch(/^toolkit_database_size_bytes [1-9]\d*$/m);
		const health = await api.get('/api/health', { headers: { 'x-request-id': 'journey-id-42' } });
		expect(health.headers()['x-request-id']).toBe('journey-id-42');
	});
	await ward.context.close();

	// Everything the server wrote, as a file, as a collector would read it.
	const logFile = testInfo.outputPath('server.log');
	writeFileSync(logFile, server.log);
	await testInfo.attach('server.log', { path: logFile });
	const log = server.log;

	expect(secrets.every((s) => s.length >= 16)).toBe(true);
	for (const secret of secrets) expect(log, 'a secret in the log').not.toContain(secret);

	const lines = server.logLines;
	const fingerprint = (email: string) =>
		createHash('sha256').update(email).digest('hex').slice(0, 16);
	const events = (type: string, email?: string) =>
		lines.filter((l) => l.event === type && (!email || l.email === fingerprint(email)));
	expect(events('signIn.failed', nurseAccount.email)).toEqual([
		expect.objectContaining({ level: 'warn', via: 'password', reason: 'wrong' })
	]);
	expect(events('signIn.failed', demo.reviewer.email)).toHaveLength(5);
	expect(events('signIn.lockedOut')).toEqual([
		expect.objectContaining({ level: 'warn', email: fingerprint(demo.reviewer.email) })
	]);
	expect(events('signIn.succeeded').map((e) => e.role)).toEqual(['wardStaff', 'engagementLead']);
	expect(events('access.refused')).toEqual([
		expect.objectContaining({ role: 'wardStaff', route: '/(studio)/studio/measurement' })
	]);
	expect(events('export.downloaded')).toEqual([
		expect.objectContaining({ kind: 'records.csv', role: 'engagementLead' })
	]);

	// Every request once, by route id: the patient's link as its route, never its path.
	const requests = lines.filter((l) => typeof l.status === 'number' && l.method);
	// (The QR code's full link: the briefing's route; the page and its worker may each fetch it.)
	expect(
		requests.filter((r) => r.route === '/(patient)/o/[organisation]/b/[slug]' && r.method === 'GET')
			.length
	).toBeGreaterThan(0);
	const synced = requests.filter((r) => r.route === '/api/sync' && r.status === 200);
	expect(synced.length).toBeGreaterThan(0);
	expect(synced[0]).toEqual(
		expect.objectContaining({
			method: 'POST',
			accountId: expect.any(String),
			organisationId: expect.any(String)
		})
	);
	expect(requests.filter((r) => r.requestId === 'journey-id-42')).toEqual([
		expect.objectContaining({ route: '/api/health', status: 200 })
	]);
});
