import { expect, type Locator, type Page } from '@playwright/test';

/** The platform admin's pages: the list of organisations, one organisation, and its forms. */
export class PlatformPage {
	readonly heading: Locator;
	readonly organisations: Locator;
	readonly errorSummary: Locator;

	constructor(readonly page: Page) {
		this.heading = page.getByRole('heading', { level: 1 });
		this.organisations = page.getByRole('table', { name: 'Organisations' });
		this.errorSummary = page.locator('.nhsuk-error-summary');
	}

	async gotoList() {
		await this.page.goto('/platform');
	}

	async startNew() {
		await this.gotoList();
		await this.page.getByRole('link', { name: 'Create an organisation' }).click();
		await expect(this.heading).toHaveText('Create an organisation');
	}

	async fillOrganisation(fields: {
		name?: string;
		odsCode?: string;
		slug?: string;
		timeZone?: string;
		contact?: string;
		adminName?: string;
		adminEmail?: string;
	}) {
		const labels: Record<string, string> = {
			name: 'Name',
			odsCode: 'ODS code',
			slug: 'Address',
			timeZone: 'Time zone',
			contact: 'Contact details',
			adminName: 'Full name',
			adminEmail: 'Email address'
		};
		for (const [key, value] of Object.entries(fields))
			if (value !== undefined)
				await this.page.getByLabel(labels[key]!, { exact: true }).fill(value);
	}

	async submitNew() {
		await this.page.getByRole('button', { name: 'Create organisation' }).click();
	}

	/** The one-time set-password link shown after creating an organisation. */
	linkFor(email: string): Locator {
		return this.page.getByLabel(`Set-password link for ${email}`);
	}

	async openOrganisation(name: string) {
		await this.gotoList();
		await this.organisations.getByRole('link', { name }).click();
		await expect(this.heading).toHaveText(name);
	}

	/** The page links under the organisation's audit trail, which lists 50 changes a page. */
	get auditPages(): Locator {
		return this.page.getByRole('navigation', { name: 'Pages of what the platform has done' });
	}

	/**
	 * The audit trail's rows with a cell reading exactly `words`: an action ("Suspended"), or the
	 * whole detail of a one-fact change. Exactly, since a detail names facts in words too
	 * ("Suspended: No", in the organisation's creation).
	 */
	auditRow(words: string): Locator {
		return this.page
			.getByRole('table', { name: 'What the platform has done' })
			.getByRole('row')
			.filter({ has: this.page.getByRole('cell', { name: words, exact: true }) });
	}
}
