import { expect, test, type Locator } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { ContentPacksPage } from './pages/content-packs-page';
import { MeasurementPage } from './pages/measurement-page';
import { signIn } from './pages/sign-in-page';

/*
 * Bad input is named in the error summary for what is wrong with it: a number by its bounds,
 * an empty file as empty (not as no file), and in the order the page shows its fields.
 */

test.use({ actionTimeout: 15_000 });

/** The error summary's messages, in order. */
const messages = (summary: Locator) => summary.getByRole('listitem');

const emptyFile = (name: string, mimeType: string) => ({ name, mimeType, buffer: Buffer.alloc(0) });

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
