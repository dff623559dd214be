import { expect, test } from '@playwright/test';
import { demo } from './demo-accounts';
import { MeasurementPage } from './pages/measurement-page';
import { signIn } from './pages/sign-in-page';
import { localDay } from '../src/lib/domain/local-time';
import { weekStartOf } from '../src/lib/domain/measurement/period';

/*
 * WCAG 1.4.10 reflow: at 320 CSS pixels wide (a phone, or 1280 at 400% zoom) no studio page
 * scrolls sideways as a whole. Wide tables scroll inside their own focusable region instead.
 * A reviewer signs off on a phone; a lead zooms in.
 */
test.use({ viewport: { width: 320, height: 720 } });

test('studio and measurement pages reflow at 320 px in English and Arabic', async ({ page }) => {
	test.setTimeout(240_000);
	await signIn(page, demo.lead);
	await page.goto('/studio/briefings');
	await page.getByRole('link', { name: 'Your safety on our ward' }).click();
	await expect(page).toHaveURL(/\/studio\/briefings\/[0-9a-f-]+$/);
	const briefing = new URL(page.url()).pathname;
	const paths = [
		'/studio',
		'/studio/briefings',
		briefing,
		`${briefing}/v/1`,
		'/studio/groups',
		'/studio/matrix',
		'/studio/deliveries',
		'/studio/feedback',
		'/studio/measurement',
		'/studio/measurement/coverage',
		'/studio/measurement/equity',
		'/studio/measurement/admissions'
	];
	for (const lang of ['en', 'ar'])
		for (const path of paths) {
			await page.goto(`${path}?lang=${lang}`);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(width, `${path} in ${lang}`).toBeLessThanOrEqual(320);
		}
	// A table wider than the screen scrolls in a region a keyboard can reach. The journeys'
	// server has no demo history, so the chart is given a week of its own to show.
	const m = new MeasurementPage(page);
	await page.goto('/studio/measurement/admissions?lang=en');
	await m.enterAdmissions('Ward 7', weekStartOf(localDay(new Date(), 'Europe/London')), '40');
	await expect(m.status).toContainText('Admissions saved.');
	await page.goto('/studio/measurement/coverage?lang=en');
	const region = page.getByRole('region', { name: 'Coverage: the numbers behind the chart' });
	await region.focus();
	await expect(region).toBeFocused();
	const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
	expect(scrolls).toBe(true);
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
});
