import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { countDeliveries } from './support/database';
import { sharedDataDir } from './support/paths';
import { holdPageScript } from './support/held-script';
import { goOffline } from './support/offline';

test('a nurse admits a patient in three taps, records it in two, and it reaches the server', async ({
	page
}) => {
	test.setTimeout(240_000); // six accessibility checks, on a loaded machine
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Safety briefings on Ward 7');
	await expectNoAxeViolations(page);
	const before = countDeliveries(sharedDataDir);

	// One briefing, and the group's first choice exists in English: it opens at once, saying
	// what it is giving and why.
	await ward.chooseGroup(/People with a learning disability/);
	await ward.chooseLanguage('English');
	await expect(page.getByText('Giving: Easy read in English')).toBeVisible();
	await expect(
		page.getByText('Easy read is the first choice for People with a learning disability.')
	).toBeVisible();
	await expect(page.getByRole('img', { name: 'A bell' })).toBeVisible();
	await expectNoAxeViolations(page);
	await ward.recordWhatHappened();
	// Nothing chosen for the nurse: not the outcome, not the carer for a carer group.
	await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
	await expect(page.getByRole('textbox')).toHaveCount(0); // nothing about the patient can be typed
	await expectNoAxeViolations(page);
	await ward.save();
	await ward.expectWaiting(0);
	await expect(ward.today).toContainText('Today on this device: 1 briefing');
	await expect(
		ward.today.getByRole('row', { name: /People with a learning disability/ }).last()
	).toContainText('Sent');
	expect(countDeliveries(sharedDataDir)).toBe(before + 1);
	await expectNoAxeViolations(page);
});

test('the demo ward’s common case, a group with two languages: three taps from home to saved', async ({
	page
}) => {
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await expect(ward.syncStatus).not.toContainText('Checking records on this device');
	await ward.chooseGroup(/General adult inpatients/);
	await ward.chooseLanguage('English');
	// The group's first choice exists in English: no question between the language and the video.
	await expect(page.getByRole('heading', { name: /^Deliver: / })).toBeFocused();
	await expect(page.getByText('Giving: Video in English')).toBeVisible();
	await expect(
		page.getByText('Video is the first choice for General adult inpatients.')
	).toBeVisible();
	await expect(
		page.getByRole('list', { name: 'Show instead:' }).getByRole('button')
	).not.toHaveCount(0);
	await expectNoAxeViolations(page);
	// Left for the record step and back again at once, before the deliver step (hidden as it
	// leaves, removed after the next frame) has gone: it shows again, and the record step goes.
	await page.evaluate(async () => {
		const press = (name: string) =>
			[...document.querySelectorAll('button')]
				.find((b) => b.textContent?.trim() === name && b.getClientRects().length > 0)
				?.click();
		press('Record what happened');
		await new Promise((resolve) => setTimeout(resolve));
		press('Back');
	});
	await expect(page.getByRole('heading', { name: /^Deliver: / })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'What happened?' })).toHaveCount(0);
	await ward.saveDelivered();
	// Focus lands on the confirmation; the video's step, hidden at once, goes once it is drawn.
	await expect(page.getByRole('heading', { name: 'Saved', exact: true })).toBeFocused();
	await expect(page.locator('.app-deliver')).toHaveCount(0);
	const [saved] = await ward.storedRecordsAsChanges();
	expect(saved?.payload).toMatchObject({ format: 'video', language: 'en', outcome: 'delivered' });
});

test('a missing format or language is said plainly, with the alternative', async ({ page }) => {
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await ward.chooseGroup(/People with a learning disability/);
	await page.getByLabel('Another language').selectOption('pl');
	await page.getByRole('button', { name: 'Use this language' }).click();
	const yourSafety = page.getByRole('region', { name: 'Your safety on our ward' });
	await expect(yourSafety).toContainText('Recommended: Face-to-face talk in English');
	await expect(yourSafety).toContainText(
		'No Easy read in Polski yet: offer the interpreter with the face-to-face script.'
	);
	await ward.startRecommended();
	await ward.recordWhatHappened();
	// Nothing assumed about the interpreter; the language the nurse chose is the one needed.
	await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
	await expect(page.getByLabel('Language the patient needed (optional)')).toHaveValue('pl');
});

