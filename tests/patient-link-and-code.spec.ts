import {
	expect,
	test,
	type Browser,
	type BrowserContextOptions,
	type Locator
} from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, expectNoAxeViolationsAsServed } from './accessibility';
import { demo } from './demo-accounts';
import { PatientPage } from './pages/patient-page';
import { signIn } from './pages/sign-in-page';
import { WardPage } from './pages/ward-page';
import { numberOf, rowsOf } from './support/database';
import { OwnServer } from './support/own-server';
import { B, seedSecondOrganisation } from './support/second-organisation';
import { goOffline } from './support/offline';

/*
 * Issue 15, items 1, 2 and 5: the QR code and the typed code open the briefing at once, before
 * Save and before any sync, and the same afterwards; feedback sent first joins the delivery; a
 * wrong code, and many, are met kindly; the ward's common case in three taps or fewer; Undo
 * says what it did. A server of its own, which reads each device's address from
 * X-Forwarded-For, so each phone here has its own rate limits.
 */
// Each journey signs in and drives several devices: on CI's two loaded cores that takes a while.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 28, {
	ADDRESS_HEADER: 'X-Forwarded-For',
	XFF_DEPTH: '1'
});
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 360, height: 740 };
const SAFETY =
	/\/o\/northfield-hospitals-nhs-trust-demo\/b\/your-safety-on-our-ward\?lang=ar&format=\w+&t=[\w-]{22}$/;
/** The same page as its address bar shows it with JavaScript: the token kept by the tab instead. */
const SAFETY_SHOWN =
	/\/o\/northfield-hospitals-nhs-trust-demo\/b\/your-safety-on-our-ward\?lang=ar&format=\w+$/;
const words = (lang: string) =>
	JSON.parse(readFileSync(`locales/${lang}/patient.json`, 'utf8')) as {
		feedback: { thanks: string };
		code: { label: string; open: string; errors: Record<string, string> & { wrong: string } };
	};
const ar = words('ar');

