import { expect, test, type Browser } from '@playwright/test';
import arPatient from '../locales/ar/patient.json' with { type: 'json' };
import cyPatient from '../locales/cy/patient.json' with { type: 'json' };
import { expectNoAxeViolations, expectNoAxeViolationsAsServed } from './accessibility';
import { briefingPath, demo } from './demo-accounts';
import { PatientPage, randomToken } from './pages/patient-page';
import { signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { executeAll, rowsOf, viewEvents } from './support/database';
import { deliveryChange, wardContent } from './support/measurement-data';
import { sharedDataDir } from './support/paths';
import { goOffline } from './support/offline';
import { FIRST_RETRY_MS } from '../src/lib/client/patient-page/feedback';

const slug = 'your-safety-on-our-ward';
test.use({ viewport: { width: 360, height: 740 } });

/** A delivery the ward recorded, with the QR link's token, synced to the server: its id. */
async function syncedDelivery(browser: Browser, token: string): Promise<string> {
	const nurse = await browser.newContext();
	await signIn(await nurse.newPage(), demo.ward);
	const change = deliveryChange(wardContent(sharedDataDir, 'Ward 7'), new Date());
	const synced = await nurse.request.post('/api/sync', {
		data: { changes: [{ ...change, payload: { ...change.payload, patientToken: token } }] }
	});
	expect(synced.status()).toBe(200);
	await nurse.close();
	return change.id;
}

/** The page's address, as the address bar shows it: the path and query, no token. */
const shown = (query: string) => new RegExp(`${briefingPath(slug)}\\?${query}$`);

test('a patient opens the QR link in Arabic, switches to easy read, reads the privacy notice, gives feedback linked to the delivery, and rereads it offline', async ({
	page,
	context,
	browser
}) => {
	const token = randomToken();
	const delivery = await syncedDelivery(browser, token);
	const qrLink = `${briefingPath(slug)}?${new URLSearchParams({ lang: 'ar', format: 'video', t: token })}`;
	const patient = new PatientPage(page);
	const opened = await page.goto(qrLink);
	// The server had the token (the view is the delivery's); the address bar no longer shows it.
	expect(new URL(opened!.url()).searchParams.get('t')).toBe(token);
	await expect(page).toHaveURL(shown('lang=ar&format=video'));
	expect(viewEvents(sharedDataDir, token)).toEqual(['opened']);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('video track[default]')).toHaveAttribute('srclang', 'ar');
	await expectNoAxeViolations(page);

	await test.step('other formats and the privacy notice: no token in any address', async () => {
		await page.getByRole('link', { name: 'سهل القراءة' }).click();
		await expect(page.locator('.app-easy-read li')).toHaveCount(6);
		await expect(page).toHaveURL(shown('lang=ar&format=easyRead'));
		await expectNoAxeViolations(page);
		// Read to the end here, on a page whose address had no token: still the delivery's view.
		await page.locator('[data-briefing-end]').scrollIntoViewIfNeeded();
		await expect.poll(() => viewEvents(sharedDataDir, token)).toEqual(['finished', 'opened']);

		await page.locator('main').getByRole('link', { name: arPatient.privacy.title }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(arPatient.privacy.title);
		// It says what the phone keeps: this page, the tab's code, feedback not yet sent.
		await expect(
			page.getByRole('heading', { level: 2, name: arPatient.privacy.phone.heading })
		).toBeVisible();
		await expect(page.getByText(arPatient.privacy.phone.body)).toBeVisible();
		await expect(page).toHaveURL(/\/privacy\?lang=ar&from=/);
		expect(page.url()).not.toContain(token);
		await page.getByRole('link', { name: arPatient.back, exact: true }).click();
		await expect(page.locator('.app-easy-read li')).toHaveCount(6);
		await expect(page).toHaveURL(shown('format=easyRead&lang=ar'));

		// Nor in the tab's history: back to the first page, the QR link's, it is gone there too.
		for (const back of ['privacy', 'format=easyRead', 'format=video']) {
			await page.goBack();
			await expect(page).toHaveURL(new RegExp(back));
			expect(page.url()).not.toContain(token);
		}
		await page.goForward();
		await expect(page).toHaveURL(shown('lang=ar&format=easyRead'));
	});

	await test.step('feedback sent from the page reached without the token is the delivery’s', async () => {
		const comment = `Linked ${randomToken()}`;
		await patient.answer({ overall: 'veryGood', knowsHowToGetHelp: 'yes', freeText: comment });
		await patient.send();
		await expect(patient.feedback.getByRole('status')).toHaveText(arPatient.feedback.thanks);
		await expect(page).toHaveURL(shown('lang=ar&format=easyRead')); // no reload with JavaScript
		expect(
			rowsOf<{ id: string }>(
				sharedDataDir,
				`select d.id from feedback f
				 join patient_link l on l.token_hash = f.token_hash
				 join delivery_record d on d.id = l.delivery_id
				 where f.free_text = ?`,
				comment
			)
		).toEqual([{ id: delivery }]);
	});

	await test.step('the phone keeps pages for offline, never under the token’s address', async () => {
		// First visit only: the page and its pictures are kept once the worker is active.
		await patient.waitUntilKeptForOffline();
		// The QR code scanned again, now through the worker; then a format not seen yet, which the
		// worker keeps after it has dealt with the QR link's page.
		await page.goto(qrLink);
		await expect(page).toHaveURL(shown('lang=ar&format=video'));
		await page.getByRole('link', { name: 'نشرة', exact: true }).click();
		await expect(page).toHaveURL(shown('lang=ar&format=leaflet'));
		const kept = () =>
			page.evaluate(async () =>
				(await (await caches.open('pages')).keys()).map((request) => request.url)
			);
		await expect.poll(kept).toContain(page.url());
		expect((await kept()).filter((url) => url.includes(token))).toEqual([]);
		await page.getByRole('link', { name: 'سهل القراءة' }).click();

		await goOffline(context);
		await page.reload();
		await expect(page.locator('.app-easy-read li')).toHaveCount(6);
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
		await patient.expectPicturesShown(6);
		// The QR link offline opens the page kept without it, and the feedback is still linked.
		await page.goto(qrLink);
		await expect(page.locator('video track[default]')).toHaveAttribute('srclang', 'ar');
		await expect(page).toHaveURL(shown('lang=ar&format=video'));
		await expect(patient.feedback.locator('input[name="token"]')).toHaveValue(token);
		await context.setOffline(false);
	});
});

test('feedback given with no signal waits on the phone and is sent when back online', async ({
	page,
	context
}) => {
	const patient = new PatientPage(page);
	await patient.open(slug, { lang: 'en', format: 'leaflet' });
	await goOffline(context);
	await patient.answer({ overall: 'good', freeText: 'Clear and kind.' });
	await patient.send();
	await expect(patient.feedback.getByRole('status')).toContainText('saved on your phone');
	expect(await page.evaluate(() => localStorage.getItem('pendingFeedback'))).toContain(
		'Clear and kind.'
	);

	await context.setOffline(false);
	await expect(patient.feedback.getByRole('status')).toHaveText(
		'Thank you. Your answers have been sent.'
	);
	expect(await page.evaluate(() => localStorage.getItem('pendingFeedback'))).toBe('[]');
});

test('feedback whose reply was lost on a weak signal is sent again while the phone stays online, and stored once', async ({
	page,
	context
}) => {
	const comment = `Reply lost ${randomToken()}`;
	const stored = () =>
		rowsOf<{ submission_id: string | null }>(
			sharedDataDir,
			'SELECT submission_id FROM feedback WHERE free_text = ?',
			comment
		);
	// The page's own clock, so the retry's wait passes without waiting.
	await page.clock.install();
	const patient = new PatientPage(page);
	await patient.open(slug, { lang: 'en', format: 'leaflet' });
	// A weak signal: the answers reach the server, its reply never reaches the phone.
	await context.route('**/api/feedback', async (route) => {
		await route.fetch();
		await route.abort('failed');
	});
	await patient.answer({ overall: 'good', freeText: comment });
	await patient.send();
	await expect(patient.feedback.getByRole('status')).toContainText('saved on your phone');
	const [first] = stored();
	expect(first?.submission_id).toMatch(/^[0-9a-f-]{36}$/);
	expect(await page.evaluate(() => localStorage.getItem('pendingFeedback'))).toContain(
		first!.submission_id!
	);

	// The phone never counted as offline, so no 'online' event comes: the answers are tried again
	// after 15 s.
	await context.unroute('**/api/feedback');
	const resent = page.waitForResponse((r) => r.url().endsWith('/api/feedback'));
	await page.clock.runFor(FIRST_RETRY_MS);
	expect((await resent).status()).toBe(200);
	await expect(patient.feedback.getByRole('status')).toHaveText(
		'Thank you. Your answers have been sent.'
	);
	expect(await page.evaluate(() => localStorage.getItem('pendingFeedback'))).toBe('[]');
	expect(stored()).toEqual([first]);
});

test('with JavaScript off, a public link reads in full and feedback still works', async ({
	browser
}) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 320, height: 640 }
	});
	const page = await context.newPage();
	const patient = new PatientPage(page);
	await patient.open(slug, { lang: 'cy', format: 'leaflet' });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eich diogelwch ar ein ward');

	await patient.send();
	await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
	await patient.answer({ overall: 'neither' });
	await patient.send();
	await expect(patient.feedback.getByRole('status')).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
	await context.close();
});

