import { expect, test, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SmtpInbox } from '../src/lib/server/test-support/smtp-inbox';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { AccountPage } from './pages/account-page';
import { SignInPage, signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { OwnServer } from './support/own-server';

/*
 * Issue 17, item 5: email. The journey runs a real SMTP server and its own app server sending
 * to it. The reviewer has chosen Arabic; the lead submits, the reviewer's message arrives in
 * Arabic, its link opens the version after sign-in; the reviewer returns it with a comment and
 * the lead's message (in English) carries the comment. Submitted again and approved, the approval
 * is withdrawn by the lead: the reviewer who approved it is told, in Arabic, with the lead's
 * reason. axe on Your account and Admin → Email, in English and Arabic.
 */

let inbox: SmtpInbox;
let server: OwnServer;

test.beforeAll(async () => {
	inbox = await SmtpInbox.start();
	server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 36, {
		SMTP_URL: inbox.url,
		MAIL_FROM: 'Patient briefings <briefings@demo.example>'
	});
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
	await inbox.close();
});

type Strings = Record<string, Record<string, Record<string, string>>>;
const arabic = (ns: string) =>
	JSON.parse(readFileSync(new URL(`../locales/ar/${ns}.json`, import.meta.url), 'utf8')) as Strings;
const arAuth = arabic('auth').account as unknown as Record<string, string>;
const arEditor = arabic('editor').governance as unknown as Record<string, string>;

async function signedIn(browser: Browser, account: { email: string; password: string }) {
	const context = await browser.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await signIn(page, account);
	return page;
}