let devices = 0;
/** A device of its own: its own address, so its own rate limits. */
function device(browser: Browser, options: BrowserContextOptions = {}) {
	devices += 1;
	return browser.newContext({
		baseURL: server.origin,
		locale: 'en-GB',
		extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${devices}` },
		...options
	});
}

/** The code the ward shows beside the QR code, as shown (`K7MX-R4PQ`). */
async function shownCode(nurse: WardPage): Promise<string> {
	const code = nurse.page.getByText(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
	await expect(code).toBeVisible();
	return (await code.textContent())?.trim() ?? '';
}

async function typeCode(page: import('@playwright/test').Page, typed: string, lang = 'en') {
	const answer = await page.goto(`/c?lang=${lang}`);
	expect(answer?.status()).toBe(200);
	const w = words(lang);
	await page.getByRole('textbox', { name: w.code.label }).fill(typed);
	await page.getByRole('button', { name: w.code.open }).click();
}

let liveCode = '';

test.beforeAll(async () => {
	await server.start();
	await seedSecondOrganisation(server.dataDir);
});
test.afterAll(async () => {
	await server.kill();
});

test('the QR code and the typed code open the briefing before Save and the same after sync; feedback sent first joins the delivery', async ({
	browser
}) => {
	const tablet = await device(browser, { viewport: TABLET });
	const ward = new WardPage(await tablet.newPage());
	await signIn(ward.page, demo.ward);
	const delivered = numberOf(server.dataDir, 'select count(*) as n from delivery_record');
	await ward.chooseGroup(/Patients and families with limited English/);
	await ward.chooseLanguage('العربية');
	await ward.startRecommended();
	await ward.page.getByRole('button', { name: "Show a QR code for the patient's phone" }).click();
	await expect(ward.page.getByRole('img', { name: /QR code/ })).toBeVisible();
	const link =
		(await ward.page
			.getByRole('link', { name: "Open the patient's page in a new tab" })
			.getAttribute('href')) ?? '';
	expect(link).toMatch(SAFETY);
	const code = await shownCode(ward);
	liveCode = code;
	await expect(
		ward.page.getByText(`Or, on their phone, go to ${new URL(server.origin).host}/c and type`)
	).toBeVisible();
	await expectNoAxeViolations(ward.page);

	const thanks = 'Before the ward saved: scanned';
	const typedThanks = 'Before the ward saved: typed';
	await test.step('before Save: the QR link opens on a phone, and feedback is taken', async () => {
		const phone = await device(browser, { viewport: PHONE });
		const page = await phone.newPage();
		await page.goto(link);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.locator('article')).toHaveAttribute('lang', 'ar');
		await expectNoAxeViolations(page);
		const patient = new PatientPage(page);
		await patient.answer({ overall: 'veryGood', freeText: thanks });
		await patient.send();
		await expect(patient.feedback.getByRole('status')).toHaveText(ar.feedback.thanks);
		await phone.close();
	});

	await test.step('before Save: the typed code opens it without JavaScript, lower case, no hyphen', async () => {
		const phone = await device(browser, { viewport: PHONE, javaScriptEnabled: false });
		const page = await phone.newPage();
		await typeCode(page, code.toLowerCase().replace('-', ''));
		await expect(page).toHaveURL(SAFETY);
		await expect(page.locator('article')).toHaveAttribute('lang', 'ar');
		const patient = new PatientPage(page);
		await patient.answer({ overall: 'good', freeText: typedThanks });
		await patient.send();
		await expect(patient.feedback.getByRole('status')).toHaveText(ar.feedback.thanks);
		await phone.close();
	});
	// Nothing had reached the server from the ward yet.
	expect(numberOf(server.dataDir, 'select count(*) as n from delivery_record')).toBe(delivered);

	await ward.saveDelivered();
	await ward.expectWaiting(0);

	await test.step('after sync: the same link, and the same code with a hyphen and a space', async () => {
		const phone = await device(browser, { viewport: PHONE, javaScriptEnabled: false });
		const page = await phone.newPage();
		await page.goto(link);
		await expect(page.locator('article')).toHaveAttribute('lang', 'ar');
		for (const typed of [code.toLowerCase(), code.replace('-', ' ')]) {
			await typeCode(page, typed);
			await expect(page).toHaveURL(SAFETY);
		}
		await phone.close();
	});

	// Both answers sent before the record existed are now the delivery's.
	const joined = rowsOf<{ free_text: string; outcome: string }>(
		server.dataDir,
		`select f.free_text, d.outcome from feedback f
		 join patient_link l on l.token_hash = f.token_hash
		 join delivery_record d on d.id = l.delivery_id
		 where f.free_text in (?, ?) order by f.free_text`,
		thanks,
		typedThanks
	);
	expect(joined).toEqual([
		{ free_text: thanks, outcome: 'delivered' },
		{ free_text: typedThanks, outcome: 'delivered' }
	]);
	await tablet.close();
});

test('offline, the ward shows the QR code alone and says so; the code comes with the network', async ({
	browser
}) => {
	const tablet = await device(browser, { viewport: TABLET });
	const ward = new WardPage(await tablet.newPage());
	await signIn(ward.page, demo.ward);
	await ward.page.getByRole('link', { name: 'العربية' }).click();
	await expect(ward.page.locator('html')).toHaveAttribute('dir', 'rtl');
	// One briefing whose first choice exists in English: the language opens it.
	await ward.chooseGroup(/Going home/);
	await ward.page.locator('.app-choice').first().click();
	await expect(ward.page.locator('article.app-deliver')).toBeVisible();
	await goOffline(tablet);
	await ward.page.getByRole('button', { name: 'اعرض رمز QR لهاتف المريض' }).click();
	await expect(
		ward.page.getByRole('img', { name: 'رمز QR يفتح هذه الإحاطة على هاتف المريض' })
	).toBeVisible();
	await expect(
		ward.page.getByRole('status').filter({ hasText: 'لا يوجد رمز للكتابة' })
	).toBeVisible();
	await expectNoAxeViolations(ward.page);
	const link =
		(await ward.page
			.getByRole('link', { name: 'افتح صفحة المريض في علامة تبويب جديدة' })
			.getAttribute('href')) ?? '';

	// The patient's phone has signal even when the ward's tablet has none.
	const phone = await device(browser, { viewport: PHONE });
	const page = await phone.newPage();
	await page.goto(link);
	await expect(page.locator('article')).toBeVisible();
	await phone.close();

	await tablet.setOffline(false);
	const code = await shownCode(ward);
	expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
	await expectNoAxeViolations(ward.page);
	await tablet.close();
});

test('a wrong code gets a kind page in the reader’s language, with the public briefings', async ({
	browser
}) => {
	const phone = await device(browser, { viewport: PHONE, javaScriptEnabled: false });
	const page = await phone.newPage();
	const axe = await (await device(browser, { viewport: PHONE })).newPage();
	await page.goto('/c?lang=ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolationsAsServed(page, axe);
	const answer = page.waitForResponse((r) => r.request().method() === 'POST');
	await typeCode(page, 'ZZZZ-ZZZZ', 'ar');
	expect((await answer).status()).toBe(404);
	await expect(page.locator('.nhsuk-error-message')).toContainText(ar.code.errors.wrong);
	await expect(page.getByRole('textbox', { name: ar.code.label })).toHaveValue('ZZZZ-ZZZZ');
	await expectNoAxeViolationsAsServed(page, axe);
	// Each organisation's public briefings, in the reader's language.
	await page.getByRole('link', { name: 'Your safety on our ward' }).first().click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(page.locator('article')).toBeVisible();

	// And in English, something that cannot be a code at all.
	await typeCode(page, '0O1l');
	await expect(page.locator('.nhsuk-error-message')).toContainText(words('en').code.errors.wrong);
	await expectNoAxeViolationsAsServed(page, axe);
	await phone.close();
	await axe.context().close();
});

test('many wrong codes are slowed (429, Retry-After), never a 5xx; another phone is not', async ({
	browser
}) => {
	const phone = await device(browser, { viewport: PHONE, javaScriptEnabled: false });
	const page = await phone.newPage();
	const statuses: number[] = [];
	page.on('response', (r) => {
		if (r.request().method() === 'POST') statuses.push(r.status());
	});
	// Ten an address in a quarter of an hour (CODE_LIMITS); the window slides, so one more may
	// fit when the ten straddle its edge.
	for (let i = 0; i < 12 && !statuses.includes(429); i++)
		await typeCode(page, `ZZZZ-ZZ${'23456789ABCD'[i]}Z`);
	const wrong = statuses.filter((s) => s === 404).length;
	expect(statuses).toEqual([...Array(wrong).fill(404), 429]);
	expect(wrong).toBeGreaterThanOrEqual(10);
	expect(wrong).toBeLessThanOrEqual(11);

	const slowed = page.waitForResponse((r) => r.request().method() === 'POST');
	await typeCode(page, liveCode, 'ar');
	const answer = await slowed;
	expect(answer.status()).toBe(429);
	const retryAfter = Number(answer.headers()['retry-after']);
	expect(retryAfter).toBeGreaterThanOrEqual(60);
	// The right code too: a slowed address learns nothing, right or wrong.
	await expect(page).toHaveURL(/\/c\?lang=ar$/);
	const minutes = retryAfter / 60;
	const key = `tooMany_${new Intl.PluralRules('ar').select(minutes)}`;
	await expect(page.locator('.nhsuk-error-message')).toContainText(
		(ar.code.errors[key] ?? '').replace('{{count}}', String(minutes))
	);
	await expect(page.getByRole('link', { name: 'Your safety on our ward' }).first()).toBeVisible();
	await phone.close();

	const other = await (await device(browser, { viewport: PHONE })).newPage();
	await typeCode(other, liveCode);
	await expect(other).toHaveURL(SAFETY_SHOWN);
	await expect(other.locator('input[name="token"]')).toHaveValue(/^[\w-]{22}$/);
	await other.context().close();
});

test('the common case: from the ward home to saved in three taps or fewer', async ({ browser }) => {
	const phone = await device(browser, { viewport: PHONE });
	const ward = new WardPage(await phone.newPage());
	await signIn(ward.page, { email: 'ward@zzb.example', password: B.password });
	await expect(ward.page.getByRole('heading', { level: 1 })).toHaveText(
		'Safety briefings on ZZB Ward Nine'
	);
	await expect(ward.page.getByRole('link', { name: 'Weekly admission counts' })).toBeVisible();
	// Taps counted from when the page's script runs (a tap before it is another journey's).
	await ward.waitForScript('ward@zzb.example');
	let taps = 0;
	const tap = async (target: Locator) => {
		await target.click();
		taps += 1;
	};
	// One briefing, in English only, as a leaflet (the group's first choice): nothing to ask.
	await tap(ward.page.getByRole('button', { name: /ZZB Group Private/ }));
	await expect(
		ward.page.getByRole('heading', { name: 'Deliver: ZZB Published Topic' })
	).toBeFocused();
	await expectNoAxeViolations(ward.page);
	await tap(ward.page.getByRole('button', { name: 'Delivered: save' }));
	await expect(ward.page.getByRole('heading', { name: 'Saved' })).toBeFocused();
	expect(taps).toBeLessThanOrEqual(3);
	await ward.expectWaiting(0);
	// Said by the nurse: delivered; every other question not recorded, never a default.
	expect(
		rowsOf(
			server.dataDir,
			`select outcome, talked_through, interpreter_used, carer_present, teach_back, language
			 from delivery_record d join staff_account s on s.id = d.recorded_by
			 where s.email = 'ward@zzb.example' order by d.recorded_at desc limit 1`
		)
	).toEqual([
		{
			outcome: 'delivered',
			talked_through: null,
			interpreter_used: null,
			carer_present: null,
			teach_back: null,
			language: 'en'
		}
	]);
	await phone.close();
});

test('Undo says what it did, politely, and the keyboard lands on the next step', async ({
	browser
}) => {
	const tablet = await device(browser, { viewport: TABLET });
	const ward = new WardPage(await tablet.newPage());
	await signIn(ward.page, demo.ward);
	// The tablet has opened its store (on a loaded machine that can take a while): what this
	// journey is about starts after it.
	await expect(ward.syncStatus).not.toContainText('Checking records on this device');
	await ward.chooseGroup(/Going home/);
	await ward.chooseLanguage('English');
	await ward.startRecommended();
	await ward.saveDelivered();
	await ward.page.getByRole('button', { name: 'Undo', exact: true }).click();
	await expect(ward.page.getByRole('status').filter({ hasText: 'Undone:' })).toHaveText(
		'Undone: the record was taken back and nothing is kept. Choose the group for the next patient.'
	);
	await expect(
		ward.page.getByRole('heading', { name: 'Which group is the patient in?' })
	).toBeFocused();
	await expectNoAxeViolations(ward.page);
	// Gone once the next admission starts.
	await ward.chooseGroup(/Going home/);
	await expect(ward.page.getByText('Undone:')).toHaveCount(0);
	await tablet.close();
});