test('the comment box says it is not for urgent concerns, counts down, and keeps no phone number', async ({
	page
}) => {
	const patient = new PatientPage(page);
	await patient.open(slug, { lang: 'en', format: 'leaflet' });
	await expect(
		patient.feedback.getByRole('heading', { name: 'This is not for urgent concerns' })
	).toBeVisible();
	const box = patient.feedback.getByRole('textbox', { name: /Anything else/ });
	await expect(box).toHaveAccessibleDescription(/tell a member of staff now.*Martha's Rule/);
	const comment = 'Kind nurses. Please ring my son on 07700 900123 about it';
	await box.fill(comment);
	await expect(patient.feedback.locator('#freeText-count')).toHaveText(
		`You have ${1000 - comment.length} characters remaining`
	);
	await expectNoAxeViolations(page);
	await patient.send();
	await expect(patient.feedback.getByRole('status')).toContainText(
		'we took out something that could identify a person'
	);
	expect(
		rowsOf<{ free_text: string }>(
			sharedDataDir,
			"select free_text from feedback where free_text like 'Kind nurses.%'"
		)
	).toEqual([{ free_text: 'Kind nurses. Please ring my son on [phone number removed] about it' }]);
});

test('reading to the end is recorded once as finished against the token, and nothing else', async ({
	page,
	browser
}) => {
	// A made-up token stores nothing (issue 11): only a delivery's token has view events.
	const madeUp = randomToken();
	await new PatientPage(page).open(slug, { lang: 'en', format: 'leaflet', t: madeUp });
	expect(viewEvents(sharedDataDir, madeUp)).toEqual([]);

	const token = randomToken();
	await syncedDelivery(browser, token);

	const patient = new PatientPage(page);
	await patient.open(slug, { lang: 'en', format: 'leaflet', t: token });
	expect(viewEvents(sharedDataDir, token)).toEqual(['opened']);
	await page.locator('[data-briefing-end]').scrollIntoViewIfNeeded();
	await expect.poll(() => viewEvents(sharedDataDir, token)).toEqual(['finished', 'opened']);
	await page.reload();
	await page.locator('[data-briefing-end]').scrollIntoViewIfNeeded();
	expect(viewEvents(sharedDataDir, token)).toEqual(['finished', 'opened']);
});

test('a patient keeps the video on their phone and it plays with no signal', async ({
	page,
	context
}) => {
	const patient = new PatientPage(page);
	await patient.open(slug, { lang: 'en', format: 'video' });
	await page.getByRole('button', { name: 'Keep this video on my phone' }).click();
	const kept = 'This video is kept on your phone: it will play with no signal.';
	await expect(page.getByRole('status').first()).toHaveText(kept);
	await patient.waitUntilKeptForOffline();

	await goOffline(context);
	await page.reload();
	await expect(page.getByRole('status').first()).toHaveText(kept);
	await expect(page.locator('track[default]')).toHaveAttribute('srclang', 'en');
	const duration = await page.locator('video').evaluate(
		(video: HTMLVideoElement) =>
			new Promise<number>((resolve, reject) => {
				video.addEventListener('loadedmetadata', () => resolve(video.duration));
				video.addEventListener('error', () => reject(new Error('the video did not load')));
				video.preload = 'metadata';
				video.load();
			})
	);
	expect(duration).toBeGreaterThan(30);
	await context.setOffline(false);
});

test('keeping a video on a weak signal shows it going, and Stop keeps nothing', async ({
	page,
	context
}) => {
	// The video's answer is held (the worker's request too), so the download is still going
	// whenever the journey looks, however slow the machine.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await context.route('**/*.mp4', async (route) => {
		await held;
		await route.continue().catch(() => undefined);
	});
	const patient = new PatientPage(page);
	await patient.open(slug, { lang: 'en', format: 'video' });
	const keep = page.getByRole('button', { name: 'Keep this video on my phone' });
	await keep.click();
	await expect(page.getByRole('progressbar', { name: 'Saving to your phone' })).toBeVisible();
	await expect(keep).toBeHidden();
	await page.getByRole('button', { name: 'Stop saving' }).click();
	await expect(page.getByRole('status').first()).toHaveText(
		'Stopped: it is not kept on your phone.'
	);
	await expect(page.getByRole('progressbar')).toBeHidden();
	await expect(keep).toBeVisible();
	release();
	await context.unrouteAll({ behavior: 'ignoreErrors' });
	expect(await page.evaluate(async () => (await (await caches.open('videos')).keys()).length)).toBe(
		0
	);
});

