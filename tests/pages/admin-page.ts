import { expect, type Locator, type Page } from '@playwright/test';

/** The organisation admin's pages (/admin), as an admin uses them. */
export class AdminPage {
	readonly errorSummary: Locator;
	readonly status: Locator;

	constructor(readonly page: Page) {
		this.errorSummary = page.locator('.nhsuk-error-summary');
		this.status = page.getByRole('status');
	}

	/** A warning callout by its heading: what the admin is asked to check before it happens. */
	callout(heading: string | RegExp): Locator {
		return this.page.locator('.nhsuk-warning-callout').filter({
			has: this.page.getByRole('heading', { name: heading })
		});
	}

	async gotoStaff() {
		await this.page.goto('/admin');
	}

	/** Adds a person and returns the one-time link shown for them. */
	async addPerson(person: { name: string; email: string; role: string; ward?: string }) {
		await this.page.goto('/admin/staff/new');
		await this.page.getByLabel('Name').fill(person.name);
		await this.page.getByLabel('Email').fill(person.email);
		await this.page.getByLabel('Role').selectOption({ label: person.role });
		await this.page
			.getByLabel('Ward', { exact: true })
			.selectOption({ label: person.ward ?? 'No ward' });
		await this.page.getByRole('button', { name: 'Add and make a link' }).click();
		await expect(
			this.page.getByRole('heading', { name: `${person.name} has been added` })
		).toBeVisible();
		const link = await this.page.locator('code').textContent();
		expect(link).toMatch(/\/set-password\/[\w-]{43}$/);
		return link!;
	}

	async openPerson(name: string) {
		await this.gotoStaff();
		await this.page.getByRole('link', { name, exact: true }).click();
		await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
	}

	rowOf(name: string): Locator {
		return this.page.getByRole('row', { name: new RegExp(name) });
	}
}

/** The anonymous page behind a one-time link. */
export class SetPasswordPage {
	readonly password: Locator;
	readonly confirm: Locator;
	readonly submit: Locator;

	constructor(readonly page: Page) {
		this.password = page.getByLabel('New password', { exact: true });
		this.confirm = page.getByLabel('Type the new password again');
		this.submit = page.getByRole('button', { name: 'Set password' });
	}

	async setPassword(password: string, confirm = password) {
		await this.password.fill(password);
		await this.confirm.fill(confirm);
		await this.submit.click();
	}
}
