import { expect, test, type Browser, type Page } from '@playwright/test';
import arCommon from '../locales/ar/common.json' with { type: 'json' };
import enCommon from '../locales/en/common.json' with { type: 'json' };
import paPatient from '../locales/pa/patient.json' with { type: 'json' };
import plBriefing from '../locales/pl/briefing.json' with { type: 'json' };
import plCommon from '../locales/pl/common.json' with { type: 'json' };
import plPatient from '../locales/pl/patient.json' with { type: 'json' };
import soCommon from '../locales/so/common.json' with { type: 'json' };
import soPatient from '../locales/so/patient.json' with { type: 'json' };
import urCommon from '../locales/ur/common.json' with { type: 'json' };
import urPatient from '../locales/ur/patient.json' with { type: 'json' };
import zhCommon from '../locales/zh-Hans/common.json' with { type: 'json' };
import zhPatient from '../locales/zh-Hans/patient.json' with { type: 'json' };
import { expectNoAxeViolations, expectNoAxeViolationsAsServed } from './accessibility';
import { PatientPage } from './pages/patient-page';

/*
 * Issue 15, item 8, on a 360 × 740 phone: a patient page's own words (buttons, feedback,
 * notices, footer) in every written content language, not only en/cy/ar; Urdu mirrored like
 * Arabic; the language offered by ?lang=, Accept-Language and the page's switcher; staff pages
 * stay in their three languages. JavaScript on and off. The demo briefing has English, Welsh and
 * Arabic content only, so each of these pages also says, in its own language, that the briefing
 * is not in it yet.
 */
test.use({ viewport: { width: 360, height: 740 } });

const slug = 'your-safety-on-our-ward';
const fill = (text: string, values: Record<string, string>) =>
	text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
/** What the server calls English in a language (the runtime's CLDR names, as MissingNotice). */
const englishIn = (lang: string) =>
	new Intl.DisplayNames([lang], { type: 'language' }).of('en') ?? 'English';

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

const languages = [
	{ lang: 'pl', dir: 'ltr', patient: plPatient, common: plCommon },
	{ lang: 'ur', dir: 'rtl', patient: urPatient, common: urCommon },
	{ lang: 'zh-Hans', dir: 'ltr', patient: zhPatient, common: zhCommon },
	{ lang: 'so', dir: 'ltr', patient: soPatient, common: soCommon }
] as const;

for (const { lang, dir, patient: words, common } of languages)
	test(`a patient page in ${lang}: its buttons, feedback, notices and footer in ${lang}, JavaScript on and off`, async ({
		page,
		browser
	}) => {
		test.setTimeout(240_000); // three full axe scans, with JavaScript and without
		const check = async (phone: Page) => {
			const patient = new PatientPage(phone);
			await patient.open(slug, { lang, format: 'leaflet' });
			await expect(phone.locator('html')).toHaveAttribute('lang', lang);
			await expect(phone.locator('html')).toHaveAttribute('dir', dir);
			// The notice speaks the asked-for language; the English content says it is English.
			await expect(patient.missing.getByRole('heading', { level: 2 })).toHaveText(
				words.missing.languageHeading
			);
			await expect(patient.missing).toContainText(
				fill(words.missing.languageShown, { language: englishIn(lang) })
			);
			await expect(patient.missing).toContainText(words.missing.interpreter);
			await expect(patient.article).toHaveAttribute('lang', 'en');
			await expect(
				patient.feedback.getByRole('heading', { name: words.feedback.heading })
			).toBeVisible();
			await expect(
				patient.feedback.getByRole('group', { name: words.feedback.overall })
			).toBeVisible();
			await expect(patient.feedback.getByText(words.feedback.urgent.heading)).toBeVisible();
			await expect(
				patient.feedback.getByRole('button', { name: words.feedback.send })
			).toBeVisible();
			// The privacy notice in the page's language, not the content's, from the page and
			// footer, leading back to this page.
			for (const link of await phone.getByRole('link', { name: common.footer.privacy }).all())
				await expect(link).toHaveAttribute(
					'href',
					new RegExp(`^/privacy\\?lang=${lang}&from=%2Fo%2F`)
				);
			await expect(phone.getByRole('link', { name: common.skipLink })).toBeAttached();
		};
		await check(page);
		// With JavaScript: the text-size tools, and the feedback's answer without a reload.
		await expect(page.getByRole('button', { name: words.tools.larger })).toBeVisible();
		await expectNoAxeViolations(page);
		const patient = new PatientPage(page);
		await patient.send();
		await expect(patient.feedback.getByRole('status')).toHaveText(words.feedback.status.empty);

		await withoutJavaScript(browser, async (plain) => {
			await check(plain);
			await expect(plain.getByRole('button', { name: words.tools.larger })).toBeHidden();
			await expectNoAxeViolationsAsServed(plain, page);
			// Without JavaScript the form posts: the error summary comes back in the language.
			await new PatientPage(plain).send();
			const summary = plain.locator('.nhsuk-error-summary');
			await expect(summary).toContainText(common.errorSummary.title);
			await expect(summary).toContainText(words.feedback.errors.empty);
			await expect(plain.locator('html')).toHaveAttribute('lang', lang);
		});
	});

