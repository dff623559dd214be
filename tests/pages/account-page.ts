import { expect, type Locator, type Page } from '@playwright/test';

/** "Your account" (/account): a signed-in person's language and email choices. */
export class AccountPage {
	readonly heading: Locator;
	readonly save: Locator;

	constructor(
		readonly page: Page,
		/** The page's words in the language it is shown in (the test reads them from locales/). */
		readonly words: { title: string; submit: string; saved: string } = {
			title: 'Your account',
			submit: 'Save',
			saved: 'Your choices are saved.'
		}
	) {
		this.heading = page.getByRole('heading', { level: 1, name: words.title });
		this.save = page.getByRole('button', { name: words.submit, exact: true });
	}

	async goto() {
		await this.page.goto('/account');
		await expect(this.heading).toBeVisible();
	}

	/** Chooses a language by its own name ("العربية") and saves. */
	async chooseLanguage(nativeName: string) {
		await this.page.getByRole('radio', { name: nativeName, exact: true }).check();
		await this.save.click();
	}
}
