import { expect, test } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectAccessibleInEnglishAndArabic, expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { sharedDataDir } from './support/paths';

/*
 * Issue 17 item 8: a video sent on a slow hospital network shows how far it has got and about
 * how long is left, and can be cancelled, storing nothing and keeping what was typed. The
 * browser's upload is throttled (Chromium's network emulation), so the upload is still going
 * whenever the journey looks at it, however busy the machine.
 */
const uploadsDir = join(sharedDataDir, 'uploads');
// Every file the server keeps there, part-written ones (in .partial) included.
const everythingStored = () =>
	existsSync(uploadsDir)
		? readdirSync(uploadsDir, { recursive: true, withFileTypes: true })
				.filter((entry) => entry.isFile())
				.map((entry) => join(entry.parentPath, entry.name))
				.sort()
		: [];

test('a lead sees a video upload’s progress and time left, cancels it, and nothing is stored', async ({
	page
}) => {
	const studio = new StudioEditorPage(page);
	await signIn(page, demo.lead);
	const suffix = Date.now().toString(36);
	const versionUrl = await studio.createBriefing(
		`Upload progress ${suffix}`,
		`upload-progress-${suffix}`
	);
	await studio.addVariant('Video', 'English');
	await studio.field('Title').fill('Calling for help: the video');
	await studio.field('Transcript').fill('Press the call bell when you need help.');
	await studio.field('Length in seconds').fill('20');
	const before = everythingStored();

	// 64 KB/s up: 8 MB takes two minutes.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: 64 * 1024
	});
	const video = Buffer.concat([
		Buffer.from([0, 0, 0, 0x20]),
		Buffer.from('ftypisom'),
		Buffer.alloc(8 * 1024 * 1024)
	]);
	await studio
		.field('Video file')
		.setInputFiles({ name: 'falls.mp4', mimeType: 'video/mp4', buffer: video });
	await studio.save.click();

	const progress = page.getByLabel(/^Sending the file: \d+% \([\d.]+ MB of 8\.0 MB\)$/);
	await expect(progress).toBeVisible();
	await expect
		.poll(() => progress.evaluate((p: HTMLProgressElement) => p.value))
		.toBeGreaterThan(0);
	await expect(page.getByText(/^About \d+ (seconds?|minutes?) left$/)).toBeVisible();
	// Saving twice while it goes is not possible.
	await expect(studio.save).toBeDisabled();
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Cancel upload' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Upload cancelled. Nothing has been saved, and what you typed is still here.'
	);
	await expect(progress).toHaveCount(0);
	await expect(studio.field('Title')).toHaveValue('Calling for help: the video');
	await expect(studio.save).toBeEnabled();
	// The server dropped the part it had, and kept no version of the draft.
	await expect.poll(everythingStored).toEqual(before);
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: -1
	});
	await page.goto(versionUrl);
	await expect(
		page.getByText('Nothing written yet. Add a format in a language below.')
	).toBeVisible();

	// At full speed the same form saves, and the video is stored.
	await studio.addVariant('Video', 'English');
	await studio.field('Title').fill('Calling for help: the video');
	await studio.field('Transcript').fill('Press the call bell when you need help.');
	await studio.field('Length in seconds').fill('20');
	await studio.field('Video file').setInputFiles('static/media/demo/your-safety-on-our-ward.mp4');
	await studio.saveAndExpectSaved();
	await expect(page.getByText(/Now: \/uploads\/[0-9a-f]{64}\.mp4/)).toBeVisible();
	await expectAccessibleInEnglishAndArabic(page);
});
