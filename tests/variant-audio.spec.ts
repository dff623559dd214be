import { expect, test, type Browser, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import arPatient from '../locales/ar/patient.json' with { type: 'json' };
import { expectNoAxeViolations, expectNoAxeViolationsAsServed } from './accessibility';
import { briefingPath, demo } from './demo-accounts';
import { PatientPage } from './pages/patient-page';
import { signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { StudioGroupsPage } from './pages/studio-groups-page';
import { WardPage } from './pages/ward-page';
import { OwnServer } from './support/own-server';
import { goOffline } from './support/offline';

/*
 * Issue 15, item 11: a lead records a briefing's leaflet aloud; after review and publishing, a
 * patient whose phone has no voice for read-aloud finds the recording first, plays it, downloads
 * it, keeps it for offline; the briefing's BSL video is linked from its other formats and is what
 * the ward recommends for the group that signs.
 */
// Its own server: the briefing it publishes for the BSL group would change what other journeys
// count on the shared one (ward-sees-briefings counts the published briefings).
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 15);
test.beforeAll(async () => {
	test.setTimeout(180_000);
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});
test.use({ actionTimeout: 15_000, baseURL: server.origin });

const MP3 = 'tests/fixtures/two-seconds-of-silence.mp3';
const BSL_GROUP = 'd/Deaf patients who use BSL';
const phone = { width: 360, height: 740 };

async function signedIn(browser: Browser, account: { email: string; password: string }) {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, account);
	return page;
}

/** No voice for any language, as on many phones for Somali or Punjabi (and in CI's Chromium). */
async function phoneWithoutVoices(browser: Browser, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ viewport: phone, javaScriptEnabled });
	await context.addInitScript(() => {
		if ('speechSynthesis' in window) speechSynthesis.getVoices = () => [];
	});
	return context.newPage();
}