test('the page fits a 320 px screen and 400% zoom with no sideways scrolling', async ({ page }) => {
	const patient = new PatientPage(page);
	for (const width of [320, 1280 / 4]) {
		await page.setViewportSize({ width, height: 640 });
		for (const format of ['leaflet', 'easyRead', 'video', 'faceToFace']) {
			await patient.open(slug, { lang: 'ar', format });
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, `${format} at ${width}px`).toBeLessThanOrEqual(0);
		}
	}
});

test('text can be made larger, and read-aloud says plainly when the phone has no voice', async ({
	page
}) => {
	const patient = new PatientPage(page);
	await patient.open(slug, { lang: 'cy', format: 'leaflet' });
	const size = () => patient.article.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	const before = await size();
	await page
		.getByRole('button', { name: 'Testun mwy' })
		.or(page.locator('.app-text-size button').last())
		.click();
	expect(await size()).toBeGreaterThan(before);
	// Headless Chromium has no speech voices: the page says so instead of offering a button.
	const voices = await page.evaluate(() => speechSynthesis.getVoices().length);
	// The sentence and the button share one place on the page (so nothing moves when the phone
	// answers); only the one that applies can be seen or reached.
	const noVoice = page.getByText(cyPatient.tools.noVoice.replace('{{language}}', 'Cymraeg'));
	const listen = page.getByRole('button', { name: cyPatient.tools.readAloud });
	if (voices === 0) {
		await expect(noVoice).toBeVisible();
		await expect(listen).toBeHidden();
	} else {
		await expect(listen).toBeVisible();
		await expect(noVoice).toBeHidden();
	}
	const [sentenceBox, buttonBox] = await Promise.all([
		noVoice.boundingBox(),
		page.locator('[data-read-aloud] button').boundingBox()
	]);
	expect(sentenceBox?.y).toBe(buttonBox?.y);
});

