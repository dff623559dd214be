import { expect, type Locator, type Page } from '@playwright/test';

/** The content studio's briefing, version and variant pages, by what a lead does on them. */
export class StudioEditorPage {
	readonly save: Locator;
	readonly errorSummary: Locator;
	readonly saved: Locator;

	constructor(readonly page: Page) {
		this.save = page.getByRole('button', { name: 'Save', exact: true });
		this.errorSummary = page.locator('.nhsuk-error-summary');
		this.saved = page.getByRole('status').filter({ hasText: 'Saved.' });
	}

	async createBriefing(topic: string, slug: string) {
		await this.page.goto('/studio/briefings');
		await this.page.getByLabel('Topic').fill(topic);
		await this.page.getByLabel('Web address name').fill(slug);
		await this.page.getByRole('button', { name: 'Create briefing' }).click();
		await expect(this.page).toHaveURL(/\/studio\/briefings\/[0-9a-f-]+\/v\/1$/);
		return this.page.url();
	}

	/** From a version page: opens the editor of a format in a language. */
	async addVariant(format: string, language: string) {
		await this.page.getByLabel('Format', { exact: true }).selectOption({ label: format });
		await this.page.getByLabel('Language', { exact: true }).selectOption({ label: language });
		await this.page.getByRole('button', { name: 'Add', exact: true }).click();
		await expect(this.page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
	}

	/** An easy-read row's picture choice: a symbol by name, or 'Your uploaded picture'. */
	symbol(row: number, name: string) {
		return this.pictureGroup(row).getByRole('radio', { name, exact: true });
	}

	pictureGroup(row: number) {
		return this.page.getByRole('group', { name: `Row ${row}: picture`, exact: true });
	}

	/** The row's picture as it shows when chosen: "Change the picture (now: bell)". */
	chosenPicture(row: number) {
		return this.pictureGroup(row).locator('summary');
	}

	/** Opens a row's picture grid, as a lead does on a row that already has a picture. */
	async openPictures(row: number) {
		const details = this.pictureGroup(row).locator('details');
		if ((await details.getAttribute('open')) === null) await this.chosenPicture(row).click();
		await expect(details).toHaveAttribute('open', '');
	}

	/** The video's caption tracks, by language name, as listed in its editor. */
	captionTracks() {
		return this.page.getByRole('term');
	}

	field(label: string | RegExp) {
		return this.page.getByLabel(label, { exact: typeof label === 'string' });
	}

	/**
	 * Leaves a form holding work not saved, as the journey means to: the page asks first (for a
	 * page loaded anew, the browser's own question) and the lead says yes.
	 */
	async leaveUnsaved(go: () => Promise<unknown>) {
		const asked = new Promise<string>((resolve) =>
			this.page.once('dialog', async (dialog) => {
				resolve(dialog.type());
				await dialog.accept();
			})
		);
		await go();
		expect(await asked).toBe('beforeunload');
	}

	async saveAndExpectSaved() {
		await this.save.click();
		await expect(this.saved).toBeVisible();
	}

	async backToVersion() {
		await this.page.locator('.nhsuk-back-link').click();
		await expect(this.page.getByRole('heading', { name: 'Formats and languages' })).toBeVisible();
	}

	/**
	 * On the version's page: a review-by date a year ahead, an evidence link and a note of user
	 * testing, which a version needs before it may be submitted.
	 */
	async giveEvidence(link = 'https://www.nice.org.uk/guidance/ng161') {
		const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
		await this.page.getByLabel('Review by').fill(nextYear);
		await this.page.getByLabel('Evidence links').fill(link);
		await this.page.getByLabel('User testing').fill('Tried with six patients on Ward 7.');
		await this.page.getByRole('button', { name: 'Save evidence and review' }).click();
		await expect(this.page.getByRole('status')).toContainText('Saved.');
	}

	/** A review step; Publish and Retire ask first, and are confirmed. */
	async takeStep(button: 'Submit for review' | 'Approve' | 'Publish' | 'Retire') {
		await this.page.getByRole('button', { name: button, exact: true }).click();
		if (button === 'Publish')
			await this.page.getByRole('button', { name: 'Yes, publish', exact: true }).click();
		if (button === 'Retire')
			await this.page.getByRole('button', { name: 'Yes, retire', exact: true }).click();
	}

	async returnWithComment(comment: string) {
		await this.page.getByLabel('Comments for the lead').fill(comment);
		await this.page.getByRole('button', { name: 'Return with comments' }).click();
	}

	status() {
		return this.page.getByRole('heading', { level: 1 }).locator('.nhsuk-tag');
	}
}