test('a lead records a leaflet; after review the patient plays it, downloads it and keeps it; BSL is offered and recommended', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const suffix = Date.now().toString(36);
	const topic = `Listen ${suffix}`;
	const slug = `listen-${suffix}`;
	const lead = await signedIn(browser, demo.lead);
	const studio = new StudioEditorPage(lead);
	const versionUrl = await studio.createBriefing(topic, slug);

	await test.step('a renamed text file is refused, naming the field; the MP3 is kept', async () => {
		await studio.addVariant('Leaflet', 'English');
		await studio.field('Title').fill('Calling for help');
		await studio.field('Section 1: heading').fill('Call');
		await studio.field('Section 1: part 1').fill('Press the call bell if you need help.');
		const text = join(tmpdir(), `${suffix}-notes.mp3`);
		writeFileSync(text, 'just some text, not a recording');
		await studio.field('Recording (MP3 or Opus)').setInputFiles(text);
		await studio.field('Length of the recording in seconds').fill('2');
		await studio.save.click();
		await expect(studio.errorSummary).toContainText(
			"Recording (MP3 or Opus): this file's content is not a type we accept, so it was not stored"
		);
		await expect(studio.errorSummary.getByRole('link')).toHaveAttribute('href', '#audioFile');
		await expect(studio.field('Recording (MP3 or Opus)')).toHaveAttribute('aria-invalid', 'true');
		await expectNoAxeViolations(lead);
		await studio.field('Recording (MP3 or Opus)').setInputFiles(MP3);
		await studio.saveAndExpectSaved();
		await expect(lead.locator('audio[src^="/uploads/"]')).toHaveAttribute('src', /\.mp3$/);
		await expect(studio.field('Length of the recording in seconds')).toHaveValue('2');
		await expectNoAxeViolations(lead);
		// Mirrored in Arabic, then back to English for the rest of the journey.
		await lead.getByRole('link', { name: 'العربية' }).click();
		await expect(lead.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(lead.locator('audio[src$=".mp3"]')).toHaveCount(1);
		await expectNoAxeViolations(lead);
		await lead.getByRole('link', { name: 'English' }).click();
		await expect(lead.locator('html')).toHaveAttribute('lang', 'en');
	});

	await test.step('the BSL video, captioned in English', async () => {
		await studio.backToVersion();
		await studio.addVariant('Video', 'British Sign Language');
		await studio.field('Title').fill('Calling for help');
		await studio.field('Transcript').fill('Press the call bell if you need help.');
		await studio.field('Length in seconds').fill('20');
		await studio.field('Video file').setInputFiles('static/media/demo/your-safety-on-our-ward.mp4');
		await studio
			.field('Captions file (WebVTT)')
			.setInputFiles('static/media/demo/your-safety-on-our-ward.en.vtt');
		await studio.saveAndExpectSaved();
	});

	await test.step('the reviewer plays the recording before approving; the lead publishes', async () => {
		await lead.goto(versionUrl);
		const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
		await lead.getByLabel('Review by').fill(nextYear);
		await lead.getByLabel('Evidence links').fill('https://www.nice.org.uk/guidance/ng161');
		await lead.getByLabel('User testing').fill('Listened to by four patients on Ward 7.');
		await lead.getByRole('button', { name: 'Save evidence and review' }).click();
		await expect(lead.getByRole('status')).toContainText('Saved.');
		await studio.takeStep('Submit for review');
		await expect(studio.status()).toHaveText('In review');

		const reviewer = await signedIn(browser, demo.reviewer);
		await reviewer.goto(versionUrl);
		await expect(
			reviewer.getByRole('rowheader', { name: 'Leaflet With a recording: play it in the preview' })
		).toBeVisible();
		await reviewer.getByRole('link', { name: 'Preview: Leaflet, en' }).click();
		await expect(
			reviewer.getByRole('heading', { name: /^Listen to this \(2 seconds\)$/ })
		).toBeVisible();
		await expect(reviewer.locator('audio[src$=".mp3"]')).toHaveCount(1);
		await expectNoAxeViolations(reviewer);
		await reviewer.goto(versionUrl);
		await new StudioEditorPage(reviewer).takeStep('Approve');
		await expect(new StudioEditorPage(reviewer).status()).toHaveText('Approved');
		await lead.goto(versionUrl);
		await studio.takeStep('Publish');
		await expect(studio.status()).toHaveText('Published');
	});

	const patientPhone = await phoneWithoutVoices(browser);
	const patient = new PatientPage(patientPhone);
	await test.step('the patient finds the recording before read-aloud, and it plays', async () => {
		await patient.open(slug, { lang: 'en', format: 'leaflet' });
		const recording = patientPhone.getByRole('region', { name: /^Listen to this/ });
		await expect(recording.getByRole('heading')).toHaveText('Listen to this (2 seconds)');
		await expect(recording.locator('time')).toHaveAttribute('datetime', 'PT2S');
		const audio = recording.locator('audio');
		await expect(audio).toHaveAttribute('preload', 'none');
		await expect(audio).toHaveAttribute('controls', '');
		// The briefing's title is still whole on the first screen, the recording above it.
		const title = await patientPhone.getByRole('heading', { level: 1 }).boundingBox();
		console.log(`Title at y = ${title?.y} px on a 360 × 740 phone, with the recording above it`);
		expect(title!.y + title!.height).toBeLessThanOrEqual(phone.height);
		// Before read-aloud, whose place says the phone has no voice and points to it.
		const noVoice = patientPhone.getByText(
			'Your phone has no voice for English, so it cannot read this aloud. Listen to the recording above instead.'
		);
		await expect(noVoice).toBeVisible();
		const [recordingBox, noVoiceBox] = [await audio.boundingBox(), await noVoice.boundingBox()];
		expect(recordingBox!.y).toBeLessThan(noVoiceBox!.y);

		const src = (await audio.getAttribute('src')) ?? '';
		expect(src).toMatch(/^\/uploads\/[0-9a-f]{64}\.mp3$/);
		const whole = await patientPhone.request.get(src);
		expect(whole.status()).toBe(200);
		expect(whole.headers()['content-type']).toBe('audio/mpeg');
		expect((await whole.body()).length).toBe(8008);
		const part = await patientPhone.request.get(src, { headers: { range: 'bytes=104-207' } });
		expect(part.status()).toBe(206);
		expect(part.headers()['content-range']).toBe('bytes 104-207/8008');
		expect([...(await part.body()).subarray(0, 4)]).toEqual([0xff, 0xfb, 0x10, 0xc4]);
		await expect(recording.getByRole('link', { name: 'Download the recording' })).toHaveAttribute(
			'href',
			src
		);

		// Pressed play (a person's tap): the phone fetches it only now, and plays it to the end.
		await audio.click();
		await audio.evaluate((a: HTMLAudioElement) => a.play());
		await expect
			.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 20_000 })
			.toBeGreaterThan(0);
		expect(await audio.evaluate((a: HTMLAudioElement) => Math.round(a.duration))).toBe(2);
		await expectNoAxeViolations(patientPhone);
	});

	await test.step('kept on the phone, it plays with no signal', async () => {
		await patientPhone.getByRole('button', { name: 'Keep the recording on this phone' }).click();
		await expect(
			patientPhone.getByText('The recording is kept on this phone. You can listen with no signal.')
		).toBeVisible();
		// The worker serves what was kept: it must control the page before the signal goes.
		await patientPhone.waitForFunction(() => navigator.serviceWorker.controller !== null);
		await goOffline(patientPhone.context());
		const offline = await patientPhone.evaluate(async () => {
			const src = document.querySelector('audio')?.getAttribute('src') ?? '';
			const response = await fetch(src, { headers: { range: 'bytes=0-3' } });
			return { status: response.status, bytes: [...new Uint8Array(await response.arrayBuffer())] };
		});
		expect(offline).toEqual({ status: 206, bytes: [0xff, 0xfb, 0x10, 0xc4] });
		await patientPhone.context().setOffline(false);
	});

	await test.step('the BSL video is one clear link away', async () => {
		await patientPhone.getByRole('link', { name: 'Watch in British Sign Language' }).click();
		await expect(patientPhone).toHaveURL(/lang=bfi&format=video/);
		await expect(patientPhone.locator('video source')).toHaveAttribute('type', 'video/mp4');
		await expect(
			patientPhone.getByRole('link', { name: 'Watch in British Sign Language' })
		).toHaveCount(0);
	});

	await test.step('in Arabic, and with JavaScript off', async () => {
		await patient.open(slug, { lang: 'ar', format: 'leaflet' });
		await expect(patientPhone.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(
			patientPhone.getByRole('heading', { name: new RegExp(`^${arPatient.audio.heading}`) })
		).toBeVisible();
		await expect(patientPhone.getByRole('link', { name: arPatient.audio.download })).toBeVisible();
		await expect(patientPhone.getByRole('link', { name: arPatient.audio.bsl })).toBeVisible();
		await expectNoAxeViolations(patientPhone);

		const plain = await phoneWithoutVoices(browser, false);
		await plain.goto(`${briefingPath(slug)}?lang=ar&format=leaflet`);
		await expect(plain.locator('audio[controls][preload="none"]')).toHaveCount(1);
		await expect(plain.getByRole('link', { name: arPatient.audio.download })).toBeVisible();
		await expectNoAxeViolationsAsServed(plain, patientPhone);
	});

	await test.step('on the ward, the BSL video is recommended for the group that signs', async () => {
		const groups = new StudioGroupsPage(lead);
		await groups.gotoList();
		await lead.getByRole('link', { name: BSL_GROUP }).click();
		await groups.addBriefing(topic);

		const nurse = await signedIn(browser, demo.ward);
		const ward = new WardPage(nurse);
		await ward.goto();
		await ward.chooseGroup(BSL_GROUP);
		await ward.chooseLanguage('English');
		const card = nurse.getByRole('region', { name: topic });
		await expect(card).toContainText('Recommended: Video in British Sign Language');
		await expect(card).toContainText(
			`There is a video in British Sign Language: the first choice for ${BSL_GROUP}.`
		);
		await expect(card.getByRole('button', { name: 'Leaflet (English)' })).toBeVisible();
		await expectNoAxeViolations(nurse);
	});
});