test('the whole admission works with the keyboard alone', async ({ page }) => {
	await signIn(page, demo.ward);
	await new WardPage(page).waitForScript(demo.ward.email);
	await page.getByRole('button', { name: /General adult inpatients/ }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Which language?' })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'English', exact: true })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(
		page.getByRole('heading', { name: /Deliver: Your safety on our ward/ })
	).toBeFocused();
	await expect(page.getByText('Giving: Video in English')).toBeVisible();
	// Another format, by keyboard: the first of "Show instead".
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Leaflet', exact: true })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Giving: Leaflet in English')).toBeVisible();
	await page.getByRole('button', { name: 'Record what happened' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'What happened?' })).toBeFocused();
	// Choose the outcome with the arrow keys, then save with Enter on the button.
	await page.getByLabel('Delivered', { exact: true }).focus();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByLabel('Partly delivered')).toBeChecked();
	await page.getByRole('button', { name: 'Save', exact: true }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Saved' })).toBeFocused();
	// Partly given: the button beside "Saved" says what it does (a new briefing, not a retry
	// of the send, which the status line's "Try again" means).
	await expect(
		page.getByRole('button', { name: 'Give the briefing again now', exact: true })
	).toBeVisible();
});

test('the face-to-face script ticks off each point and lists the teach-back questions', async ({
	page
}) => {
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await ward.chooseGroup(/Older or frail people/);
	await ward.chooseLanguage('English');
	await ward.startRecommended();
	await expect(page.getByText('Talking points (0 of 7 done)')).toBeVisible();
	await page.getByLabel(/Show the call bell/).check();
	await expect(page.getByText('Talking points (1 of 7 done)')).toBeVisible();
	await expect(
		page.getByText('What will you do if you need to get up in the night?')
	).toBeVisible();
	await expectNoAxeViolations(page);
});

test('the QR code opens the briefing on the patient’s phone in their language', async ({
	page,
	browser
}) => {
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await ward.chooseGroup(/Patients and families with limited English/);
	await ward.chooseLanguage('العربية');
	await ward.startRecommended();
	await page.getByRole('button', { name: "Show a QR code for the patient's phone" }).click();
	await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
	const link = await page
		.getByRole('link', { name: "Open the patient's page in a new tab" })
		.getAttribute('href');
	expect(link).toMatch(
		/\/o\/northfield-hospitals-nhs-trust-demo\/b\/your-safety-on-our-ward\?lang=ar&format=\w+&t=[A-Za-z0-9_-]{22}$/
	);
	await expectNoAxeViolations(page);

	const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
	await phone.goto(link!);
	await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(phone.locator('article')).toHaveAttribute('lang', 'ar');
	await phone.close();
});

test('undo within a minute takes the record back', async ({ page }) => {
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	const before = countDeliveries(sharedDataDir);
	// Other journeys on this server may have undone records of their own.
	const beforeWithUndone = countDeliveries(sharedDataDir, { includeVoided: true });
	await ward.chooseGroup(/Going home/);
	await ward.chooseLanguage('English');
	await ward.startRecommended();
	await ward.recordWhatHappened();
	await ward.save();
	await ward.expectWaiting(0);
	expect(countDeliveries(sharedDataDir)).toBe(before + 1);

	await page.getByRole('button', { name: /^Undo/ }).click();
	await expect(page.getByRole('heading', { name: 'Which group is the patient in?' })).toBeVisible();
	await ward.expectWaiting(0);
	expect(countDeliveries(sharedDataDir)).toBe(before);
	expect(countDeliveries(sharedDataDir, { includeVoided: true })).toBe(beforeWithUndone + 1);
});

test('offline, a record undone within the minute is forgotten: it never waits to be sent', async ({
	page,
	context
}) => {
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await ward.waitForOfflineReady();
	await page.reload();
	// Every sync request that reached the server, the page's and the service worker's.
	const sent: Array<{ kind: string }> = [];
	context.on('requestfinished', (request) => {
		if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/sync')
			sent.push(...(request.postDataJSON() as { changes: Array<{ kind: string }> }).changes);
	});
	await goOffline(context);
	await ward.admit(/Going home/);
	await ward.expectWaiting(1);
	for (let i = 0; i < 2; i++) {
		await ward.admitToSaved(/Going home/);
		await ward.expectWaiting(2);
		await page.getByRole('button', { name: /^Undo/ }).click();
		await expect(
			page.getByRole('heading', { name: 'Which group is the patient in?' })
		).toBeVisible();
		// The status counts what will be sent: the one record kept, not the undone ones.
		await ward.expectWaiting(1);
	}
	await context.setOffline(false);
	await ward.expectWaiting(0);
	expect(sent).toEqual([expect.objectContaining({ kind: 'deliveryRecord' })]);
});