test('a typed code from the ward opens the same briefing; a bad short link gets a friendly page', async ({
	browser
}) => {
	const wardContext = await browser.newContext();
	const nurse = await wardContext.newPage();
	await signIn(nurse, demo.ward);
	const ward = new WardPage(nurse);
	await ward.chooseGroup(/Patients and families with limited English/);
	await ward.chooseLanguage('العربية');
	await ward.startRecommended();
	await nurse.getByRole('button', { name: "Show a QR code for the patient's phone" }).click();
	const shown = nurse.getByText(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
	await expect(shown).toBeVisible();
	const code = (await shown.textContent())?.trim() ?? '';
	await ward.recordWhatHappened();
	await ward.save();
	await ward.expectWaiting(0);
	await wardContext.close();

	const phone = await browser.newContext({
		locale: 'cy-GB',
		viewport: { width: 360, height: 740 }
	});
	const page = await phone.newPage();
	await page.goto('/c');
	// In the reader's language (Welsh here), lower case as a phone keyboard types it.
	await page.getByRole('textbox', { name: 'Eich cod' }).fill(code.toLowerCase());
	await page.getByRole('button', { name: 'Agor' }).click();
	// With the code's token, kept by the tab rather than the address.
	await expect(page).toHaveURL(
		/\/o\/northfield-hospitals-nhs-trust-demo\/b\/your-safety-on-our-ward\?lang=ar&format=\w+$/
	);
	await expect(page.locator('input[name="token"]')).toHaveValue(/^[\w-]{22}$/);
	await expect(page.locator('article')).toHaveAttribute('lang', 'ar');

	for (const bad of ['/p/not-a-real-token-at-all-xx', '/p/%3Cscript%3E', `/p/${randomToken()}`]) {
		const response = await page.goto(bad);
		expect(response?.status()).toBe(200);
		await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
		await expect(page.getByRole('link', { name: 'Your safety on our ward' })).toHaveAttribute(
			'href',
			`${briefingPath('your-safety-on-our-ward')}?lang=cy`
		);
	}
	await expectNoAxeViolations(page);
	await phone.close();
});

test('a flood of feedback for one token is refused without affecting others', async ({
	request
}) => {
	const page = await request.get(`${briefingPath(slug)}?lang=en`);
	const briefingId = (await page.text()).match(/name="briefingId" value="([^"]+)"/)?.[1];
	expect(briefingId).toMatch(/^[0-9a-f-]{36}$/);
	const token = randomToken();
	const send = (t: string) =>
		request.post('/api/feedback', {
			data: { briefingId, language: 'en', token: t, overall: 'good' }
		});
	for (let i = 0; i < 10; i++) expect((await send(token)).status()).toBe(200);
	const refused = await send(token);
	expect(refused.status()).toBe(429);
	expect(await refused.json()).toMatchObject({ message: 'tooMany' });
	expect((await send(randomToken())).status()).toBe(200);

	const bad = await request.post('/api/feedback', {
		data: { briefingId, language: 'en', overall: 'brilliant', patientName: 'Jo' }
	});
	expect(bad.status()).toBe(400);
	const fields = (await bad.json()).issues.map((i: { field: string }) => i.field);
	expect(fields).toEqual(expect.arrayContaining(['overall', 'body']));
});

