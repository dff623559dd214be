import type { Locator, Page } from '@playwright/test';

/** A name, matched literally at the start of an accessible name. */
export const startingWith = (name: string) =>
	new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** The regional lead's view (/region) and the admin's regional sharing (/admin/region). */
export class RegionPage {
	readonly heading: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { level: 1 });
	}

	goto(path = '/region') {
		return this.page.goto(path);
	}

	/** A measure's section, by its heading. */
	section(measure: string): Locator {
		return this.page.getByRole('region', { name: measure, exact: true });
	}

	funnelPlot(measure: string): Locator {
		return this.section(measure).getByRole('img', {
			name: startingWith(`Funnel plot of ${measure}`)
		});
	}

	funnelTable(measure: string): Locator {
		return this.section(measure).getByRole('table');
	}

	/** The organisation's row in a measure's funnel table. */
	row(measure: string, organisation: string): Locator {
		return this.funnelTable(measure).getByRole('row', { name: startingWith(organisation) });
	}

	/** The text of every table cell on the page that holds a number alone. */
	async numberCells(): Promise<string[]> {
		const cells = await this.page.getByRole('cell').allInnerTexts();
		return cells.map((c) => c.trim()).filter((c) => /^\d+$/.test(c));
	}
}

export class RegionalSharingPage {
	constructor(readonly page: Page) {}

	goto() {
		return this.page.goto('/admin/region');
	}

	measure(name: string): Locator {
		return this.page.getByRole('checkbox', { name });
	}

	async share(choices: Record<string, boolean>) {
		for (const [name, shared] of Object.entries(choices))
			await this.measure(name).setChecked(shared);
		await this.page.getByRole('button', { name: 'Save sharing' }).click();
		await this.page.getByRole('status').filter({ hasText: 'Sharing saved.' }).waitFor();
	}
}

/** The regional lead's page of figures sent from other services (/region/received). */
export class ReceivedFiguresPage {
	readonly heading: Locator;
	readonly errorSummary: Locator;
	readonly status: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { level: 1 });
		this.errorSummary = page.locator('.nhsuk-error-summary');
		this.status = page.getByRole('status');
	}

	goto() {
		return this.page.goto('/region/received');
	}

	/** Chooses the key file: the page shows its fingerprint to check before anything is added. */
	async chooseKeyFile(keyFile: string) {
		await this.page.getByLabel('Key file').setInputFiles(keyFile);
		await this.page.getByRole('button', { name: 'Add organisation' }).click();
	}

	/** The warning callout asking the lead to check (or confirm) before anything changes. */
	callout(heading: string | RegExp): Locator {
		return this.page.locator('.nhsuk-warning-callout').filter({
			has: this.page.getByRole('heading', { name: heading })
		});
	}

	async receive(figuresFile: string) {
		await this.page.getByLabel('Figures file').setInputFiles(figuresFile);
		await this.page.getByRole('button', { name: 'Receive figures' }).click();
	}

	/** The row of an organisation that sends its figures. */
	row(name: string): Locator {
		return this.page.getByRole('row', { name: startingWith(name) });
	}
}
