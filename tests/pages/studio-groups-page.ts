import { expect, type Locator, type Page } from '@playwright/test';

/** The studio's patient-group pages, as an engagement lead uses them. */
export class StudioGroupsPage {
	readonly errorSummary: Locator;
	readonly notice: Locator;
	readonly name: Locator;
	readonly description: Locator;

	constructor(readonly page: Page) {
		this.errorSummary = page.getByRole('heading', { name: 'There is a problem' }).locator('..');
		this.notice = page.getByRole('status');
		this.name = page.getByLabel('Name of the group');
		this.description = page.getByLabel('Description for ward staff');
	}

	async gotoList() {
		await this.page.goto('/studio/groups');
	}

	async startNew() {
		await this.gotoList();
		await this.page.getByRole('link', { name: 'Add a patient group' }).click();
		await expect(
			this.page.getByRole('heading', { level: 1, name: 'Add a patient group' })
		).toBeVisible();
	}

	/** Fills the form: formats in order of preference, needs and languages ticked. */
	async fill(group: {
		name: string;
		description?: string;
		needs?: string[];
		formats?: string[];
		languages?: string[];
		ages?: string[];
	}) {
		await this.name.fill(group.name);
		if (group.description !== undefined) await this.description.fill(group.description);
		for (const need of group.needs ?? [])
			await this.page.getByRole('group', { name: 'Communication needs' }).getByLabel(need).check();
		const places = ['1st choice', '2nd choice', '3rd choice', '4th choice'];
		for (const [i, format] of (group.formats ?? []).entries())
			await this.formatPlace(format).selectOption({ label: places[i] ?? '' });
		for (const language of group.languages ?? [])
			await this.page
				.getByRole('group', { name: 'Usual languages' })
				.getByLabel(language, { exact: true })
				.check();
		for (const age of group.ages ?? [])
			await this.page.getByRole('group', { name: 'Ages the group covers' }).getByLabel(age).check();
	}

	/** The place (1st choice…) of one format in the group's preferences. */
	formatPlace(format: string): Locator {
		return this.page
			.getByRole('group', { name: 'Preferred formats, in order' })
			.getByLabel(format, { exact: true });
	}

	async submitNew() {
		await this.page.getByRole('button', { name: 'Add the group' }).click();
	}

	async saveChanges() {
		await this.page.getByRole('button', { name: 'Save changes' }).click();
	}

	async addBriefing(topic: string) {
		await this.page.getByLabel('Add a briefing').selectOption({ label: topic });
		await this.page.getByRole('button', { name: 'Add the briefing' }).click();
		await expect(this.notice).toContainText('Briefings for this group saved');
	}

	async moveUp(topic: string) {
		await this.page.getByRole('button', { name: `Move up: ${topic}` }).click();
		await expect(this.notice).toContainText('Briefings for this group saved');
	}

	briefingsInOrder(): Locator {
		return this.page
			.getByRole('table', { name: 'Briefings this group gets on admission' })
			.locator('tbody th');
	}

	async archive() {
		await this.page.getByRole('button', { name: 'Archive the group' }).click();
		await expect(this.notice).toContainText('Group archived');
	}

	async unarchive() {
		await this.page.getByRole('button', { name: 'Bring the group back' }).click();
		await expect(this.notice).toContainText('The group is back');
	}
}