test('a comment with script in it is shown to the lead as plain text', async ({
	page,
	request
}) => {
	const html = await (await request.get(`${briefingPath(slug)}?lang=en`)).text();
	const briefingId = html.match(/name="briefingId" value="([^"]+)"/)?.[1];
	const comment = `<img src=x onerror="document.title='pwned'"> ${randomToken()}`;
	const sent = await request.post('/api/feedback', {
		data: { briefingId, language: 'en', freeText: comment }
	});
	expect(sent.status()).toBe(200);

	await signIn(page, demo.lead);
	await page.goto('/studio/feedback');
	await expect(page.locator('.app-free-text').filter({ hasText: comment })).toHaveCount(1);
	await expect(page.locator('.app-free-text img')).toHaveCount(0);
	await expect(page).not.toHaveTitle('pwned');
	await expectNoAxeViolations(page);
});

test('the lead reads every response, page by page, and only those with a comment when asked', async ({
	page,
	request
}) => {
	const html = await (await request.get(`${briefingPath(slug)}?lang=en`)).text();
	const briefingId = html.match(/name="briefingId" value="([^"]+)"/)?.[1];
	const newest = `The newest comment ${randomToken()}`;
	for (const data of [
		{ briefingId, language: 'en', overall: 'good' },
		{ briefingId, language: 'en', freeText: newest }
	])
		expect((await request.post('/api/feedback', { data })).status()).toBe(200);
	// Sixty earlier responses with a comment, from the phones of the day before: rows with no page
	// to make them here, as one address may send only 30 an hour.
	const [kept] = rowsOf<{ organisation_id: string; version_id: string | null }>(
		sharedDataDir,
		'select organisation_id, version_id from feedback where free_text = ?',
		newest
	);
	const dayBefore = Date.now() - 86_400_000;
	executeAll(
		sharedDataDir,
		Array.from({ length: 60 }, (_, i) => {
			const at = new Date(dayBefore - i * 60_000).toISOString();
			return [
				`insert into feedback (id, organisation_id, briefing_id, version_id, language, overall,
					free_text, received_at, received_day) values (?, ?, ?, ?, 'en', 'good', ?, ?, ?)`,
				crypto.randomUUID(),
				kept!.organisation_id,
				briefingId,
				kept!.version_id,
				`An earlier comment, number ${i + 1}`,
				at,
				at.slice(0, 10)
			];
		})
	);

	await signIn(page, demo.lead);
	await page.goto('/studio/feedback');
	const showing = page.getByText(/^Showing responses 1 to 50 of \d+, newest first$/);
	await expect(showing).toBeVisible();
	const total = Number((await showing.innerText()).match(/of (\d+)/)?.[1]);
	expect(total).toBeGreaterThanOrEqual(62);
	await expect(page.locator('.nhsuk-card')).toHaveCount(50);
	await expect(page.locator('.app-free-text').first()).toHaveText(newest);
	await page.getByRole('link', { name: 'Page 2' }).click();
	await expect(page).toHaveURL(/\/studio\/feedback\?page=2$/);
	await expect(
		page.getByText(`Showing responses 51 to ${Math.min(100, total)} of ${total}, newest first`)
	).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('Only responses with a comment').check();
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/\/studio\/feedback\?comments=1$/);
	await expect(page.getByLabel('Only responses with a comment')).toBeChecked();
	await expect(page.getByText(/^Showing responses with a comment 1 to 50 of \d+/)).toBeVisible();
	// Every response shown has its comment: none without one.
	await expect(page.locator('.app-free-text')).toHaveCount(50);
	await expect(page.locator('.app-free-text').first()).toHaveText(newest);
	// The next page keeps to responses with a comment.
	await page.getByRole('link', { name: 'Next page' }).click();
	await expect(page).toHaveURL(/\/studio\/feedback\?comments=1&page=2$/);
	await expect(page.getByText(/^Showing responses with a comment 51 to \d+ of \d+/)).toBeVisible();
	await expect(page.locator('.nhsuk-card')).toHaveCount(
		await page.locator('.app-free-text').count()
	);
	await expect(page.getByText('An earlier comment, number 60', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('every patient page passes axe in English, Welsh and Arabic, error states included', async ({
	browser,
	page
}) => {
	test.setTimeout(240_000); // fifteen full axe scans, on a machine that may be loaded
	const noJs = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 360, height: 740 }
	});
	const plain = await noJs.newPage();
	for (const lang of ['en', 'cy', 'ar']) {
		for (const path of [
			`/p/${randomToken()}?lang=${lang}`,
			`/privacy?lang=${lang}`,
			`/accessibility?lang=${lang}`
		]) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expectNoAxeViolations(page);
		}
		// The feedback form's error summary and its thank-you, as served without JavaScript.
		const patient = new PatientPage(plain);
		await patient.open(slug, { lang, format: 'easyRead' });
		await patient.send();
		await expect(plain.locator('.nhsuk-error-summary')).toBeVisible();
		await expectNoAxeViolationsAsServed(plain, page);
		await patient.answer({ overall: 'good' });
		await patient.send();
		await expect(patient.feedback.getByRole('status')).toBeVisible();
		await expectNoAxeViolationsAsServed(plain, page);
	}
	await noJs.close();
});
