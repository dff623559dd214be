import { expect, test, type Page } from '@playwright/test';
import arPatient from '../locales/ar/patient.json' with { type: 'json' };
import enPatient from '../locales/en/patient.json' with { type: 'json' };
import { expectNoAxeViolations } from './accessibility';
import { PatientPage } from './pages/patient-page';

/*
 * "Larger text" must make the briefing's own text larger, every piece of it, by the step's
 * factor: nhsuk-frontend gives each text element a fixed size, so scaling the article alone
 * once changed nothing a reader could see while the button claimed the largest size.
 */
const slug = 'your-safety-on-our-ward';
const steps = [1.25, 1.5, 2];
const formats = ['leaflet', 'easyRead', 'video', 'faceToFace'] as const;
test.use({ viewport: { width: 360, height: 740 } });

type Sizes = Record<string, number>;

/** The font size of the first of each kind of text in the briefing, and of the site header. */
function sizes(page: Page): Promise<{ article: Sizes; header: number }> {
	return page.evaluate(() => {
		const size = (element: Element) => parseFloat(getComputedStyle(element).fontSize);
		const article: Sizes = {};
		for (const kind of ['h1', 'h2', 'p', 'li', 'li p', '.nhsuk-body-s']) {
			const element = document.querySelector(`[data-briefing] ${kind}`);
			if (element) article[kind] = size(element);
		}
		return { article, header: size(document.querySelector('header a')!) };
	});
}

/** Each kind of text is `factor` times its size in `base`, within a pixel. */
function expectScaled(actual: Sizes, base: Sizes, factor: number, when: string) {
	expect(Object.keys(actual), when).toEqual(Object.keys(base));
	for (const [kind, px] of Object.entries(base))
		expect(
			Math.abs((actual[kind] ?? 0) - px * factor),
			`${kind} ${when}: ${actual[kind]}px`
		).toBeLessThanOrEqual(1);
}

for (const [lang, words] of [
	['en', enPatient],
	['ar', arPatient]
] as const) {
	test(`in ${lang}, larger text scales every format's text by each step, reflows, and is kept`, async ({
		page
	}) => {
		const patient = new PatientPage(page);
		const larger = page.getByRole('button', { name: words.tools.larger, exact: true });
		const smaller = page.getByRole('button', { name: words.tools.smaller, exact: true });
		for (const [i, format] of formats.entries()) {
			await test.step(format, async () => {
				await patient.open(slug, { lang, format });
				await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
				await expect(larger).toBeVisible();
				const opened = await sizes(page);
				while ((await smaller.getAttribute('aria-disabled')) !== 'true') await smaller.click();
				await expect(smaller).toHaveAttribute('aria-disabled', 'true');
				const base = await sizes(page);
				expect(Object.keys(base.article), format).toEqual(
					expect.arrayContaining(['h1', format === 'faceToFace' ? 'li' : 'p'])
				);
				// The choice made on the format before carries over to this one.
				if (i > 0) expectScaled(opened.article, base.article, 2, 'as opened');

				for (const step of steps) {
					await larger.click();
					expectScaled((await sizes(page)).article, base.article, step, `at ${step}`);
				}
				await expect(larger).toHaveAttribute('aria-disabled', 'true');
				const largest = await sizes(page);
				// The site's header keeps its size: only the briefing grows.
				expect(largest.header).toBe(base.header);
				// Reflow (WCAG 1.4.10): long words wrap, nothing scrolls sideways at 360 px.
				const overflow = await page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				);
				expect(overflow, `${format} at the largest size`).toBeLessThanOrEqual(0);
				await expectNoAxeViolations(page);

				await page.reload();
				await expect(larger).toHaveAttribute('aria-disabled', 'true');
				expectScaled((await sizes(page)).article, base.article, 2, 'after a reload');
			});
		}
	});
}
