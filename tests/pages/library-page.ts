import { expect, type Locator, type Page } from '@playwright/test';

/** The shared library (/studio/library) and its item, share and changes pages. */
export class LibraryPage {
	readonly heading: Locator;
	readonly status: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { level: 1 });
		this.status = page.getByRole('status');
	}

	async goto(query = '') {
		await this.page.goto(`/studio/library${query}`);
		await expect(this.heading).toBeVisible();
	}

	/** Shares a published briefing (by its option's text) with the default licence. */
	async share(briefing: string, notes: { evidence: string; userTesting: string; need: string }) {
		await this.page.getByRole('link', { name: 'Share a published briefing' }).click();
		await expect(this.page).toHaveURL(/\/studio\/library\/share$/);
		await this.page.getByLabel('Briefing').selectOption({ label: briefing });
		await this.page.getByLabel('Evidence', { exact: true }).fill(notes.evidence);
		await this.page.getByLabel('User testing', { exact: true }).fill(notes.userTesting);
		await this.page.getByRole('checkbox', { name: notes.need }).check();
		await this.page.getByRole('button', { name: 'Share with the library' }).click();
		await expect(this.page).toHaveURL(/\/studio\/library\/[0-9a-f-]{36}\?shared=1$/);
	}

	async search(filters: { topic?: string; format?: string }) {
		if (filters.topic) await this.page.getByLabel('Topic').fill(filters.topic);
		if (filters.format)
			await this.page.getByLabel('Format').selectOption({ label: filters.format });
		await this.page.getByRole('button', { name: 'Apply filters' }).click();
		await expect(this.page).toHaveURL(/\/studio\/library\?/);
	}

	result(topic: string) {
		return this.page.getByRole('heading', { level: 3 }).getByRole('link', { name: topic });
	}

	/** On an item's page: the lesson form's chart notes, and finding one by its words (Enter). */
	noteChoice() {
		return this.page.getByLabel('What you tried (a note on your charts)');
	}

	async findNotes(words: string) {
		await this.page.getByLabel('Find a note on your charts').fill(words);
		await this.page.getByLabel('Find a note on your charts').press('Enter');
		await expect(this.page).toHaveURL(
			new RegExp(`[?&]notes=${encodeURIComponent(words).replace(/%20/g, '\\+')}`)
		);
	}

	async adopt() {
		await this.page.getByRole('button', { name: 'Adopt as a draft' }).click();
		await expect(this.page).toHaveURL(/\/studio\/briefings\/[0-9a-f-]{36}$/);
	}
}
