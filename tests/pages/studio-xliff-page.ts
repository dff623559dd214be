import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';

/** A version page's "Work with a translation agency (XLIFF)" and the import's preview page. */
export class StudioXliffPage {
	readonly translateInto: Locator;
	readonly formats: Locator;
	readonly download: Locator;
	readonly file: Locator;
	readonly upload: Locator;
	readonly apply: Locator;
	readonly errorSummary: Locator;

	constructor(readonly page: Page) {
		this.translateInto = page.getByLabel('Translate into', { exact: true });
		this.formats = page.getByLabel('Formats', { exact: true });
		this.download = page.getByRole('button', { name: 'Download XLIFF file' });
		this.file = page.getByLabel('XLIFF file from the agency');
		this.upload = page.getByRole('button', { name: 'Upload and preview' });
		this.apply = page.getByRole('button', { name: 'Apply', exact: true });
		this.errorSummary = page.locator('.nhsuk-error-summary');
	}

	/** Downloads the file for a language (by its label) and formats; its name and text. */
	async exportFile(language: string, formats = 'All formats') {
		await this.translateInto.selectOption({ label: language });
		await this.formats.selectOption({ label: formats });
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.download.click()
		]);
		return {
			name: download.suggestedFilename(),
			text: await readFile(await download.path(), 'utf8')
		};
	}

	/** Uploads a file as the agency returned it; the page answers with a preview or refusal. */
	async uploadFile(name: string, text: string, file = this.file, upload = this.upload) {
		await file.setInputFiles({
			name,
			mimeType: 'application/xliff+xml',
			buffer: Buffer.from(text, 'utf8')
		});
		await upload.click();
	}

	previewRow(field: string) {
		return this.page.getByRole('row', { name: new RegExp(`^${field}\\b`) });
	}
}
