import { expect, type Locator, type Page } from '@playwright/test';

/** The lead's "Records held for checking" page: what ward tablets sent with content no longer in use. */
export class HeldRecordsPage {
	readonly heading: Locator;
	readonly records: Locator;
	readonly status: Locator;
	readonly errorSummary: Locator;
	readonly setAsideQuestion: Locator;
	/** Runs of records from one ward, version and reason: the table's rows under its header. */
	readonly runs: Locator;
	readonly countRunQuestion: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { level: 1 });
		this.records = page
			.getByRole('region')
			.filter({ has: page.getByRole('heading', { level: 3 }) });
		this.status = page.getByRole('status');
		this.errorSummary = page.getByRole('heading', { name: 'There is a problem' }).locator('..');
		this.setAsideQuestion = page.locator('#set-aside');
		// By its heading's id, not its words: the same in every language.
		this.runs = page
			.locator('table[aria-labelledby="groups"]')
			.getByRole('row')
			.filter({ has: page.getByRole('cell') });
		this.countRunQuestion = page.locator('#count-all');
	}

	/** From the measurement home, by its link (which says how many wait). */
	async openFromHome(waiting: number) {
		await this.page.goto('/studio/measurement');
		const link = this.page.getByRole('link', { name: 'Records held for checking' });
		await expect(link.locator('..')).toContainText(`${waiting} to check`);
		await link.click();
		await expect(this.heading).toHaveText('Records held for checking');
	}

	record(label: string): Locator {
		return this.page.getByRole('region', { name: label, exact: true });
	}

	async count(label: string) {
		await this.page.getByRole('button', { name: `Count it ${label}`, exact: true }).click();
	}

	async askToSetAside(label: string) {
		await this.page.getByRole('link', { name: `Set aside ${label}`, exact: true }).click();
		await expect(this.setAsideQuestion).toBeFocused();
	}

	async setAside(reason?: string) {
		if (reason) await this.setAsideQuestion.getByLabel(reason, { exact: true }).check();
		await this.setAsideQuestion.getByRole('button', { name: 'Set aside', exact: true }).click();
	}

	/** A run's "Count all N" link, then its question, which takes focus. */
	async askToCountRun(name: string) {
		await this.runs.getByRole('link', { name: new RegExp(`^${name} `) }).click();
		await expect(this.countRunQuestion).toBeFocused();
	}

	/** A run's "Set aside all N" link, then its question (why?), which takes focus. */
	async askToSetAsideRun(name: string) {
		await this.runs.getByRole('link', { name: new RegExp(`^${name} `) }).click();
		await expect(this.setAsideQuestion).toBeFocused();
	}

	/** The records set aside, by the link on the held list. */
	async openSetAside() {
		await this.page.getByRole('link', { name: 'Records set aside', exact: true }).click();
		await expect(this.heading).toHaveText('Records set aside');
	}

	/** On the records set aside: each one's card, named by its heading. */
	get setAsideRecords(): Locator {
		return this.page.getByRole('region', { name: /^Record \d+: / });
	}

	async countAfterAll(label: string) {
		await this.page
			.getByRole('button', { name: `Count it after all ${label}`, exact: true })
			.click();
	}
}
