import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';

/*
 * Issue 17, items 1 and 2 (hazard H79): a translator saves half an Arabic leaflet and finishes
 * it later, the version cannot be sent for review meanwhile; the lead changes the English, the
 * Arabic is flagged with a word diff and blocks approval until re-translated or a reason is
 * recorded. Approves but never publishes, so the shared server's ward sees nothing new.
 */
test.use({ actionTimeout: 15_000 });

async function signedIn(
	browser: Browser,
	account: { email: string; password: string },
	javaScriptEnabled = true
) {
	const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
	await signIn(page, account);
	return { page, studio: new StudioEditorPage(page) };
}

const ARABIC = 'العربية (Arabic)';

test('a half-done Arabic leaflet is kept but not sent for review; a changed English flags it and blocks approval until re-translated or explained', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const suffix = Date.now().toString(36);
	const { page: lead, studio } = await signedIn(browser, demo.lead);
	const versionUrl = await studio.createBriefing(`Calling for help ${suffix}`, `help-${suffix}`);

	await test.step('the English leaflet, complete', async () => {
		await studio.addVariant('Leaflet', 'English');
		await studio.field('Title').fill('Calling for help');
		await studio.field('Section 1: heading').fill('When to call');
		await studio.field('Section 1: part 1').fill('Press the bell if you feel unwell.');
		await studio.saveAndExpectSaved();
		await lead.goto(versionUrl);
		await studio.giveEvidence();
	});

	await test.step('half an Arabic leaflet is saved, with its progress', async () => {
		await lead.goto(versionUrl);
		await studio.addVariant('Leaflet', ARABIC);
		await studio.field('Title').fill('طلب المساعدة');
		await studio.save.click();
		await expect(lead.getByRole('status')).toHaveText(
			'Saved. This translation is not finished: it is kept, but the version cannot be sent for review until every field is translated. Patients never see it.'
		);
		await expect(studio.field('Title')).toHaveValue('طلب المساعدة');
		await expect(lead.locator('#progress')).toHaveText('Not finished 1 of 3 fields translated');
		await expectNoAxeViolations(lead);
	});

	await test.step('the version cannot be submitted with it', async () => {
		await lead.goto(versionUrl);
		const row = lead.getByRole('row', { name: /Leaflet العربية/ });
		await expect(row).toContainText('Not finished');
		await expect(row).toContainText('1 of 3 fields translated');
		await studio.takeStep('Submit for review');
		await expect(studio.errorSummary).toContainText(
			`Leaflet in ${ARABIC} is not finished (1 of 3 fields translated): finish it or remove it first`
		);
		await expect(studio.status()).toHaveText('Draft');
		await expectNoAxeViolations(lead);
	});

	await test.step('a Welsh leaflet started by mistake is removed, asked first', async () => {
		await lead.goto(versionUrl);
		await studio.addVariant('Leaflet', 'Cymraeg (Welsh)');
		await studio.save.click();
		await expect(lead.getByRole('status')).toContainText('This translation is not finished');
		await lead.goto(versionUrl);
		const welsh = lead.getByRole('row', { name: /^Leaflet Cymraeg/ });
		// Remove asks first, naming the format and language, focus on the question; Cancel keeps it.
		await welsh.getByRole('link', { name: 'Remove: Leaflet, cy' }).click();
		await expect(lead).toHaveURL(/\?remove=leaflet:cy#remove-confirm$/);
		const confirm = lead.locator('#remove-confirm');
		await expect(confirm.getByRole('heading', { level: 3 })).toHaveText(
			'Important: Remove Leaflet in \u2068Cymraeg (Welsh)\u2069?'
		);
		await expect(confirm).toContainText('This cannot be undone.');
		await expect(confirm).toBeFocused();
		await lead.keyboard.press('Tab');
		await expect(confirm.getByRole('button', { name: 'Yes, remove it' })).toBeFocused();
		await expectNoAxeViolations(lead);
		await confirm.getByRole('link', { name: 'Cancel' }).click();
		await expect(confirm).toHaveCount(0);
		await expect(welsh).toContainText('0 of 3 fields translated');

		// Without JavaScript, the same two steps: the link's address brings the question into view.
		const { page: noScript } = await signedIn(browser, demo.lead, false);
		await noScript.goto(versionUrl);
		await noScript.getByRole('link', { name: 'Remove: Leaflet, cy' }).click();
		await expect(noScript).toHaveURL(/#remove-confirm$/);
		const yes = noScript.getByRole('button', { name: 'Yes, remove it' });
		await expect(yes).toBeInViewport();
		await yes.click();
		await expect(noScript.getByRole('status')).toHaveText(
			'Leaflet in \u2068Cymraeg (Welsh)\u2069 removed.'
		);
		await expect(noScript.getByRole('row', { name: /^Leaflet Cymraeg/ })).toHaveCount(0);
		await expect(noScript.getByRole('row', { name: /^Leaflet العربية/ })).toBeVisible();
		await noScript.context().close();
		await lead.goto(versionUrl.replace(/\/v\/1$/, ''));
		await expect(
			lead
				.getByRole('table', { name: 'Audit trail' })
				.getByRole('cell', { name: /^Removed a format/ })
		).toHaveCount(1);
		await lead.goto(versionUrl);
	});

	await test.step('the translator finishes it later and ticks it checked', async () => {
		await lead.getByRole('link', { name: 'Edit: Leaflet, ar' }).click();
		await expect(studio.field('Title')).toHaveValue('طلب المساعدة');
		await studio.field('Section 1: heading').fill('متى تتصل');
		await studio.field('Section 1: part 1').fill('اضغط الجرس إذا شعرت بتوعك.');
		await lead.getByLabel('A qualified translator has checked this translation').check();
		await studio.saveAndExpectSaved();
		await expect(lead.locator('#progress')).toHaveText('3 of 3 fields translated');
	});

	await test.step('the lead changes the English: the Arabic is flagged with the diff', async () => {
		await lead.goto(`${versionUrl}/leaflet/en`);
		await studio.field('Title').fill('Calling for help on the ward');
		await studio.field('Section 1: part 1').fill('Press the red bell if you feel unwell.');
		await studio.saveAndExpectSaved();

		await lead.goto(`${versionUrl}/leaflet/ar`);
		await expect(
			lead.getByRole('heading', { name: 'English changed since it was translated' })
		).toBeVisible();
		await expect(lead.getByRole('insertion')).toHaveText(['Added:on the ward', 'Added:red']);
		await expect(
			lead.getByLabel('A qualified translator has checked this translation')
		).not.toBeChecked();
		await expectNoAxeViolations(lead);

		await lead.goto(versionUrl);
		await expect(lead.getByRole('row', { name: /Leaflet العربية/ })).toContainText(
			'English changed: 2 fields'
		);
		await expect(
			lead.getByRole('textbox', { name: 'Why the change does not affect Title' })
		).toBeVisible();
		await expectNoAxeViolations(lead);
		await studio.takeStep('Submit for review');
		await expect(studio.status()).toHaveText('In review');
	});

	const { page: reviewer, studio: review } = await signedIn(browser, demo.reviewer);
	await test.step('the reviewer sees the flags and cannot approve', async () => {
		await reviewer.goto(versionUrl);
		await expect(
			reviewer.getByRole('heading', { name: 'English changed since it was translated' })
		).toBeVisible();
		await expect(reviewer.getByRole('deletion')).toHaveCount(0);
		await expect(reviewer.getByRole('insertion')).toHaveText(['Added:on the ward', 'Added:red']);
		await review.takeStep('Approve');
		await expect(review.errorSummary).toContainText(
			`Leaflet in ${ARABIC} was translated from text that has since changed`
		);
		await expect(review.status()).toHaveText('In review');
		await expectNoAxeViolations(reviewer);
		await reviewer.goto(`${versionUrl}?lang=ar`);
		await expect(reviewer.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(
			reviewer.getByRole('heading', { name: 'تغيّرت الإنجليزية منذ الترجمة' })
		).toBeVisible();
		await expectNoAxeViolations(reviewer);
		await reviewer.goto(`${versionUrl}?lang=en`);
		await review.returnWithComment('The Arabic is out of date.');
		await expect(review.status()).toHaveText('Returned');
	});

	await test.step('re-translating one field and a reason for the other clear the flags', async () => {
		await lead.goto(`${versionUrl}/leaflet/ar`);
		await studio.field('Title').fill('طلب المساعدة في الجناح');
		await studio.saveAndExpectSaved();
		await expect(lead.getByRole('insertion')).toHaveText(['Added:red']);

		await lead.goto(versionUrl);
		const reason = lead.getByRole('textbox', {
			name: 'Why the change does not affect Section 1: part 1'
		});
		await lead.getByRole('button', { name: 'Record the reason' }).click();
		await expect(studio.errorSummary).toContainText(
			'Say why the change does not affect this translation, in up to 500 characters'
		);
		await expectNoAxeViolations(lead);
		await reason.fill('The Arabic already says the bell is red.');
		await lead.getByRole('button', { name: 'Record the reason' }).click();
		await expect(lead.getByText('English changed: 2 fields')).toBeHidden();
		await expect(lead.getByText('The Arabic already says the bell is red.')).toBeVisible();

		await lead.goto(`${versionUrl}?lang=ar`);
		await expect(lead.locator('html')).toHaveAttribute('lang', 'ar');
		await expectNoAxeViolations(lead);
		await lead.goto(`${versionUrl}/leaflet/ar?lang=ar`);
		await expectNoAxeViolations(lead);
		await lead.goto(`${versionUrl}?lang=en`);
		await studio.takeStep('Submit for review');
		await expect(studio.status()).toHaveText('In review');
	});

	await test.step('the reviewer reads the reason and approves', async () => {
		await reviewer.goto(versionUrl);
		// No word diff of a stale field; only what changed since the return (H81): the Arabic title.
		const since = reviewer.getByRole('region', { name: /^Changes since you returned it on / });
		await expect(since.getByRole('insertion')).toHaveText(['Added:في الجناح']);
		await expect(reviewer.getByRole('insertion')).toHaveCount(1);
		await expect(reviewer.getByRole('deletion')).toHaveCount(0);
		await expect(reviewer.getByText('The Arabic already says the bell is red.')).toBeVisible();
		await review.takeStep('Approve');
		await expect(review.status()).toHaveText('Approved');
	});
});