test('Urdu mirrors the whole page as Arabic does', async ({ page }) => {
	const patient = new PatientPage(page);
	for (const lang of ['ar', 'ur']) {
		await patient.open(slug, { lang, format: 'easyRead' });
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		// Each answer's radio sits at the start of its line, before its words: on the right. The
		// ring nhsuk-frontend draws (the label's ::before) is drawn over the input it stands for.
		const radio = await page.locator('#overall-veryGood').boundingBox();
		const label = await page.locator('label[for="overall-veryGood"]').boundingBox();
		if (!radio || !label) throw new Error(`${lang}: the answer's radio or label is not laid out`);
		expect(radio.x, lang).toBeGreaterThan(label.x + label.width / 2);
		const ringCentre = await page.locator('label[for="overall-veryGood"]').evaluate((el) => {
			const item = el.parentElement!.getBoundingClientRect();
			const ring = getComputedStyle(el, '::before');
			return item.left + parseFloat(ring.left) + parseFloat(ring.width) / 2;
		});
		expect(ringCentre, lang).toBeGreaterThan(radio.x);
		expect(ringCentre, lang).toBeLessThan(radio.x + radio.width);
		// Nothing scrolls sideways.
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, lang).toBeLessThanOrEqual(0);
	}
	await expect(
		patient.feedback.getByRole('button', { name: urPatient.feedback.send })
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
});

test('axe finds nothing in English, Arabic, Urdu and Polish, with the language list open', async ({
	page
}) => {
	test.setTimeout(240_000); // eight full axe scans
	const patient = new PatientPage(page);
	for (const [lang, switcher] of [
		['en', enCommon.language.switcher],
		['ar', arCommon.language.switcher],
		['ur', urCommon.language.switcher],
		['pl', plCommon.language.switcher]
	] as const) {
		await patient.open(slug, { lang, format: 'video' });
		await expectNoAxeViolations(page);
		const nav = page.getByRole('navigation', { name: switcher });
		await nav.locator('summary').click();
		await expect(nav.getByRole('link')).toHaveCount(12);
		await expectNoAxeViolations(page);
	}
});

test('the language list offers all thirteen written languages, keeping the format', async ({
	page
}) => {
	const patient = new PatientPage(page);
	await patient.open(slug, { lang: 'en', format: 'easyRead' });
	const nav = page.getByRole('navigation', { name: enCommon.language.switcher });
	// Folded away: the title stays on the first screen.
	await expect(nav.getByRole('link', { name: 'Polski' })).toBeHidden();
	await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
	await nav.locator('summary').click();
	for (const name of ['Cymraeg', 'Polski', 'Română', 'ਪੰਜਾਬੀ', 'اردو', 'Português', 'Español'])
		await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
	for (const name of ['العربية', 'বাংলা', 'ગુજરાતી', '简体中文', 'Soomaali'])
		await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
	await nav.getByRole('link', { name: 'Polski' }).click();
	await expect(page).toHaveURL(/\?lang=pl&format=easyRead$|\?format=easyRead&lang=pl$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
	await expect(page.getByRole('link', { name: plBriefing.format.leaflet })).toBeVisible();
	await expect(nav).toHaveCount(0); // named in Polish now
	await expect(page.getByRole('navigation', { name: plCommon.language.switcher })).toBeVisible();
});

test('the browser’s language picks a patient page’s, and a staff page keeps to its three', async ({
	browser
}) => {
	const context = await browser.newContext({
		locale: 'pa-IN',
		viewport: { width: 360, height: 740 }
	});
	try {
		const page = await context.newPage();
		await new PatientPage(page).open(slug, { format: 'leaflet' });
		await expect(page.locator('html')).toHaveAttribute('lang', 'pa');
		await expect(page.getByRole('heading', { name: paPatient.feedback.heading })).toBeVisible();

		// Staff pages are in English, Welsh and Arabic only: ?lang=pl is passed over, never an error.
		const answer = await page.goto('/sign-in?lang=pl');
		expect(answer?.status()).toBe(200);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		const nav = page.getByRole('navigation', { name: enCommon.language.switcher });
		await expect(nav.getByRole('link')).toHaveCount(2);
		await expect(nav.getByText('English')).toBeVisible();
	} finally {
		await context.close();
	}
});