test('a tab left behind when a newer version upgrades the tablet’s store asks to be reloaded, and then records', async ({
	page,
	context
}) => {
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await ward.waitForScript(demo.ward.email);
	const before = countDeliveries(sharedDataDir);
	await ward.chooseGroup(/Going home/);
	await ward.chooseLanguage('English');

	// A newer version of the app, in another tab, upgrades the device's database by a version:
	// it opens only once this tab has let go of its connection.
	const newer = await context.newPage();
	await newer.goto('/api/health');
	await newer.evaluate(async () => {
		const kept = (await indexedDB.databases()).find((db) => db.name === 'safety-briefings');
		await new Promise((resolve, reject) => {
			const open = indexedDB.open('safety-briefings', kept!.version! + 1);
			open.onsuccess = () => resolve(open.result.close());
			open.onerror = () => reject(open.error);
		});
	});
	await newer.close();

	const outdated = page.getByRole('alert').filter({ hasText: 'updated in another tab' });
	await expect(outdated).toContainText('records already saved on this device are safe');
	await expect(page.getByRole('button', { name: /^Start: / })).toHaveCount(0);
	await expect(ward.syncStatus).toHaveCount(0); // its sync has stopped: no "trying again"
	await expectNoAxeViolations(page);

	await outdated.getByRole('button', { name: 'Reload this page' }).click();
	await ward.admit(/Going home/);
	await ward.expectWaiting(0);
	expect(countDeliveries(sharedDataDir)).toBe(before + 1);
});

test('a device whose storage is full says the record was not saved, keeps the answers, and saves once there is room', async ({
	browser,
	baseURL
}) => {
	// Without the service worker, whose precache would meet the same full store first.
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	// Chromium's own quota for this site, set to nothing before the ward page opens its store
	// (an open store keeps the quota it opened with): IndexedDB then refuses every write.
	const cdp = await context.newCDPSession(page);
	const origin = new URL(baseURL!).origin;
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
	try {
		await signIn(page, demo.ward);
		const ward = new WardPage(page);
		const before = countDeliveries(sharedDataDir);
		await ward.chooseGroup(/Going home/);
		await ward.chooseLanguage('English');
		await ward.startRecommended();
		await ward.recordWhatHappened();
		await ward.chooseOutcome('Partly delivered');
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(ward.notSaved).toBeFocused();
		await expect(ward.notSaved).toContainText('This device’s storage is full');
		await expect(page.getByLabel('Partly delivered', { exact: true })).toBeChecked();
		await expectNoAxeViolations(page);

		// Room made: the same answers, saved with one more press, and sent.
		await cdp.send('Storage.overrideQuotaForOrigin', { origin });
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await ward.expectSaved();
		await ward.expectWaiting(0);
		expect(countDeliveries(sharedDataDir)).toBe(before + 1);
	} finally {
		// The override is the browser's: no later journey in this worker may meet it.
		await cdp.send('Storage.overrideQuotaForOrigin', { origin });
		await context.close();
	}
});

