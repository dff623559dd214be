import { expect, type Locator, type Page } from '@playwright/test';
import { briefingPath } from '../demo-accounts';

/** The patient's view of a briefing on their own phone. */
export class PatientPage {
	readonly article: Locator;
	readonly feedback: Locator;
	/** What the link asked for and the briefing does not have. */
	readonly missing: Locator;
	/** "Page last reviewed" and "Next review due". */
	readonly reviewed: Locator;

	constructor(readonly page: Page) {
		this.article = page.locator('article');
		this.feedback = page.locator('.app-feedback');
		this.missing = page.locator('.app-missing');
		this.reviewed = page.locator('.app-reviewed');
	}

	async open(slug: string, params: Record<string, string>) {
		return this.page.goto(`${briefingPath(slug)}?${new URLSearchParams(params)}`);
	}

	/** Answers by the answers' values, whatever the page's language. */
	async answer(answers: { overall?: string; knowsHowToGetHelp?: string; freeText?: string }) {
		if (answers.overall) await this.page.locator(`#overall-${answers.overall}`).check();
		if (answers.knowsHowToGetHelp)
			await this.page.locator(`#knowsHowToGetHelp-${answers.knowsHowToGetHelp}`).check();
		if (answers.freeText) await this.page.locator('#freeText').fill(answers.freeText);
	}

	/** Until the worker has this page and its pictures (a first visit keeps them once it is active). */
	async waitUntilKeptForOffline() {
		await this.page.waitForFunction(async () => {
			const page = await caches.match(location.href);
			const pictures = [...document.querySelectorAll('img')].map((img) => img.src);
			const kept = await Promise.all(pictures.map((src) => caches.match(src)));
			return Boolean(page) && kept.every(Boolean);
		});
	}

	/** Every picture in the briefing has loaded (from the network or the worker's cache). */
	async expectPicturesShown(count: number) {
		const pictures = this.article.locator('img');
		await expect(pictures).toHaveCount(count);
		for (const picture of await pictures.all())
			await expect
				.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
				.toBeGreaterThan(0);
	}

	async send() {
		await this.feedback.locator('button[type="submit"]').click();
	}
}

export const randomToken = () =>
	Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
