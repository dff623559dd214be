import { expect, type Locator, type Page } from '@playwright/test';

/** A table as its reader sees it: header texts, and each row's heading and cells. */
export interface ReadTable {
	columns: string[];
	rows: Array<{ name: string; cells: string[] }>;
}

/** The engagement and equity page: the two tables and the call-outs. */
export class EquityPage {
	readonly matrix: Locator;
	readonly languages: Locator;
	readonly callouts: Locator;

	constructor(readonly page: Page) {
		this.matrix = page.getByRole('table', { name: 'Patient groups by format' });
		this.languages = page.getByRole('table', { name: 'Patient groups by language' });
		this.callouts = page
			.getByRole('heading', { name: 'Worth a look' })
			.locator('xpath=following-sibling::ul[1]')
			.getByRole('listitem');
	}

	async goto() {
		await this.page.goto('/studio/measurement/equity');
		await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Engagement and equity');
	}

	async read(table: Locator): Promise<ReadTable> {
		const columns = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
		const rows = [];
		for (const row of await table.locator('tbody tr').all())
			rows.push({
				name: (await row.getByRole('rowheader').innerText()).trim(),
				cells: (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim())
			});
		return { columns, rows };
	}
}
