import { expect, type Locator, type Page } from '@playwright/test';

/** The lead's measurement pages: home, admissions, aims, one measure's chart. */
export class MeasurementPage {
	readonly errorSummary: Locator;
	readonly status: Locator;
	/** The home's tables of aims: current ones, and those achieved or stopped. */
	readonly currentAims: Locator;
	readonly closedAims: Locator;

	constructor(readonly page: Page) {
		this.errorSummary = page.getByRole('heading', { name: 'There is a problem' }).locator('..');
		this.status = page.getByRole('status');
		this.currentAims = page.getByRole('table', { name: 'Aims', exact: true });
		this.closedAims = page.getByRole('table', { name: 'Closed aims', exact: true });
	}

	async gotoHome() {
		await this.page.goto('/studio/measurement');
		await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(
			'Measurement for improvement'
		);
	}

	measureRow(name: string): Locator {
		return this.page
			.getByRole('table', { name: 'Measures for the whole organisation, by week' })
			.getByRole('row', { name: new RegExp(`^${name}`) });
	}

	async setAim(aim: {
		title: string;
		measure: string;
		target: string;
		dueBy: string;
		ward?: string;
	}) {
		await this.page.getByRole('link', { name: 'Set an aim' }).click();
		await this.page.getByLabel('What do you aim to achieve?').fill(aim.title);
		await this.page.getByLabel(aim.measure, { exact: true }).check();
		await this.page.getByLabel('How much: the target percentage').fill(aim.target);
		await this.page.getByLabel('By when').fill(aim.dueBy);
		if (aim.ward) await this.page.getByLabel(aim.ward, { exact: true }).check();
		await this.page.getByRole('button', { name: 'Save aim' }).click();
	}

	/** From the home, the page where an aim is corrected, closed or reopened. */
	async changeAim(title: string) {
		await this.gotoHome();
		await this.page
			.getByRole('link', { name: new RegExp(`^Change or (close|reopen) ${title}$`) })
			.click();
		await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(title);
	}

	async closeAim(outcome: 'Achieved' | 'Stopped') {
		await this.page.getByLabel(new RegExp(`^${outcome}:`)).check();
		await this.page.getByRole('button', { name: 'Close aim' }).click();
	}

	/** A change tried, in the list under the chart, by its words. */
	note(text: string): Locator {
		return this.page.getByRole('listitem').filter({ hasText: text });
	}

	async editNote(text: string, changes: { text?: string; ward?: string }) {
		await this.note(text)
			.getByRole('link', { name: /^Edit note \d+$/ })
			.click();
		await expect(this.page.getByRole('heading', { name: 'Edit a note' })).toBeVisible();
		if (changes.text !== undefined)
			await this.page.getByLabel('What was changed').fill(changes.text);
		if (changes.ward)
			await this.page.getByLabel('Ward (optional)').selectOption({ label: changes.ward });
		await this.page.getByRole('button', { name: 'Save note' }).click();
	}

	async enterAdmissions(ward: string, weekStart: string, admissions: string) {
		const form = this.page.locator('form', {
			has: this.page.getByRole('button', { name: 'Save admissions' })
		});
		await form.getByLabel('Ward').selectOption({ label: ward });
		await form.getByLabel('Week starting (a Monday)').fill(weekStart);
		await form.getByLabel('Admissions', { exact: true }).fill(admissions);
		await form.getByRole('button', { name: 'Save admissions' }).click();
	}

	/** The admissions pages' list of the weeks entered, a page at a time. */
	get admissionsEntered(): Locator {
		return this.page.getByRole('table', { name: 'Admissions entered' });
	}

	get admissionsPages(): Locator {
		return this.page.getByRole('navigation', { name: 'Pages of admissions entered' });
	}

	/** A week's row in the list: its date, ward and number, as the table shows them. */
	admissionsRow(week: string, ward: string, admissions?: number): Locator {
		const tail = admissions === undefined ? '' : `\\s+${admissions}$`;
		return this.admissionsEntered.getByRole('row', {
			name: new RegExp(`^${week}\\s+${ward}${tail}`)
		});
	}

	/** By the keyboard: the list's next or previous page. */
	async turnAdmissionsPage(which: 'Next' | 'Previous') {
		await this.admissionsPages.getByRole('link', { name: `${which} page` }).focus();
		await this.page.keyboard.press('Enter');
	}

	async importCsv(name: string, text: string) {
		await this.page.getByLabel('CSV file').setInputFiles({
			name,
			mimeType: 'text/csv',
			buffer: Buffer.from(text, 'utf8')
		});
		await this.page.getByRole('button', { name: 'Import admissions' }).click();
	}

	async openMeasure(name: string, filters: { ward?: string } = {}) {
		await this.gotoHome();
		await this.page.getByRole('link', { name, exact: true }).first().click();
		await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(name);
		if (filters.ward) {
			await this.page
				.getByLabel('Ward', { exact: true })
				.first()
				.selectOption({ label: filters.ward });
			await this.page.getByRole('button', { name: 'Show', exact: true }).click();
			// The filtered page has arrived (its links carry the filter) before anything is clicked.
			await expect(this.page).toHaveURL(/[?&]ward=/);
			await expect(
				this.page.getByRole('link', { name: 'Download this measure as CSV' })
			).toHaveAttribute('href', /[?&]ward=/);
		}
	}

	/** The row of the numbers table for the period shown as `label`. */
	tableRow(measure: string, label: string): Locator {
		return this.page
			.getByRole('table', { name: `${measure}: the numbers behind the chart` })
			.getByRole('row', { name: new RegExp(`^${label}`) });
	}

	async annotate(onDate: string, text: string) {
		await this.page.getByLabel('Date of the change').fill(onDate);
		await this.page.getByLabel('What was changed').fill(text);
		await this.page.getByRole('button', { name: 'Add to the charts' }).click();
	}
}
