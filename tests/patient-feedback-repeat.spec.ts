import { expect, test, type Browser } from '@playwright/test';
import enPatient from '../locales/en/patient.json' with { type: 'json' };
import { expectNoAxeViolations, expectNoAxeViolationsAsServed } from './accessibility';
import { PatientPage, randomToken } from './pages/patient-page';
import { numberOf, rowsOf } from './support/database';
import { sharedDataDir } from './support/paths';

/*
 * Feedback sent once is stored once: without JavaScript the answer is a redirect to the page
 * with the thanks in view (refreshing it sends nothing), a refused send opens at the error
 * summary; with JavaScript the form is emptied once stored, so Send again stores nothing more.
 */

const slug = 'your-safety-on-our-ward';
const phone = { width: 360, height: 740 };
test.use({ viewport: phone });

const rowsWith = (comment: string) =>
	numberOf(sharedDataDir, 'select count(*) as n from feedback where free_text = ?', comment);

async function withoutJavaScript(browser: Browser) {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: phone });
	return { context, patient: new PatientPage(await context.newPage()) };
}

test('without JavaScript, a sent answer opens at the thanks, a refresh stores nothing, and the link’s token stays', async ({
	browser,
	page
}) => {
	const { context, patient } = await withoutJavaScript(browser);
	const token = randomToken();
	const comment = `Clear and kind ${randomToken()}`;
	await patient.open(slug, { lang: 'en', format: 'leaflet', t: token });
	await patient.answer({ overall: 'good', knowsHowToGetHelp: 'yes', freeText: comment });
	await patient.send();

	const thanks = patient.feedback.getByRole('status');
	await expect(thanks).toHaveText(enPatient.feedback.thanks);
	await expect(thanks).toBeInViewport();
	const sentTo = new URL(patient.page.url());
	expect(sentTo.searchParams.get('t')).toBe(token);
	expect(sentTo.hash).toBe('#feedback-heading');
	expect(rowsWith(comment)).toBe(1);
	await expectNoAxeViolationsAsServed(patient.page, page);

	await patient.page.reload();
	await expect(thanks).toHaveText(enPatient.feedback.thanks);
	expect(rowsWith(comment)).toBe(1);

	// A later answer from the thanks is stored too, through the same link.
	const later = `Later ${randomToken()}`;
	await patient.answer({ freeText: later });
	await patient.send();
	await expect.poll(() => rowsWith(later)).toBe(1);
	await expect(thanks).toBeInViewport();
	const tokens = rowsOf<{ token_hash: string | null }>(
		sharedDataDir,
		'select distinct token_hash from feedback where free_text in (?, ?)',
		comment,
		later
	);
	expect(tokens).toHaveLength(1);
	expect(tokens[0]!.token_hash).not.toBeNull();
	await context.close();
});

test('without JavaScript, sending nothing opens at the error summary', async ({
	browser,
	page
}) => {
	const { context, patient } = await withoutJavaScript(browser);
	await patient.open(slug, { lang: 'en', format: 'leaflet' });
	await patient.send();

	const summary = patient.page.locator('.nhsuk-error-summary');
	await expect(summary).toBeInViewport();
	await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeInViewport();
	expect(new URL(patient.page.url()).hash).toBe('#feedback-errors');
	await expectNoAxeViolationsAsServed(patient.page, page);
	await context.close();
});

test('with JavaScript, the form is emptied once sent: Send again stores nothing, a new answer is stored', async ({
	page
}) => {
	const patient = new PatientPage(page);
	const comment = `Good food ${randomToken()}`;
	await patient.open(slug, { lang: 'en', format: 'leaflet' });
	await patient.answer({ overall: 'veryGood', freeText: comment });
	await patient.send();

	const status = patient.feedback.getByRole('status');
	await expect(status).toHaveText(enPatient.feedback.thanks);
	const box = patient.feedback.getByRole('textbox', { name: /Anything else/ });
	await expect(box).toHaveValue('');
	await expect(page.locator('#overall-veryGood')).not.toBeChecked();
	await expect(patient.feedback.locator('#freeText-count')).toHaveText(
		'You have 1000 characters remaining'
	);
	await expectNoAxeViolations(page);

	await patient.send();
	await expect(status).toHaveText(enPatient.feedback.status.empty);
	expect(rowsWith(comment)).toBe(1);

	// Every response is kept: the same answers given again on purpose are a second one.
	await patient.answer({ overall: 'veryGood', freeText: comment });
	await patient.send();
	await expect(status).toHaveText(enPatient.feedback.thanks);
	expect(rowsWith(comment)).toBe(2);
});
