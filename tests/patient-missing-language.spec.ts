import { expect, test, type Browser, type Page } from '@playwright/test';
import arBriefing from '../locales/ar/briefing.json' with { type: 'json' };
import arPatient from '../locales/ar/patient.json' with { type: 'json' };
import cyPatient from '../locales/cy/patient.json' with { type: 'json' };
import enPatient from '../locales/en/patient.json' with { type: 'json' };
import { expectNoAxeViolations, expectNoAxeViolationsAsServed } from './accessibility';
import { PatientPage } from './pages/patient-page';
import { rowsOf } from './support/database';
import { sharedDataDir } from './support/paths';

/*
 * Issue 15, items 7 and 9, on a 360 × 740 phone: a link asking for a language or format the
 * briefing does not have says so in the asked-for language and offers what there is; content in
 * another language than the page's carries its own lang and dir; the title is on the first
 * screen; review dates, tap-to-call numbers and the video's exact length. JavaScript on and off.
 */
test.use({ viewport: { width: 360, height: 740 } });

// "Call, don't fall" exists in English only (a leaflet and a face-to-face talk).
const englishOnly = 'call-dont-fall';
const everywhere = 'your-safety-on-our-ward';
const fill = (text: string, values: Record<string, string>) =>
	text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

async function withoutJavaScript(browser: Browser, run: (page: Page) => Promise<void>) {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 360, height: 740 }
	});
	try {
		await run(await context.newPage());
	} finally {
		await context.close();
	}
}

