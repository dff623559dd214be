import { expect, type Locator, type Page } from '@playwright/test';

/** The studio's content-pack page: share a briefing, import one. */
export class ContentPacksPage {
	readonly errorSummary: Locator;
	readonly preview: Locator;
	readonly notice: Locator;

	constructor(readonly page: Page) {
		this.errorSummary = page.getByRole('heading', { name: 'There is a problem' }).locator('..');
		this.preview = page
			.getByRole('heading', { name: 'Check what will be imported' })
			.locator('xpath=..');
		this.notice = page.getByRole('status');
	}

	async goto() {
		await this.page.goto('/studio/packs');
		await expect(this.page.getByRole('heading', { level: 1, name: 'Content packs' })).toBeVisible();
	}

	/** Downloads a briefing's pack and answers its bytes. */
	async export(topic: string, licence: string, attribution: string): Promise<Buffer> {
		await this.page.getByLabel('Briefing', { exact: true }).selectOption({ label: topic });
		await this.page.getByLabel(licence).check();
		await this.page.getByLabel('Attribution', { exact: true }).fill(attribution);
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.page.getByRole('button', { name: 'Download the pack' }).click()
		]);
		const stream = await download.createReadStream();
		const chunks: Buffer[] = [];
		for await (const chunk of stream) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks);
	}

	async check(file: { name: string; buffer: Buffer }) {
		await this.page
			.getByLabel('Content pack file')
			.setInputFiles({ ...file, mimeType: 'application/zip' });
		await this.page.getByRole('button', { name: 'Check the pack' }).click();
	}

	async confirm() {
		await this.page.getByRole('button', { name: 'Import as a draft' }).click();
		await expect(this.notice).toContainText('as a draft');
	}
}
