import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoAxeViolationsAsServed } from './accessibility';
import { briefingPath } from './demo-accounts';

const briefing = briefingPath('your-safety-on-our-ward');

const languages = [
	{ lang: 'en', dir: 'ltr' },
	{ lang: 'cy', dir: 'ltr' },
	{ lang: 'ar', dir: 'rtl' }
] as const;

for (const { lang, dir } of languages) {
	test(`anyone opens the published briefing in ${lang}, in every format`, async ({ page }) => {
		for (const format of ['video', 'leaflet', 'easyRead', 'faceToFace']) {
			const response = await page.goto(`${briefing}?lang=${lang}&format=${format}`);
			expect(response?.status()).toBe(200);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expect(page.locator('html')).toHaveAttribute('dir', dir);
			await expect(page.locator('article')).toHaveAttribute('lang', lang);
			await expect(page.locator('article h1')).not.toBeEmpty();
			await expectNoAxeViolations(page);
		}
	});
}

test('the patient page sets no cookies and needs no sign-in', async ({ page, context }) => {
	const response = await page.goto(`${briefing}?lang=cy`);
	expect(response?.headers()['set-cookie']).toBeUndefined();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Eich diogelwch ar ein ward' })
	).toBeVisible();
	expect(await context.cookies()).toEqual([]);
});

test('the video plays with captions in the chosen language on by default', async ({ page }) => {
	await page.goto(`${briefing}?lang=cy&format=video`);
	const video = page.locator('video');
	await expect(video).toHaveAttribute('controls', '');
	expect(await video.getAttribute('autoplay')).toBeNull();
	await expect(video.locator('track[default]')).toHaveAttribute('srclang', 'cy');
	// The captions and the video file are really served.
	const vtt = await page.request.get('/media/demo/your-safety-on-our-ward.cy.vtt');
	expect(await vtt.text()).toMatch(/^WEBVTT/);
	const mp4 = await page.request.get('/media/demo/your-safety-on-our-ward.mp4', {
		headers: { Range: 'bytes=0-99' }
	});
	expect(mp4.status()).toBe(206);
	// The transcript is on the page, in Welsh.
	await expect(page.getByText('Galwch, peidiwch â chwympo.')).toBeVisible();
});

test('the easy read puts each picture beside its sentence, with alt text', async ({ page }) => {
	await page.goto(`${briefing}?lang=en&format=easyRead`);
	const rows = page.locator('.app-easy-read li');
	await expect(rows).toHaveCount(6);
	await expect(rows.first().getByRole('img', { name: 'A hospital building' })).toBeVisible();
	const image = await rows.nth(1).getByRole('img').boundingBox();
	const text = await rows.nth(1).getByText('Press the call bell').boundingBox();
	expect(image && text && image.x < text.x).toBe(true);

	// Right to left, the picture moves to the right of the words.
	await page.goto(`${briefing}?lang=ar&format=easyRead`);
	const arImage = await page.locator('.app-easy-read li').nth(1).getByRole('img').boundingBox();
	const arText = await page.locator('.app-easy-read li').nth(1).locator('p').boundingBox();
	expect(arImage && arText && arImage.x > arText.x).toBe(true);
});

test('the patient page is fully readable with JavaScript off', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`${briefing}?lang=ar&format=leaflet`);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('article h1')).not.toBeEmpty();
	// No raw translation keys anywhere.
	await expect(page.locator('body')).not.toContainText('patient:');
	await expect(page.locator('body')).not.toContainText('briefing:');
	await expect(page.getByRole('main').getByRole('link', { name: 'English' })).toHaveAttribute(
		'href',
		'?lang=en&format=leaflet'
	);
	await context.close();
});

test('an unknown briefing gives a helpful page in the reader’s language', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'cy-GB' });
	const page = await context.newPage();
	const response = await page.goto(briefingPath('no-such-briefing'));
	expect(response?.status()).toBe(404);
	await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
	await expect(page.getByRole('link', { name: /hafan/i })).toHaveAttribute('href', '/');
	await expectNoAxeViolations(page);
	await context.close();
});