test('a Welsh link to a briefing with no Welsh says so in Welsh, and offers the English there is', async ({
	page,
	browser
}) => {
	const check = async (phone: Page) => {
		const patient = new PatientPage(phone);
		await patient.open(englishOnly, { lang: 'cy', format: 'leaflet' });
		await expect(phone.locator('html')).toHaveAttribute('lang', 'cy');
		await expect(patient.missing.getByRole('heading', { level: 2 })).toHaveText(
			cyPatient.missing.languageHeading
		);
		await expect(patient.missing).toContainText(
			fill(cyPatient.missing.languageShown, { language: 'Saesneg' })
		);
		await expect(patient.missing).toContainText(cyPatient.missing.interpreter);
		const english = patient.missing.getByRole('link', { name: 'English' });
		await expect(english).toHaveAttribute('lang', 'en');
		await expect(english).toHaveAttribute('href', '?lang=en&format=leaflet');
		// The English content says it is English, inside the Welsh page.
		await expect(patient.article).toHaveAttribute('lang', 'en');
		await expect(patient.article).toHaveAttribute('dir', 'ltr');
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText("Call, don't fall");
	};
	await check(page);
	await expectNoAxeViolations(page);
	await withoutJavaScript(browser, async (plain) => {
		await check(plain);
		await expectNoAxeViolationsAsServed(plain, page);
	});

	// The offered link opens the English page, which has nothing to say about what is missing.
	const patient = new PatientPage(page);
	await patient.open(englishOnly, { lang: 'cy', format: 'leaflet' });
	await patient.missing.getByRole('link', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("Call, don't fall");
	await expect(patient.missing).toHaveCount(0);
});

test('a format that does not exist is named, with what is shown instead', async ({ page }) => {
	const patient = new PatientPage(page);
	await patient.open(englishOnly, { lang: 'en', format: 'easyRead' });
	await expect(patient.missing.getByRole('heading', { level: 2 })).toHaveText(
		fill(enPatient.missing.formatHeading, { format: 'Easy read' })
	);
	await expect(patient.missing).toContainText(
		fill(enPatient.missing.formatShown, { format: 'Leaflet' })
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("Call, don't fall");
	await expectNoAxeViolations(page);
});

test('an Arabic easy read that does not exist is not silently an English leaflet', async ({
	page
}) => {
	const patient = new PatientPage(page);
	await patient.open(englishOnly, { lang: 'ar', format: 'easyRead' });
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(patient.missing.getByRole('heading', { level: 2 })).toHaveText(
		arPatient.missing.languageHeading
	);
	await expect(patient.missing).toContainText(
		fill(arPatient.missing.formatHeading, { format: arBriefing.format.easyRead })
	);
	await expect(patient.missing).toContainText(
		fill(arPatient.missing.formatShown, { format: arBriefing.format.leaflet })
	);
	await expect(patient.article).toHaveAttribute('dir', 'ltr');
	await expectNoAxeViolations(page);
});

test('an English numbered list in the Arabic page keeps its numbers and fits 320 px', async ({
	page,
	browser
}) => {
	const check = async (phone: Page) => {
		await phone.setViewportSize({ width: 320, height: 640 });
		const patient = new PatientPage(phone);
		await patient.open(englishOnly, { lang: 'ar', format: 'faceToFace' });
		await expect(patient.article).toHaveAttribute('lang', 'en');
		// The toolkit's own words in the English talk are Arabic, and say so.
		const heading = patient.article.getByRole('heading', {
			name: arBriefing.faceToFace.talkedAbout
		});
		await expect(heading).toHaveAttribute('lang', 'ar');
		await expect(heading).toHaveAttribute('dir', 'rtl');
		const list = patient.article.locator('ol');
		await expect(list.locator('li').first()).toBeVisible();
		// Numbers sit in the list's start padding (left, in English): room for them, on screen.
		const { padStart, left } = await list.evaluate((ol) => ({
			padStart: parseFloat(getComputedStyle(ol).paddingLeft),
			left: ol.getBoundingClientRect().left
		}));
		expect(padStart).toBeGreaterThanOrEqual(16);
		expect(left).toBeGreaterThanOrEqual(0);
		const overflow = await phone.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
	};
	await check(page);
	await expectNoAxeViolations(page);
	await withoutJavaScript(browser, async (plain) => {
		await check(plain);
		await expectNoAxeViolationsAsServed(plain, page);
	});
});

test('the briefing’s title is on the first screen of a 360 × 740 phone, JavaScript on and off', async ({
	page,
	browser
}) => {
	const titleOnFirstScreen = async (phone: Page) => {
		for (const lang of ['en', 'ar'])
			for (const format of ['leaflet', 'easyRead', 'video', 'faceToFace']) {
				await new PatientPage(phone).open(everywhere, { lang, format });
				const title = await phone.getByRole('heading', { level: 1 }).boundingBox();
				expect(title, `${lang} ${format}`).not.toBeNull();
				// Below the header, language bar, example banner and text-size and read-aloud tools,
				// still in the top half of the screen, whole.
				expect(title!.y, `${lang} ${format}`).toBeLessThanOrEqual(370);
				expect(title!.y + title!.height, `${lang} ${format}`).toBeLessThanOrEqual(740);
			}
	};
	await titleOnFirstScreen(page);
	await expect(page.getByRole('button', { name: arPatient.tools.larger })).toBeVisible();
	await expectNoAxeViolations(page);
	await withoutJavaScript(browser, titleOnFirstScreen);
});

test('the page says when it was last reviewed and when it is next due, from the published version', async ({
	page
}) => {
	const versions = rowsOf<{ approved_at: string; review_by: string }>(
		sharedDataDir,
		`select v.approved_at, v.review_by from briefing_version v join briefing b on b.id = v.briefing_id
		 where b.slug = ? and v.status = 'published'`,
		everywhere
	);
	expect(versions).toHaveLength(1);
	const [version] = versions as [(typeof versions)[number]];
	const date = (iso: string, timeZone: string) =>
		new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone }).format(
			new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)
		);
	const patient = new PatientPage(page);
	await patient.open(everywhere, { lang: 'en', format: 'leaflet' });
	await expect(patient.reviewed).toHaveText(
		`${fill(enPatient.reviewed.last, { date: date(version.approved_at, 'Europe/London') })} ${fill(
			enPatient.reviewed.next,
			{ date: date(version.review_by, 'UTC') }
		)}`
	);
	await patient.open(everywhere, { lang: 'ar', format: 'leaflet' });
	await expect(patient.reviewed).toContainText(arPatient.reviewed.next.replace(' {{date}}', ''));
});

test('phone numbers are tap-to-call links, read left to right in Arabic too', async ({ page }) => {
	const patient = new PatientPage(page);
	await patient.open('preventing-blood-clots', { lang: 'en', format: 'leaflet' });
	await expect(patient.article.getByRole('link', { name: '999' })).toHaveAttribute(
		'href',
		'tel:999'
	);
	await expect(patient.article.getByRole('link', { name: '111' })).toHaveAttribute(
		'href',
		'tel:111'
	);
	// The organisation's contact: its PALS number.
	await patient.open(everywhere, { lang: 'ar', format: 'leaflet' });
	const pals = page.getByRole('link', { name: '0300 000 0000' });
	await expect(pals).toHaveAttribute('href', 'tel:03000000000');
	await expect(pals).toHaveAttribute('dir', 'ltr');
	await expectNoAxeViolations(page);
});

test('the video says exactly how long it is, in the page’s language', async ({ page }) => {
	const patient = new PatientPage(page);
	await patient.open(everywhere, { lang: 'en', format: 'video' });
	await expect(patient.article.locator('time')).toHaveText('38 seconds');
	await expect(patient.article.locator('time')).toHaveAttribute('datetime', 'PT38S');
	await patient.open(everywhere, { lang: 'ar', format: 'video' });
	await expect(patient.article.locator('time')).toHaveText(
		arBriefing.video.seconds_many.replace('{{count}}', '38')
	);
});
