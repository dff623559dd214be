import { expect, test, type Browser } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { fillTargets } from '../src/lib/server/test-support/xliff-agency';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { StudioXliffPage } from './pages/studio-xliff-page';

/*
 * Issue 17, item 3 (hazard H82): a lead downloads a draft's English as XLIFF 2.0 for Arabic,
 * an agency's tool fills in the targets, the lead uploads it, checks the preview and applies it;
 * a file made before the English changed is refused, naming the field. On its own new briefing,
 * never published, so the shared server's other journeys see nothing new.
 */
test.use({ actionTimeout: 15_000 });

const ARABIC = 'العربية (Arabic)';

async function signedIn(browser: Browser, javaScriptEnabled = true) {
	const context = await browser.newContext({ acceptDownloads: true, javaScriptEnabled });
	const page = await context.newPage();
	await signIn(page, demo.lead);
	return { page, studio: new StudioEditorPage(page), xliff: new StudioXliffPage(page) };
}

test('a lead sends a draft to a translation agency as XLIFF and applies what comes back; a file from before an English change is refused', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const suffix = Date.now().toString(36);
	const { page, studio, xliff } = await signedIn(browser);
	const versionUrl = await studio.createBriefing(`Hand hygiene ${suffix}`, `hands-${suffix}`);

	await test.step('the English leaflet', async () => {
		await studio.addVariant('Leaflet', 'English');
		await studio.field('Title').fill('Clean hands');
		await studio.field('Section 1: heading').fill('It is OK to ask');
		await studio.field('Section 1: part 1').fill('Ask staff if they have cleaned their hands.');
		await studio.saveAndExpectSaved();
		await page.goto(versionUrl);
	});

	let exported = { name: '', text: '' };
	await test.step('the lead downloads it for Arabic, by keyboard', async () => {
		await xliff.translateInto.focus();
		await xliff.translateInto.selectOption({ label: ARABIC });
		await page.keyboard.press('Tab');
		await expect(xliff.formats).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(xliff.download).toBeFocused();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.keyboard.press('Enter')
		]);
		expect(download.suggestedFilename()).toBe(`hand-hygiene-${suffix}-v1-ar.xlf`);
		exported = await xliff.exportFile(ARABIC);
		// XLIFF 2.0 as a tool reads it: namespace, version, languages, one unit a field.
		const doc = new XMLParser({ ignoreAttributes: false }).parse(exported.text);
		expect(doc.xliff['@_xmlns']).toBe('urn:oasis:names:tc:xliff:document:2.0');
		expect(doc.xliff['@_version']).toBe('2.0');
		expect([doc.xliff['@_srcLang'], doc.xliff['@_trgLang']]).toEqual(['en', 'ar']);
		const units = [doc.xliff.file.unit].flat().map((u: Record<string, string>) => u['@_id']);
		expect(units).toEqual(['title', 'sections.0.heading', 'sections.0.blocks.0.text']);
	});

	await test.step('half done comes back: previewed, applied, kept part-done', async () => {
		await xliff.uploadFile(exported.name, fillTargets(exported.text, { title: 'أيدٍ نظيفة' }));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Check the translation before applying it'
		);
		await expect(page.getByText('Not finished 1 of 3 fields translated')).toBeVisible();
		await expect(xliff.previewRow('Title')).toHaveText(/Clean hands\s*\(empty\)\s*أيدٍ نظيفة/);
		await expectNoAxeViolations(page);
		await xliff.apply.click();
		await expect(page.getByRole('status')).toContainText(
			'The translation from the XLIFF file was stored.'
		);
		const row = page.getByRole('row', { name: /Leaflet العربية/ });
		await expect(row).toContainText('Not finished');
		await expect(row).toContainText('1 of 3 fields translated');
	});

	await test.step('the whole translation comes back; the preview is checked in Arabic too', async () => {
		const filled = fillTargets(exported.text, {
			title: 'أيدٍ نظيفة',
			'sections.0.heading': 'لا بأس أن تسأل',
			'sections.0.blocks.0.text': 'اسأل الموظفين إن كانوا قد نظّفوا أيديهم.'
		});
		await page.goto(`${versionUrl}?lang=ar`);
		await xliff.uploadFile(
			exported.name,
			filled,
			page.getByLabel('ملف XLIFF من الوكالة'),
			page.getByRole('button', { name: 'رفع ومعاينة' })
		);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('تحقّق من الترجمة قبل تطبيقها');
		await expectNoAxeViolations(page);

		await page.goto(`${versionUrl}?lang=en`);
		await xliff.uploadFile(exported.name, filled);
		await expect(page.getByText('Complete 3 of 3 fields translated')).toBeVisible();
		await expectNoAxeViolations(page);
		// Keyboard only: Tab to Apply and press Enter.
		for (let i = 0; i < 80; i++) {
			if (await xliff.apply.evaluate((el) => el === document.activeElement)) break;
			await page.keyboard.press('Tab');
		}
		await expect(xliff.apply).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('status')).toContainText('The translation from the XLIFF file');
		await expect(page.getByRole('row', { name: /Leaflet العربية/ })).toContainText('Not checked');

		await page.getByRole('link', { name: 'Edit: Leaflet, ar' }).click();
		await expect(studio.field('Section 1: heading')).toHaveValue('لا بأس أن تسأل');
		await expect(
			page.getByLabel('A qualified translator has checked this translation')
		).not.toBeChecked();
	});

	await test.step('without JavaScript: the download, the upload and the preview still work', async () => {
		const noJs = await signedIn(browser, false);
		await noJs.page.goto(versionUrl);
		const plain = await noJs.xliff.exportFile(ARABIC, 'Leaflet');
		expect(plain.name).toBe(`hand-hygiene-${suffix}-v1-leaflet-ar.xlf`);
		expect(plain.text).toContain('<target>لا بأس أن تسأل</target>');
		await noJs.xliff.uploadFile(plain.name, plain.text);
		await expect(noJs.page.getByText('This file changes nothing')).toBeVisible();
		await noJs.page.getByRole('link', { name: 'Back to the version' }).first().click();
		await expect(noJs.page).toHaveURL(versionUrl);
	});

	await test.step('a file made before the English changed is refused, naming the field', async () => {
		await page.goto(`${versionUrl}/leaflet/en`);
		await studio.field('Section 1: heading').fill('It is always OK to ask');
		await studio.saveAndExpectSaved();
		await page.goto(versionUrl);
		await xliff.uploadFile(
			exported.name,
			fillTargets(exported.text, {
				title: 'أيدٍ نظيفة',
				'sections.0.heading': 'خطأ',
				'sections.0.blocks.0.text': 'اسأل الموظفين.'
			})
		);
		await expect(xliff.errorSummary).toContainText(
			'The original text of these fields changed after the file was made, so the translation may be of the old text: Leaflet – Section 1: heading.'
		);
		await expect(xliff.errorSummary).toBeFocused();
		await expectNoAxeViolations(page);
		await page.goto(`${versionUrl}/leaflet/ar`);
		await expect(studio.field('Section 1: heading')).toHaveValue('لا بأس أن تسأل');
	});
});