test('a submission reaches the reviewer in Arabic, its link opens the version, and a return reaches the lead with the comment', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const topic = `Call, don't fall ${Date.now().toString(36)}`;

	await test.step('the reviewer chooses Arabic on Your account', async () => {
		const page = await signedIn(browser, demo.reviewer);
		const account = new AccountPage(page);
		await page.getByRole('link', { name: 'Your account' }).click();
		await expect(account.heading).toBeVisible();
		await expect(page.getByRole('checkbox', { name: /sent for review, returned/ })).toBeChecked();
		await expectNoAxeViolations(page);
		await account.chooseLanguage('العربية');
		const inArabic = new AccountPage(page, arAuth as never);
		await expect(inArabic.heading).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.getByRole('status')).toHaveText(arAuth.saved!);
		await expect(page.getByRole('radio', { name: 'العربية', exact: true })).toBeChecked();
		await expectNoAxeViolations(page);
		await page.context().close();
	});

	const lead = await signedIn(browser, demo.lead);
	const studio = new StudioEditorPage(lead);
	const versionUrl = await test.step('the lead writes a leaflet and submits it', async () => {
		const url = await studio.createBriefing(topic, `mail-${Date.now().toString(36)}`);
		await studio.addVariant('Leaflet', 'English');
		await studio.field('Title').fill('Call, don’t fall');
		await studio.field('Section 1: heading').fill('Before you stand up');
		await studio.field('Section 1: part 1').fill('Press the call bell and wait for us.');
		await studio.saveAndExpectSaved();
		await lead.goto(url);
		await studio.giveEvidence();
		await studio.takeStep('Submit for review');
		await expect(studio.status()).toHaveText('In review');
		return url;
	});

	const link = await test.step('the reviewer’s message arrives, in Arabic', async () => {
		const message = await inbox.next((m) => m.to.includes(demo.reviewer.email));
		expect(message.to).toEqual([demo.reviewer.email]);
		expect(message.from).toBe('"Patient briefings" <briefings@demo.example>');
		expect(message.subject).toBe(`طلب مراجعة: ${topic}، الإصدار 1`);
		expect(message.text).toContain('مرحبًا Dr Rhys Reviewer،');
		expect(message.text).toContain('تصلك هذه الرسالة لأنك مراجع سريري في');
		const found = message.text.match(/https?:\/\/\S+\/studio\/briefings\/\S+\/v\/1/)?.[0];
		expect(found).toBe(`${server.origin}${new URL(versionUrl).pathname}`);
		return found!;
	});

	const comment = 'Say where the call bell is, and use “nurse”, not “staff”.';
	await test.step('its link opens the version after sign-in; the reviewer returns it', async () => {
		const context = await browser.newContext({ baseURL: server.origin });
		const page = await context.newPage();
		await page.goto(link);
		const signInPage = new SignInPage(page);
		await signInPage.signInAs(demo.reviewer);
		await expect(page).toHaveURL(link);
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('الإصدار 1 قيد المراجعة');
		await expect(page.getByText(topic).first()).toBeVisible();
		await page.getByLabel(arEditor.comment!).fill(comment);
		await page.getByRole('button', { name: arEditor.return }).click();
		await expect(page.getByLabel(arEditor.comment!)).toBeHidden();
		await context.close();
	});

	await test.step('the lead’s message arrives, in English, with the comment', async () => {
		// The lead may have this week's digest of reviews due too (the server started this week).
		const message = await inbox.next((m) => m.subject.startsWith('Returned'));
		expect(message.to).toEqual([demo.lead.email]);
		expect(message.subject).toBe(`Returned with comments: ${topic}, version 1`);
		expect(message.text).toContain(
			`Dr Rhys Reviewer has returned version 1 of “${topic}” to draft.`
		);
		expect(message.text).toContain(`Their comments:\n${comment}`);
		expect(message.text).toContain(`${server.origin}${new URL(versionUrl).pathname}`);
		expect(message.text).toContain(
			'You get this email because you sent this version for review at Northfield'
		);
	});

	await test.step('the lead submits it again and the reviewer approves it, in Arabic', async () => {
		await lead.goto(versionUrl);
		await studio.takeStep('Submit for review');
		await expect(studio.status()).toHaveText('In review');
		const again = await inbox.next((m) => m.to.includes(demo.reviewer.email));
		expect(again.subject).toBe(`طلب مراجعة: ${topic}، الإصدار 1`);
		const page = await signedIn(browser, demo.reviewer);
		await page.goto(versionUrl);
		await page.getByRole('button', { name: arEditor.approve, exact: true }).click();
		await expect(page.getByRole('button', { name: arEditor.approve, exact: true })).toHaveCount(0);
		await page.context().close();
		const approved = await inbox.next((m) => m.subject.startsWith('Approved'));
		expect(approved.to).toEqual([demo.lead.email]);
	});

	const reason = 'The call bell has moved: the leaflet must say where it is now.';
	await test.step('the lead withdraws the approval: the reviewer who approved it is told, in Arabic, with the reason', async () => {
		await lead.goto(versionUrl);
		await expect(studio.status()).toHaveText('Approved');
		await lead.getByLabel('Why it is going back to draft').fill(reason);
		await lead.getByRole('button', { name: 'Withdraw approval' }).click();
		// Back to draft, to be submitted again. Tagged as a draft, not "Returned" (as it was when
		// the reviewer returned it before): the latest step is the lead's, not a reviewer's.
		await expect(lead.getByRole('button', { name: 'Submit for review' })).toBeVisible();
		await expect(studio.status()).toHaveText('Draft');
		await expect(lead.getByRole('button', { name: 'Withdraw approval' })).toHaveCount(0);
		const message = await inbox.next((m) => m.subject.startsWith('سُحبت الموافقة'));
		expect(message.to).toEqual([demo.reviewer.email]);
		expect(message.subject).toBe(`سُحبت الموافقة: ${topic}، الإصدار 1`);
		expect(message.text).toContain('مرحبًا Dr Rhys Reviewer،');
		expect(message.text).toContain(
			`سحب Leila Lead موافقتك على الإصدار 1 من «${topic}» وأعاده إلى المسودة.`
		);
		expect(message.text).toContain(`سببه:\n${reason}`);
		expect(message.text).toContain(`${server.origin}${new URL(versionUrl).pathname}`);
		expect(message.text).toContain('تصلك هذه الرسالة لأنك وافقت على هذا الإصدار في Northfield');
		expect(message.html).toContain('<html lang="ar" dir="rtl">');
	});

	await test.step('the admin sees email is on and nothing failed, in English and Arabic', async () => {
		const page = await signedIn(browser, demo.admin);
		await page.goto('/admin/mail');
		await expect(
			page.getByRole('heading', { level: 1, name: 'Email notifications' })
		).toBeVisible();
		await expect(
			page.getByText(
				'Email is on: messages are sent from Patient briefings <briefings@demo.example>'
			)
		).toBeVisible();
		await expect(page.getByText('Every message has been sent at the first try.')).toBeVisible();
		await expectNoAxeViolations(page);
		await page.goto('/admin/mail?lang=ar');
		await expect(
			page.getByRole('heading', { level: 1, name: 'إشعارات البريد الإلكتروني' })
		).toBeVisible();
		await expectNoAxeViolations(page);
		await page.context().close();
	});
	// Nobody else was told: the reviewer got the two submissions and the withdrawal, and the
	// lead only the return and the approval (and perhaps the weekly digest).
	expect(inbox.received.filter((m) => m.to.includes(demo.reviewer.email))).toHaveLength(3);
	expect(
		inbox.received
			.filter((m) => !m.subject.startsWith('Reviews due'))
			.map((m) => m.to)
			.sort()
	).toEqual([
		[demo.lead.email],
		[demo.lead.email],
		[demo.reviewer.email],
		[demo.reviewer.email],
		[demo.reviewer.email]
	]);
});