test('the privacy notice and accessibility statement keep the patient’s language and lead back to the briefing, without JavaScript', async ({
	browser,
	page: axePage
}) => {
	// Patient pages never hydrate: the way back is in the HTML as served. axe, which needs
	// JavaScript, checks that HTML in a page of its own (expectNoAxeViolationsAsServed).
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const back = (name: string) => page.getByRole('link', { name, exact: true });
	/** Where the served back link's chevron stands, in the page axe checked it in. */
	const chevron = (name: string) =>
		axePage.getByRole('link', { name, exact: true }).evaluate((a) => {
			const style = getComputedStyle(a, '::before');
			return { left: style.left, right: style.right };
		});

	await test.step('Arabic: the footer’s statement, then its notice, lead back; the link mirrors', async () => {
		await page.goto(`${briefing}?lang=ar&format=leaflet`);
		await page.locator('footer').getByRole('link', { name: 'بيان إمكانية الوصول' }).click();
		await expect(page).toHaveURL(/\/accessibility\?lang=ar&from=/);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(back('رجوع')).toHaveAttribute('href', `${briefing}?format=leaflet&lang=ar`);
		await expectNoAxeViolationsAsServed(page, axePage);
		// Right to left, the chevron stands at the start of the line (the right), not the left.
		const rtl = await chevron('رجوع');
		expect(rtl.right).toBe('0px');
		expect(rtl.left).not.toBe('0px');
		// On to the privacy notice from the statement's footer: the way back is still the briefing.
		await page.locator('footer').getByRole('link', { name: 'إشعار الخصوصية' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('إشعار الخصوصية');
		await back('رجوع').click();
		await expect(page).toHaveURL(`${briefing}?format=leaflet&lang=ar`);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.locator('article')).toHaveAttribute('lang', 'ar');
	});

	await test.step('English: the briefing’s own privacy link leads back, left to right', async () => {
		await page.goto(`${briefing}?lang=en&format=easyRead`);
		await page.locator('main').getByRole('link', { name: 'Privacy notice' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice');
		await expectNoAxeViolationsAsServed(page, axePage);
		expect((await chevron('Back')).left).toBe('0px');
		await back('Back').click();
		await expect(page).toHaveURL(`${briefing}?format=easyRead&lang=en`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});

	await test.step('a link made to lead to another site, or none, shows no back link', async () => {
		for (const from of ['//evil.example', '/.//evil.example', 'https://evil.example/'])
			for (const notice of ['/privacy', '/accessibility']) {
				await page.goto(`${notice}?lang=cy&from=${encodeURIComponent(from)}`);
				await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expect(back('Yn ôl')).toHaveCount(0);
			}
		await page.goto('/privacy?lang=cy');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(back('Yn ôl')).toHaveCount(0);
	});
	await context.close();
});

test('a phone keeps the easy read’s pictures and the video’s poster, and need not ask again', async ({
	page,
	request
}) => {
	await page.goto(`${briefing}?lang=en&format=easyRead`);
	const symbols = await page
		.locator('.app-easy-read img')
		.evaluateAll((images) => images.map((i) => new URL((i as HTMLImageElement).src).pathname));
	expect(symbols.length).toBeGreaterThan(0);
	for (const path of new Set(symbols.filter((p) => p.startsWith('/symbols/')))) {
		const first = await request.get(path);
		expect(first.status(), path).toBe(200);
		expect(first.headers()['cache-control'], path).toBe('public, max-age=31536000, immutable');
		// Should a browser check anyway, the answer is short and says the same.
		const etag = first.headers()['etag'] ?? '';
		const again = await request.get(path, { headers: { 'if-none-match': etag } });
		expect(again.status(), path).toBe(304);
		expect(again.headers()['cache-control'], path).toBe('public, max-age=31536000, immutable');
	}

	await page.goto(`${briefing}?lang=en&format=video`);
	const poster = await page.locator('video').getAttribute('poster');
	expect(poster).toMatch(/^\/media\//);
	const media = await request.get(poster!);
	expect(media.status()).toBe(200);
	expect(media.headers()['cache-control']).toBe(
		'public, max-age=86400, stale-while-revalidate=604800'
	);

	// A symbol that is not there is not kept as missing: it may be added.
	const missing = await request.get('/symbols/no-such-symbol.svg');
	expect(missing.status()).toBe(404);
	expect(missing.headers()['cache-control'] ?? '').not.toMatch(/max-age=[1-9]/);
});