test('the ward page works in Arabic, mirrored', async ({ page }) => {
	await signIn(page, demo.ward);
	await page.getByRole('link', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);
	// The organisation's English group names and descriptions keep their own direction.
	const general = page.getByRole('button', { name: /General adult inpatients/ });
	await expect(general.locator('[dir="auto"]')).toHaveCount(2);
	// A group with two briefings, so the recommendation step is shown too.
	await page.getByRole('button', { name: /Older or frail people/ }).click();
	await expectNoAxeViolations(page);
	await page.locator('.app-choice').first().click();
	await expectNoAxeViolations(page);
	// Recommendation, delivery and the record form, all in Arabic.
	await page.locator('.nhsuk-card .nhsuk-button').first().click();
	await expect(page.locator('article.app-deliver')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.locator('.app-button-row .nhsuk-button').last().click();
	await expect(page.getByRole('heading', { name: 'ماذا حدث؟' })).toBeVisible();
	await expect(page.getByLabel('قُدِّمت', { exact: true })).not.toBeChecked();
	await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
	await expectNoAxeViolations(page);
});

test('a device whose clock is hours behind is told so, before any record is dated by it', async ({
	page
}) => {
	await signIn(page, demo.ward);
	const behind = await page.context().newPage();
	// Its own clock three hours behind the server's, as after a flat battery.
	await behind.clock.setFixedTime(new Date(Date.now() - 3 * 3_600_000));
	await behind.goto('/ward');
	const warning = behind.getByRole('status').filter({ hasText: 'This device’s clock is wrong' });
	await expect(warning).toContainText(
		'records made now are still sent, but with the wrong date, so they are counted on the wrong day.'
	);
	await expect(warning).toContainText(
		'Ask your IT service desk to set the device’s date and time.'
	);
	await expectNoAxeViolations(behind);
	await behind.close();
});

test('on a tablet and a phone, the ward’s links keep clear of the sync status below them', async ({
	page
}) => {
	await signIn(page, demo.ward);
	const status = page.locator('.app-sync-status');
	const links = page.locator('.app-ward-heading').getByRole('link');
	const switchUser = page.getByRole('button', { name: 'Switch user' });
	for (const viewport of [
		{ width: 820, height: 1180 },
		{ width: 360, height: 740 }
	]) {
		await page.setViewportSize(viewport);
		await expect(links).toHaveCount(2);
		const below = (await status.boundingBox())!.y;
		for (const item of [...(await links.all()), switchUser]) {
			const box = (await item.boundingBox())!;
			expect(below - (box.y + box.height), `${viewport.width} px wide`).toBeGreaterThanOrEqual(12);
		}
	}
});

test('three quick questions suggest a group when the nurse is not sure', async ({ page }) => {
	await signIn(page, demo.ward);
	await page.getByText('Not sure? Answer up to three questions').click();
	await page.getByLabel('Communication need').selectOption({ label: 'Easy read' });
	await expect(page.getByRole('status').filter({ hasText: 'Suggested group' })).toHaveText(
		'Suggested group: People with a learning disability'
	);
	await page.getByLabel('Communication need').selectOption({ label: 'None' });
	await page.getByLabel('Age', { exact: true }).selectOption({ label: 'Child or young person' });
	await expect(page.getByRole('status').filter({ hasText: 'Suggested group' })).toHaveText(
		'Suggested group: Children and young people, and their parents'
	);
	await expectNoAxeViolations(page);
	await page
		.getByRole('button', { name: 'Choose Children and young people, and their parents' })
		.click();
	await expect(page.getByRole('heading', { name: 'Which language?' })).toBeFocused();
});

test('a device is set to a ward once and remembers it', async ({ page }) => {
	await signIn(page, demo.ward);
	await page.getByRole('link', { name: 'Change ward' }).click();
	await expect(page.getByRole('heading', { name: 'Which ward is this device on?' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByLabel('Ward 12').check();
	await page.getByRole('button', { name: 'Save ward' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Safety briefings on Ward 12');

	// Another person signs in on the same device: still Ward 12.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await signIn(page, demo.lead);
	await page.goto('/ward');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Safety briefings on Ward 12');
});

test('the next nurse on a shared tablet switches user with a tap and a password', async ({
	page
}) => {
	await signIn(page, demo.ward);
	// The tablet remembers who used it once the ward page's script has started; a press of
	// Switch user before that (a plain form) signs out just the same, with no name to tap.
	await new WardPage(page).waitForScript(demo.ward.email);
	await page.getByRole('button', { name: 'Switch user' }).click();
	await expect(page).toHaveURL(/\/sign-in\?signedOut=1&returnTo=%2Fward$/);
	await page.getByRole('button', { name: 'Wyn Ward Nurse' }).click();
	await expect(page.getByLabel('Email address')).toHaveValue(demo.ward.email);
	await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
	await page.keyboard.type(demo.ward.password);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/ward$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Safety briefings on Ward 7');
});

test('a video kept on the device plays with no network, and its captions too', async ({
	page,
	context
}) => {
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await ward.waitForOfflineReady();
	await page.reload();
	const videos = page.getByRole('region', { name: 'Videos on this device' });
	await expect(videos).toContainText(/Your safety on our ward .*· 0\.3 MB/);
	await videos.getByRole('button', { name: 'Keep on this device' }).click();
	await expect(videos.getByText('Kept', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);

	await goOffline(context);
	const videoResponses: boolean[] = [];
	page.on('response', (response) => {
		if (response.url().endsWith('.mp4')) videoResponses.push(response.fromServiceWorker());
	});
	await ward.chooseGroup(/General adult inpatients/);
	await ward.chooseLanguage('Cymraeg');
	await ward.startRecommended();
	const duration = await page.locator('video').evaluate(
		(video: HTMLVideoElement) =>
			new Promise<number>((resolve, reject) => {
				video.addEventListener('loadedmetadata', () => resolve(video.duration), { once: true });
				video.addEventListener('error', () => reject(new Error('video failed')), { once: true });
				video.load();
			})
	);
	expect(Math.round(duration)).toBe(38);
	expect(videoResponses.length).toBeGreaterThan(0);
	expect(videoResponses.every(Boolean)).toBe(true);
	const cues = await page.locator('video').evaluate(
		(video: HTMLVideoElement) =>
			new Promise<number>((resolve) => {
				const track = [...video.textTracks].find((t) => t.language === 'cy');
				if (!track) return resolve(0);
				track.mode = 'showing';
				const element = video.querySelector<HTMLTrackElement>('track[srclang="cy"]');
				if (element?.readyState === 2) return resolve(track.cues?.length ?? 0);
				element?.addEventListener('load', () => resolve(track.cues?.length ?? 0), { once: true });
			})
	);
	expect(cues).toBe(11);
	await context.setOffline(false);
});

test('keeping a video on a weak signal shows how far it has got, and can be stopped', async ({
	browser
}) => {
	// Without the service worker, so that the throttled page itself does the download.
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	await signIn(page, demo.ward);
	const videos = page.getByRole('region', { name: 'Videos on this device' });
	await expect(videos).toContainText(/Your safety on our ward .*· 0\.3 MB/);
	// 2 KB/s down: the 0.3 MB video would take about 2.5 minutes, far longer than reading the
	// progress and an accessibility check take on a loaded machine before Stop is pressed.
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	const throttle = (downloadThroughput: number) =>
		cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 0,
			downloadThroughput,
			uploadThroughput: -1
		});
	await throttle(2 * 1024);
	await videos.getByRole('button', { name: 'Keep on this device' }).click();
	const progress = videos.getByLabel(/^Downloading: [\d.]+ MB of 0\.3 MB$/);
	await expect(progress).toBeVisible();
	await expect
		.poll(() => progress.evaluate((p: HTMLProgressElement) => p.value))
		.toBeGreaterThan(0);
	await expectNoAxeViolations(page);
	await videos.getByRole('button', { name: 'Stop downloading' }).click();
	await expect(videos.getByRole('status')).toHaveText(
		'Stopped. The video is not kept on this device.'
	);
	await expect(videos.getByText('Kept', { exact: true })).toHaveCount(0);
	expect(await page.evaluate(async () => (await (await caches.open('videos')).keys()).length)).toBe(
		0
	);

	await throttle(-1);
	await videos.getByRole('button', { name: 'Keep on this device' }).click();
	await expect(videos.getByText('Kept', { exact: true })).toBeVisible();
	await context.close();
});

test('a group and a language tapped before the page’s script has started are not lost', async ({
	browser
}) => {
	// Without JavaScript the taps are what they would be on a slow tablet before the script runs.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, demo.ward);
	await page.goto('/ward');
	await page.getByRole('button', { name: /Older or frail people/ }).click();
	await expect(page).toHaveURL(/\/ward\?group=[0-9a-f-]+$/);
	await expect(page.getByRole('heading', { name: 'Which language?' })).toBeVisible();
	await expect(page.getByText(/Usual languages for Older or frail people/)).toBeVisible();
	await page.getByRole('button', { name: 'English', exact: true }).click();
	await expect(page).toHaveURL(/\/ward\?group=[0-9a-f-]+&language=en$/);
	// Older or frail people have two briefings: the recommendation is next.
	await expect(page.getByRole('heading', { level: 2 }).first()).not.toHaveText('Which language?');
	const address = new URL(page.url());
	await context.close();

	// The script starts on that page: the nurse's taps moved them on, so focus lands on the step,
	// the tablet opens its store, and the record is saved and sent.
	const scripted = await browser.newPage();
	await signIn(scripted, demo.ward);
	await scripted.goto(address.pathname + address.search);
	const ward = new WardPage(scripted);
	await expect(scripted.locator('.app-step-heading')).toBeFocused();
	await expect(scripted).toHaveURL(/\/ward$/);
	await expect(ward.syncStatus).not.toContainText('Checking records on this device');
	await ward.startRecommended();
	await ward.recordWhatHappened();
	await ward.save();
	await ward.expectWaiting(0);
	await scripted.context().close();
});

test('a language chosen from the list before the page’s script has started is kept', async ({
	browser
}) => {
	// The page's script is held back until the nurse has chosen, as on a slow tablet.
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	await signIn(page, demo.ward);
	const release = await holdPageScript(page);
	// Not until `load`: that waits for the held script.
	await page.goto('/ward', { waitUntil: 'commit' });
	await page.getByRole('button', { name: /People with a learning disability/ }).click();
	await expect(page).toHaveURL(/\/ward\?group=[0-9a-f-]+$/);
	await page.getByLabel('Another language').selectOption('pl');
	release();
	// Once the script has started, the choice is still there and can be used.
	await page.getByRole('button', { name: 'Use this language' }).click();
	await expect(page.getByRole('region', { name: 'Your safety on our ward' })).toContainText(
		'Recommended: Face-to-face talk in English'
	);
	await context.close();
});
