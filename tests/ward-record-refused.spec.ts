import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';

/*
 * A record the server refuses (here, the tablet's clock an hour fast: "recorded in the future")
 * waits for a person, never for a retry. The saved step, which followed it from waiting, must
 * then not promise it will be sent: it says the server did not accept it, why, and to tell the
 * lead; today's list says "Refused" and why, and the refused records are listed.
 */
test('a record the server refuses: the saved step says it was not accepted, why, and to tell the lead', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signIn(page, demo.ward);
	const ward = new WardPage(page);
	await expect(ward.syncStatus).not.toContainText('Checking records on this device');
	// The tablet's clock goes an hour fast: what it records now is refused by the server.
	await page.clock.setFixedTime(new Date(Date.now() + 60 * 60_000));

	await ward.admitToSaved(/General adult inpatients/);
	const refusedRecords = page.getByRole('region', { name: '1 record the server refused' });
	await expect(refusedRecords).toBeVisible();
	await ward.expectWaiting(0);

	const saved = page.locator('.app-saved');
	await expect(saved).toContainText(
		'Saved on this device, but the server did not accept it, so it is not counted. Tell your engagement lead: it is listed below with the records the server refused.'
	);
	await expect(saved).toContainText("The device's clock is wrong. Check the date and time.");
	await expect(saved).not.toContainText('It will be sent when the network allows.');
	await expect(ward.todaySent.first()).toContainText('Refused');
	await expect(ward.todaySent.first()).toContainText(
		"The device's clock is wrong. Check the date and time."
	);
	await expect(refusedRecords).toContainText(
		"The device's clock is wrong. Check the date and time."
	);
	await expect(ward.syncStatus).toContainText('1 record refused: see below');
	// The page says so before the next record too, from the server's answers.
	await expect(
		page.getByRole('status').filter({ hasText: 'This device’s clock is wrong' })
	).toContainText('so the server refuses records made now. They stay on the device');
	await expectNoAxeViolations(page);
});
