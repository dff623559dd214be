import { expect, test, type Locator } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { ContentPacksPage } from './pages/content-packs-page';
import { MeasurementPage } from './pages/measurement-page';
import { signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';

/*
 * Bad input is named in the error summary for what is wrong with it: a number by its bounds,
 * an empty file as empty (not as no file), and in the order the page shows its fields.
 */

test.use({ actionTimeout: 15_000 });

/** The error summary's messages, in order. */
const messages = (summary: Locator) => summary.getByRole('listitem');

const emptyFile = (name: string, mimeType: string) => ({ name, mimeType, buffer: Buffer.alloc(0) });

test('a number typed wrong in a format editor is named by what is wrong, with its bounds', async ({
	page
}) => {
	await signIn(page, demo.lead);
	const studio = new StudioEditorPage(page);
	const versionUrl = await studio.createBriefing(
		'Numbers in the editor',
		`numbers-in-the-editor-${Date.now()}`
	);

	await test.step('face-to-face: expected minutes', async () => {
		await studio.addVariant('Face-to-face talk', 'English');
		await studio.field('Title').fill('The talk');
		await studio.field('Talking points').fill('Show the call bell.');
		for (const [typed, message] of [
			['abc', 'Expected minutes must be a whole number'],
			['2.5', 'Expected minutes must be a whole number'],
			['-3', 'Expected minutes must be 1 or more'],
			['9999', 'Expected minutes must be 60 or less']
		] as const) {
			await studio.field('Expected minutes').fill(typed);
			await studio.save.click();
			await expect(messages(studio.errorSummary), typed).toHaveText([message]);
			await expect(studio.field('Expected minutes')).toHaveValue(typed);
		}
		await expectNoAxeViolations(page);
	});

	await test.step('video: length in seconds, and a video file with nothing in it', async () => {
		await studio.leaveUnsaved(() => page.goto(versionUrl));
		await studio.addVariant('Video', 'English');
		await studio.field('Title').fill('The video');
		await studio.field('Transcript').fill('Press the call bell when you need help.');
		await studio.field('Length in seconds').fill('-5');
		await studio.field('Video file').setInputFiles(emptyFile('empty.mp4', 'video/mp4'));
		await studio.save.click();
		await expect(messages(studio.errorSummary)).toHaveText([
			'Video file: the file is empty',
			'Length in seconds must be 1 or more'
		]);
		await expectNoAxeViolations(page);
		await studio.field('Length in seconds').fill('abc');
		await studio.save.click();
		await expect(messages(studio.errorSummary)).toContainText([
			'Length in seconds must be a whole number'
		]);
	});
});

test('an empty file chosen for an import is said to be empty', async ({ page }) => {
	await signIn(page, demo.lead);
	const m = new MeasurementPage(page);
	await page.goto('/studio/measurement/admissions');
	await page.getByLabel('CSV file').setInputFiles(emptyFile('admissions.csv', 'text/csv'));
	await page.getByRole('button', { name: 'Import admissions' }).click();
	await expect(messages(m.errorSummary)).toHaveText([
		'The file you chose is empty: choose a CSV file of admissions with a header row and at least one row'
	]);
	await expectNoAxeViolations(page);

	const packs = new ContentPacksPage(page);
	await packs.goto();
	await packs.check({ name: 'pack.zip', buffer: Buffer.alloc(0) });
	await expect(messages(packs.errorSummary)).toHaveText([
		'The file you chose is empty, so nothing was imported: choose the content pack file again'
	]);
	await expectNoAxeViolations(page);
});

test('a chart’s baseline out of bounds is refused naming both bounds', async ({ page }) => {
	await signIn(page, demo.lead);
	const m = new MeasurementPage(page);
	await m.openMeasure('Coverage');
	await page.getByLabel('Fix the baseline after this many points (optional)').fill('999999');
	await page.getByRole('button', { name: 'Save chart settings' }).click();
	await expect(messages(m.errorSummary)).toHaveText([
		'Enter a whole number from 12 to 500, or leave it empty'
	]);
});

test('adding a person: the error summary follows the order of the fields', async ({ page }) => {
	await signIn(page, demo.admin, '/admin/staff/new');
	await page.getByLabel('Email', { exact: true }).fill('not an address');
	await page.getByRole('button', { name: 'Add and make a link' }).click();
	const summary = page.getByRole('heading', { name: 'There is a problem' }).locator('..');
	await expect(messages(summary)).toHaveText([
		"Enter the person's name (up to 80 characters)",
		'Enter an email address, like name@example.nhs.uk',
		'Choose a ward in use for ward staff'
	]);
});
