import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { rowsOf } from './support/database';
import { sharedDataDir } from './support/paths';
import { A4, A5, pdfPageSizes } from './support/pdf';

/*
 * Print for the ward (issue 17): a briefing's QR poster, A4 and A5, whose typed code opens the
 * briefing on a patient's phone; and the easy read printed one picture and sentence a row, at
 * least 14pt, mirrored right to left. Each PDF is kept in test-results to be looked at.
 */

test.use({ actionTimeout: 15_000 });

const patient = (lang: string) =>
	JSON.parse(readFileSync(`locales/${lang}/patient.json`, 'utf8')) as {
		code: { label: string; open: string };
	};

/** The demo organisation's published version of a briefing. */
function published(slug: string): { id: string; number: number } {
	const [row] = rowsOf<{ id: string; number: number }>(
		sharedDataDir,
		`select b.id, v.number from briefing b
		 join briefing_version v on v.briefing_id = b.id
		 join organisation o on o.id = b.organisation_id
		 where b.slug = ? and o.slug = 'northfield-hospitals-nhs-trust-demo' and v.status = 'published'`,
		slug
	);
	if (!row) throw new Error(`No published ${slug}`);
	return row;
}

async function printed(page: Page, name: string): Promise<Buffer> {
	const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
	writeFileSync(test.info().outputPath(`${name}.pdf`), pdf);
	return pdf;
}

test('a lead prints the QR poster on A4 and A5, and a patient types its code', async ({
	page,
	browser
}) => {
	test.setTimeout(240_000);
	await signIn(page, demo.lead);
	const { id } = published('your-safety-on-our-ward');
	await page.goto(`/studio/briefings/${id}`);
	await page.getByRole('link', { name: 'QR poster for a bedside or noticeboard' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'QR poster' })).toBeVisible();
	const poster = page.getByRole('region', { name: 'QR poster' });
	await expect(poster).toContainText('Northfield Hospitals NHS Trust (demo)');
	await expect(poster.locator('li[lang="en"] strong')).toHaveText('Your safety on our ward');
	// Each language's title with a line in that language; right to left where it reads so.
	await expect(poster.locator('li[lang="cy"] span')).toContainText('Sganiwch y cod QR');
	await expect(poster.locator('li[lang="ar"]')).toHaveAttribute('dir', 'rtl');
	await expect(poster.getByRole('img', { name: /QR code that opens this briefing/ })).toBeVisible();
	const code = (await poster.locator('.app-poster__code strong').textContent()) ?? '';
	expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
	await expectNoAxeViolations(page);
	expect(pdfPageSizes(await printed(page, 'poster-a4'))).toEqual([A4]);

	// A5, and the same code again: a poster's code stands while the briefing is published.
	await page.getByLabel('Paper').selectOption('A5');
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/paper=a5/);
	await expect(poster.locator('.app-poster__code strong')).toHaveText(code);
	expect(pdfPageSizes(await printed(page, 'poster-a5'))).toEqual([A5]);

	// In Arabic, mirrored and accessible.
	await page.goto(`/studio/briefings/${id}/poster?lang=ar`);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);
	await page.goto(`/studio/briefings/${id}/poster?lang=en`);

	// A patient types the code on their phone, in Polish: the public page, in Polish, no token.
	const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
	await phone.goto('/c?lang=pl');
	await phone.getByRole('textbox', { name: patient('pl').code.label }).fill(code.toLowerCase());
	await phone.getByRole('button', { name: patient('pl').code.open }).click();
	await expect(phone).toHaveURL(
		/\/o\/northfield-hospitals-nhs-trust-demo\/b\/your-safety-on-our-ward\?lang=pl$/
	);
	await expect(phone.locator('article')).toBeVisible();
	await phone.close();
});

test('the easy read prints one picture and sentence a row, at least 14pt, mirrored in Arabic', async ({
	page
}) => {
	test.setTimeout(240_000);
	await signIn(page, demo.lead);
	const { id, number } = published('your-safety-on-our-ward');
	const preview = (language: string) =>
		`/studio/briefings/${id}/v/${number}/easyRead/${language}/preview`;
	await page.goto(preview('en'));
	await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.emulateMedia({ media: 'print' });
	const rows = page.locator('.app-easy-read li');
	await expect(rows.first()).toBeVisible();
	// 14pt is 18.67 CSS pixels; a row is never split over two pages.
	const looks = await rows.evaluateAll((items) =>
		items.map((li) => ({
			size: parseFloat(getComputedStyle(li.querySelector('p')!).fontSize),
			breakInside: getComputedStyle(li).breakInside
		}))
	);
	expect(looks.length).toBeGreaterThan(2);
	for (const look of looks) {
		expect(look.size).toBeGreaterThanOrEqual(18.6);
		expect(look.breakInside).toBe('avoid');
	}
	const sizes = pdfPageSizes(await printed(page, 'easy-read-en'));
	expect(sizes.length).toBeGreaterThan(0);
	expect(new Set(sizes.map(String))).toEqual(new Set([String(A4)]));

	// Arabic: the picture on the right, the words to its left.
	await page.emulateMedia({ media: 'screen' });
	await page.goto(preview('ar'));
	await page.emulateMedia({ media: 'print' });
	const first = page.locator('.app-easy-read li').first();
	const picture = await first.locator('img').boundingBox();
	const words = await first.locator('p').boundingBox();
	expect(picture && words && picture.x > words.x).toBe(true);
	await printed(page, 'easy-read-ar');
});
