import { expect, test, type Browser, type Dialog, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	expectAccessibleInEnglishAndArabic,
	expectNoAxeViolations,
	expectNoAxeViolationsAsServed
} from './accessibility';
import { briefingPath, demo } from './demo-accounts';
import { ContentPacksPage } from './pages/content-packs-page';
import { signIn } from './pages/sign-in-page';
import { StudioEditorPage } from './pages/studio-editor-page';
import { executeAll } from './support/database';
import { storedMedia, waitingPacks } from './support/organisations';
import { OwnServer } from './support/own-server';

test.use({ actionTimeout: 15_000 });

const PAYLOAD = '<img src=x onerror=alert(1)>';
/*
 * A server of these journeys' own: they publish briefings, which would change what the other
 * journeys' ward sees, and they need a small upload limit to send a file over it.
 */
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 5, {
	UPLOAD_MAX_BYTES: String(1024 * 1024),
	BODY_SIZE_LIMIT: '8M'
});
test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

const storedUploads = () => storedMedia(join(server.dataDir, 'uploads')).length;

async function signedIn(
	browser: Browser,
	account: { email: string; password: string },
	javaScriptEnabled = true
) {
	const context = await browser.newContext({ javaScriptEnabled, baseURL: server.origin });
	const page = await context.newPage();
	page.on('dialog', noDialog);
	await signIn(page, account);
	return page;
}

/** A script typed into content must never run: any dialog fails the journey. */
function noDialog(dialog: Dialog): never {
	throw new Error(`A dialog fired: ${dialog.message()}`);
}

/** A file of the test's own: a text file renamed .mp4, or one over the 1 MB upload limit. */
function tempFile(name: string, content: Buffer | string) {
	const path = join(tmpdir(), `${Date.now()}-${name}`);
	writeFileSync(path, content);
	return path;
}

async function fillLeaflet(page: Page, texts: { title: string; heading: string; body: string }) {
	const studio = new StudioEditorPage(page);
	await studio.field('Title').fill(texts.title);
	await studio.field('Section 1: heading').fill(texts.heading);
	await studio.field('Section 1: part 1').fill(texts.body);
}

test('a lead builds a briefing in four formats and three languages; a reviewer returns, then approves it; it is published', async ({
	browser
}) => {
	test.setTimeout(360_000);
	const suffix = Date.now().toString(36);
	const slug = `call-for-help-${suffix}`;
	const topic = `Call for help ${suffix} ${PAYLOAD}`;
	const lead = await signedIn(browser, demo.lead);
	const studio = new StudioEditorPage(lead);

	await lead.getByRole('link', { name: 'Briefings', exact: true }).click();
	await expect(lead.getByRole('heading', { level: 1, name: 'Briefings' })).toBeVisible();
	await expectNoAxeViolations(lead);
	const versionUrl = await studio.createBriefing(topic, slug);
	// The payload is shown as text, never run.
	await expect(lead.getByText(topic).first()).toBeVisible();
	await expectNoAxeViolations(lead);

	// Leaflet in English, with a bullet list added in the page. The source language is saved
	// complete only: a fixed field's error leaves the summary as it is fixed; the rest stay until
	// Save, and the person typing keeps their place.
	await studio.addVariant('Leaflet', 'English');
	await studio.save.click();
	await expect(studio.errorSummary).toContainText('Title: enter this');
	await studio.field('Title').fill('Calling for help');
	await expect(studio.errorSummary).not.toContainText('Title: enter this');
	await expect(studio.errorSummary).toContainText('Section 1: heading: enter this');
	await expect(studio.field('Title')).toBeFocused();
	await fillLeaflet(lead, {
		title: `Calling for help ${PAYLOAD}`,
		heading: 'When to call',
		body: 'Press the call bell if you feel unwell or dizzy. We will come to you.'
	});
	await lead.getByRole('button', { name: /Add a bullet list\s*: Section 1/ }).click();
	await studio.field('Section 1: part 2').fill('Chest pain\nFeeling faint');
	await studio.field('Contact details').fill('Ward 7: 01632 960 000');
	await expectNoAxeViolations(lead);
	await studio.saveAndExpectSaved();
	await expect(studio.field('Section 1: part 2')).toHaveValue('Chest pain\nFeeling faint');
	await expect(lead.getByText(/Reading age: About \d+/)).toBeVisible();

	// Welsh and Arabic translations, beside the English; one saved untranslated is kept as not
	// finished (issue 17; studio-translations.spec.ts follows one through).
	for (const [language, texts] of [
		[
			'Cymraeg (Welsh)',
			{
				title: 'Galw am help',
				heading: 'Pryd i alw',
				body: 'Pwyswch y gloch os ydych yn teimlo’n sâl.'
			}
		],
		[
			'العربية (Arabic)',
			{ title: 'طلب المساعدة', heading: 'متى تتصل', body: 'اضغط على جرس النداء إذا شعرت بتوعك.' }
		]
	] as const) {
		await lead.goto(versionUrl);
		await studio.addVariant('Leaflet', language);
		await expect(lead.getByText('Calling for help <img').first()).toBeVisible();
		await expect(lead.getByText('Not translated yet').first()).toBeVisible();
		await studio.save.click();
		await expect(lead.getByRole('status')).toContainText('This translation is not finished');
		await expect(lead.locator('#progress')).toHaveText('Not finished 0 of 5 fields translated');
		await fillLeaflet(lead, texts);
		await studio
			.field('Section 1: part 2')
			.fill(language === 'Cymraeg (Welsh)' ? 'Poen yn y frest' : 'ألم في الصدر');
		await lead.getByLabel('A qualified translator has checked this translation').check();
		await studio.save.click();
		// Exactly "Saved.", not the "Saved. This translation is not finished" still showing.
		await expect(lead.getByRole('status')).toHaveText('Saved.');
	}
	await expect(
		lead.getByText('No estimate: there is no reading-age formula for this language')
	).toBeVisible();
	await expectNoAxeViolations(lead);

	// Easy read: a symbol, an uploaded picture, and the live checks.
	await lead.goto(versionUrl);
	await studio.addVariant('Easy read', 'English');
	await studio.field('Title').fill('Getting help');
	// The picture picker: a grid of symbols, each a radio with its picture and name.
	await studio.symbol(1, 'bell').check();
	await expect(studio.field('Row 1: what the picture shows (alt text)')).toHaveValue('A bell');
	// Arrow keys move the choice, and the focused card shows the NHS focus colour.
	await studio.symbol(1, 'bell').focus();
	await lead.keyboard.press('ArrowDown');
	await expect(studio.symbol(1, 'wash hands')).toBeChecked();
	await expect(studio.symbol(1, 'wash hands').locator('xpath=following-sibling::label')).toHaveCSS(
		'background-color',
		'rgb(255, 235, 59)'
	);
	await lead.keyboard.press('ArrowUp');
	await expect(studio.symbol(1, 'bell')).toBeChecked();
	await expect(studio.symbol(1, 'wash hands')).not.toBeChecked();
	await studio
		.field('Row 1: sentence')
		.fill('Press the bell. We will come to you as fast as we can when you need us at any time.');
	await expect(lead.getByText('More than 15 words')).toBeVisible();
	await expect(lead.getByText('More than one sentence')).toBeVisible();
	await studio.field('Row 1: sentence').fill('Press the bell when you need us.');
	await expect(lead.getByText('More than 15 words')).toBeHidden();
	await lead.getByRole('button', { name: 'Add a row' }).click();
	await expect(lead.getByText('Choose or upload a picture')).toBeVisible();
	await studio.field('Row 2: or upload a picture').setInputFiles('static/icons/icon-192.png');
	await studio.field('Row 2: what the picture shows (alt text)').fill('A nurse');
	await studio.field('Row 2: sentence').fill('A nurse will come.');
	await expectNoAxeViolations(lead);
	await studio.saveAndExpectSaved();
	// Saved rows show their picture with a way to change it; the grid opens on demand.
	await expect(studio.chosenPicture(2)).toHaveText(
		'Change the picture (now: Your uploaded picture)'
	);
	await expect(studio.chosenPicture(2).locator('img[src^="/uploads/"]')).toBeVisible();
	await expect(studio.symbol(2, 'bell')).toBeHidden();
	await studio.openPictures(2);
	await expect(studio.symbol(2, 'bell')).toBeVisible();
	await expect(studio.symbol(2, 'Your uploaded picture')).toBeChecked();
	await studio.openPictures(1);
	await expect(studio.symbol(1, 'bell')).toBeChecked();

	// Face-to-face talk.
	await lead.goto(versionUrl);
	await studio.addVariant('Face-to-face talk', 'English');
	await studio.field('Title').fill('Calling for help: the talk');
	await studio.field('Talking points').fill('Show the call bell.\nSay when to press it.');
	await studio.field('Things to show').fill('The call bell');
	await studio.field('Teach-back questions').fill('When would you press the bell?');
	await studio.field('Expected minutes').fill('3');
	await lead.getByLabel('The leaflet').check();
	await studio.saveAndExpectSaved();

	// Video: a renamed text file and a file over the limit are refused before being stored.
	await lead.goto(versionUrl);
	await studio.addVariant('Video', 'English');
	await studio.field('Title').fill('Calling for help: the video');
	await studio.field('Transcript').fill('Press the call bell when you need help.');
	await studio.field('Length in seconds').fill('20');
	const before = storedUploads();
	await studio
		.field('Video file')
		.setInputFiles(tempFile('notes.mp4', 'just some text, not a video'));
	await studio.save.click();
	await expect(studio.errorSummary).toContainText(
		"Video file: this file's content is not a type we accept, so it was not stored"
	);
	await expect(studio.field('Title')).toHaveValue('Calling for help: the video');
	const big = Buffer.concat([
		Buffer.from([0, 0, 0, 0x20]),
		Buffer.from('ftypisom'),
		Buffer.alloc(1024 * 1024 + 10)
	]);
	await studio.field('Video file').setInputFiles(tempFile('big.mp4', big));
	await studio.save.click();
	await expect(studio.errorSummary).toContainText(
		'Video file: the file is larger than the upload limit'
	);
	expect(storedUploads()).toBe(before);
	await studio.field('Video file').setInputFiles('static/media/demo/your-safety-on-our-ward.mp4');
	await studio
		.field('Captions file (WebVTT)')
		.setInputFiles('static/media/demo/your-safety-on-our-ward.en.vtt');
	await studio.saveAndExpectSaved();
	expect(storedUploads()).toBe(before + 2);
	const videoPath =
		(await lead.getByText(/Now: \/uploads\/[0-9a-f]{64}\.mp4/).textContent())?.match(
			/\/uploads\/[0-9a-f]{64}\.mp4/
		)?.[0] ?? '';
	// Stored by its content: the name is the SHA-256 of the bytes, with the sniffed type's extension.
	expect(videoPath).toMatch(/^\/uploads\/[0-9a-f]{64}\.mp4$/);
	// Served with ranges, so a phone can seek.
	const part = await lead.request.get(videoPath, { headers: { Range: 'bytes=0-99' } });
	expect(part.status()).toBe(206);
	expect(part.headers()['content-range']).toMatch(/^bytes 0-99\/\d+$/);

	// Preview as a patient would see it, right-to-left included; the payload stays text.
	await lead.goto(versionUrl);
	await lead.getByRole('link', { name: 'Preview: Leaflet, en' }).click();
	await expect(lead.getByRole('heading', { name: `Calling for help ${PAYLOAD}` })).toBeVisible();
	await expectNoAxeViolations(lead);
	// Print preview: A5 in large print, through the browser's print (or Save as PDF).
	await lead.getByLabel('Paper').selectOption('A5');
	await lead.getByLabel('Text size').selectOption({ label: 'Large print (16pt)' });
	await lead.getByRole('button', { name: 'Show' }).click();
	await expect(lead).toHaveURL(/paper=a5&large=1/);
	await expect
		.poll(() =>
			lead.evaluate(() =>
				[...document.head.querySelectorAll('style')].some((s) =>
					s.textContent?.includes('size: A5')
				)
			)
		)
		.toBe(true);
	await lead.emulateMedia({ media: 'print' });
	// 16pt is 21.33 CSS pixels.
	await expect
		.poll(() =>
			lead
				.locator('.app-phone p')
				.first()
				.evaluate((p) => parseFloat(getComputedStyle(p).fontSize))
		)
		.toBeGreaterThanOrEqual(21.3);
	await lead.emulateMedia({ media: 'screen' });
	await expect(lead.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
	await lead.getByRole('link', { name: /Leaflet · العربية/ }).click();
	await expect(lead.locator('article[dir="rtl"]')).toContainText('طلب المساعدة');

	// Evidence, then submit for review.
	await lead.goto(versionUrl);
	await studio.giveEvidence();
	await studio.takeStep('Submit for review');
	await expect(studio.status()).toHaveText('In review');

	// The reviewer returns it with a comment.
	const reviewer = await signedIn(browser, demo.reviewer);
	const review = new StudioEditorPage(reviewer);
	await reviewer.goto(versionUrl);
	await expect(reviewer.getByRole('button', { name: 'Submit for review' })).toHaveCount(0);
	await expectNoAxeViolations(reviewer);
	await review.returnWithComment('Add the ward phone number to the Welsh leaflet.');
	await expect(review.status()).toHaveText('Returned');

	// The lead's list shows it Returned, not a plain Draft.
	await lead.goto('/studio/briefings');
	await expect(
		lead.getByRole('row', { name: new RegExp(`Call for help ${suffix}`) })
	).toContainText('Returned (version 1)');

	// The lead sees the comment, fixes it and submits again; the reviewer reads what changed
	// since they returned it (H81), then approves.
	await lead.goto(versionUrl);
	await expect(lead.getByText('Add the ward phone number to the Welsh leaflet.')).toBeVisible();
	await expect(
		lead.getByRole('heading', { name: /^Changes since it was returned on / })
	).toBeVisible();
	await expect(lead.getByText('Nothing has changed since it was returned.')).toBeVisible();
	await lead.getByRole('link', { name: 'Edit: Leaflet, cy' }).click();
	await studio.field('Contact details').fill('Ward 7: 01632 960 000');
	await studio.saveAndExpectSaved();
	await lead.goto(versionUrl);
	await studio.takeStep('Submit for review');
	await expect(studio.status()).toHaveText('In review');
	await reviewer.goto(versionUrl);
	const since = reviewer.getByRole('region', { name: /^Changes since you returned it on / });
	// The name is isolated (U+2068…U+2069), so that it reads right in a right-to-left sentence.
	await expect(since).toContainText(/Dr Rhys Reviewer\u2069 returned it with this comment:/);
	await expect(since).toContainText('Add the ward phone number to the Welsh leaflet.');
	// One change: the Welsh leaflet's contact details, its new words marked as added.
	await expect(since.getByRole('heading', { level: 3 })).toHaveText([
		/^Leaflet · Cymraeg.*Changed$/
	]);
	const contact = since.getByRole('definition').filter({ has: reviewer.locator('ins') });
	await expect(contact.locator('ins')).toContainText('01632 960 000');
	await expect(since.getByRole('term')).toContainText('Contact details');
	await expectAccessibleInEnglishAndArabic(reviewer);
	await review.takeStep('Approve');
	await expect(review.status()).toHaveText('Approved');
	await expect(reviewer.getByText(/Approved by Dr Rhys Reviewer on/)).toBeVisible();
	// The reviewer's part is done: no empty "Review and publishing" section.
	await expect(reviewer.getByRole('heading', { name: 'Review and publishing' })).toHaveCount(0);

	// The lead publishes, asked first (Cancel changes nothing); then the patient link, its QR
	// code and the poster. The patient page shows it, the payload as text.
	await lead.goto(versionUrl);
	await lead.getByRole('button', { name: 'Publish', exact: true }).click();
	await expect(lead.getByRole('heading', { name: /Publish version 1\?/ })).toBeVisible();
	// Focus on the question, so the next Tab reaches "Yes, publish".
	await expect(lead.locator('#publish-confirm')).toBeFocused();
	await expectNoAxeViolations(lead);
	await lead.getByRole('link', { name: 'Cancel', exact: true }).click();
	await expect(studio.status()).toHaveText('Approved');
	await studio.takeStep('Publish');
	await expect(studio.status()).toHaveText('Published');
	await expect(
		lead.getByRole('img', { name: "QR code that opens this briefing's page on a patient's phone" })
	).toBeVisible();
	await expect(lead.getByRole('link', { name: new RegExp(`/b/${slug}$`) })).toBeVisible();
	await expect(
		lead.getByRole('link', { name: 'QR poster for a bedside or noticeboard' })
	).toBeVisible();
	await expectNoAxeViolations(lead);
	const patient = await (await browser.newContext({ baseURL: server.origin })).newPage();
	patient.on('dialog', (dialog) => {
		throw new Error(`A dialog fired on the patient page: ${dialog.message()}`);
	});
	await patient.goto(`${briefingPath(slug)}?format=leaflet&lang=en`);
	await expect(
		patient.getByRole('heading', { level: 1, name: `Calling for help ${PAYLOAD}` })
	).toBeVisible();
	await patient.goto(`${briefingPath(slug)}?format=leaflet&lang=cy`);
	await expect(patient.getByRole('heading', { level: 1, name: 'Galw am help' })).toBeVisible();
	// Only a leaflet exists in Welsh: no list of other formats holding just this one.
	await expect(
		patient.getByRole('navigation', { name: 'Gweld hyn mewn ffordd arall' })
	).toHaveCount(0);
	await expect(patient.getByRole('navigation', { name: 'Ieithoedd eraill' })).toBeVisible();

	// The audit trail on the briefing page names every step.
	await lead.goto(versionUrl.replace(/\/v\/1$/, ''));
	const audit = lead.getByRole('table', { name: 'Audit trail' });
	for (const step of [
		'Created',
		'Submitted for review',
		'Returned with comments',
		'Approved',
		'Published'
	])
		await expect(audit.getByRole('cell', { name: new RegExp(`^${step}`) }).first()).toBeVisible();
	await expectNoAxeViolations(lead);

	// A long-lived briefing's trail runs to pages: sixty saves of a year ago, the oldest reached.
	const briefingUrl = versionUrl.replace(/\/v\/1$/, '');
	executeAll(
		server.dataDir,
		Array.from({ length: 60 }, (_, i): [string, ...unknown[]] => [
			`insert into audit_event (id, organisation_id, actor_id, action, subject_type, subject_id,
			 detail, at) select ?, organisation_id, id, 'edited', 'briefing', ?, ?, ?
			 from staff_account where email = ?`,
			randomUUID(),
			briefingUrl.split('/').pop(),
			JSON.stringify({ comment: `Old save ${String(i + 1).padStart(2, '0')}` }),
			new Date(Date.now() - 365 * 86_400_000 + i * 60_000).toISOString(),
			demo.lead.email
		])
	);
	await lead.goto(briefingUrl);
	const showing = lead.getByText(/^Showing changes 1 to 50 of \d+, newest first$/);
	await expect(showing).toBeVisible();
	const total = Number((await showing.innerText()).match(/of (\d+)/)![1]);
	await expect(audit.getByText('Old save 01')).toHaveCount(0);
	const auditPages = lead.getByRole('navigation', { name: 'Pages of the audit trail' });
	await auditPages.getByRole('link', { name: 'Next page' }).focus();
	await lead.keyboard.press('Enter');
	await expect(lead).toHaveURL(new RegExp(`${briefingUrl}\\?page=2#audit-heading$`));
	await expect(
		lead.getByText(`Showing changes 51 to ${total} of ${total}, newest first`)
	).toBeVisible();
	await expect(lead.getByRole('heading', { name: 'Audit trail' })).toBeInViewport();
	await expect(audit.getByText('Old save 01')).toBeVisible();
	await expectNoAxeViolations(lead);
	await lead.goto(`${briefingUrl}?page=2&lang=ar`);
	await expect(lead.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(lead);
	await lead.goto(`${briefingUrl}?lang=en`);

	// A new draft copies it, started from the published version's own page; a change shows in
	// the diff.
	await lead.goto(versionUrl);
	await lead.getByRole('button', { name: 'Start a new draft from the published version' }).click();
	await expect(lead).toHaveURL(/\/v\/2$/);
	await lead.getByRole('link', { name: 'Edit: Leaflet, en' }).click();
	await studio.field('Section 1: heading').fill('When to call us');
	await studio.saveAndExpectSaved();
	await lead.goto(versionUrl.replace(/\/v\/1$/, ''));
	await lead.getByRole('button', { name: 'Compare' }).click();
	await expect(
		lead.getByRole('heading', { name: 'Changes from version 1 to version 2' })
	).toBeVisible();
	await expect(lead.locator('ins')).toContainText('us');
	await expect(lead.getByText('Words added: 1. Words removed: 0.')).toBeVisible();
	await expectNoAxeViolations(lead);

	// The studio's pages in Arabic: mirrored and accessible.
	await lead.goto('/studio/briefings?lang=ar');
	await expect(lead.locator('html')).toHaveAttribute('dir', 'rtl');
	for (const url of [
		'/studio/briefings',
		'/studio',
		versionUrl,
		`${versionUrl}/leaflet/cy`,
		`${versionUrl}/easyRead/en`,
		`${versionUrl}/video/en`,
		`${versionUrl}/faceToFace/en`,
		`${versionUrl}/leaflet/ar/preview`,
		versionUrl.replace(/\/v\/1$/, ''),
		`${versionUrl.replace(/\/v\/1$/, '')}/diff?from=1&to=2`,
		versionUrl.replace(/\/1$/, '/2')
	]) {
		await lead.goto(url);
		await expect(lead.locator('html')).toHaveAttribute('lang', 'ar');
		await expectNoAxeViolations(lead);
	}
	// The picture grid mirrors: the first symbol is on the right in Arabic (in the new draft:
	// version 1 is published, so its editor shows no form).
	await lead.goto(`${versionUrl.replace(/\/1$/, '/2')}/easyRead/en`);
	// The first row has its picture: its grid opens from "Change the picture" (here in Arabic).
	await lead.locator('.app-symbols-summary').first().click();
	await expect(lead.locator('.app-symbols-details').first()).toHaveAttribute('open', '');
	const first = await lead.getByRole('radio', { name: 'مستشفى' }).first().boundingBox();
	const second = await lead.getByRole('radio', { name: 'سرير' }).first().boundingBox();
	expect(first?.x ?? 0).toBeGreaterThan(second?.x ?? 0);
	await expectNoAxeViolations(lead);
});

test('a second editor’s save of a draft someone else has just saved is refused, and what they typed is kept', async ({
	browser
}) => {
	const first = await signedIn(browser, demo.lead);
	const second = await signedIn(browser, demo.admin);
	const studio = new StudioEditorPage(first);
	const versionUrl = await studio.createBriefing(
		`Two editors ${Date.now()}`,
		`two-editors-${Date.now().toString(36)}`
	);
	await studio.addVariant('Leaflet', 'English');
	const editorUrl = first.url();
	await fillLeaflet(first, { title: 'Original', heading: 'Heading', body: 'Some words.' });
	await studio.saveAndExpectSaved();

	await second.goto(editorUrl);
	await first.goto(editorUrl);
	await studio.field('Title').fill('Saved by the first editor');
	await studio.saveAndExpectSaved();

	const other = new StudioEditorPage(second);
	await other.field('Title').fill('Typed by the second editor');
	await other.save.click();
	await expect(second.getByRole('heading', { name: 'Your changes were not saved' })).toBeVisible();
	await expect(other.field('Title')).toHaveValue('Typed by the second editor');
	await expectNoAxeViolations(second);

	await first.goto(editorUrl);
	await expect(studio.field('Title')).toHaveValue('Saved by the first editor');
	expect(versionUrl).toContain('/v/1');
});

test('a reviewer cannot change content, even by posting the form', async ({ browser }) => {
	const lead = await signedIn(browser, demo.lead);
	const versionUrl = await new StudioEditorPage(lead).createBriefing(
		`Reviewer cannot edit ${Date.now()}`,
		`reviewer-cannot-edit-${Date.now().toString(36)}`
	);
	const reviewer = await signedIn(browser, demo.reviewer);
	await reviewer.goto(versionUrl);
	await expect(reviewer.getByRole('button', { name: 'Add', exact: true })).toHaveCount(0);
	const response = await reviewer.request.post(`${versionUrl}/leaflet/en?/save`, {
		multipart: { revision: '1', title: 'Not allowed', 'sections.count': '0' },
		headers: { origin: new URL(versionUrl).origin }
	});
	expect(response.status()).toBe(403);
});

test('a version that could not be published is not sent for review; an approved one goes back to draft with a reason; retiring asks first', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const suffix = Date.now().toString(36);
	const slug = `withdraw-${suffix}`;
	const lead = await signedIn(browser, demo.lead);
	const studio = new StudioEditorPage(lead);
	const versionUrl = await studio.createBriefing(`Going home safely ${suffix}`, slug);
	await studio.addVariant('Leaflet', 'English');
	await fillLeaflet(lead, { title: 'Going home', heading: 'Your medicines', body: 'Ask us.' });
	await studio.saveAndExpectSaved();

	await test.step('without evidence it is not sent for review, and the page says why', async () => {
		await lead.goto(versionUrl);
		await studio.takeStep('Submit for review');
		await expect(studio.errorSummary).toContainText(
			'This version cannot be submitted for review yet: see what it needs below'
		);
		const needs = lead.locator('.nhsuk-inset-text', {
			hasText: 'Before this can go for review and be published:'
		});
		await expect(needs.getByRole('listitem')).toHaveText([
			'add at least one evidence link',
			'describe the user testing'
		]);
		await expect(studio.status()).toHaveText('Draft');
		await expectNoAxeViolations(lead);
		await studio.giveEvidence();
		await studio.takeStep('Submit for review');
		await expect(studio.status()).toHaveText('In review');
	});

	const reviewer = await signedIn(browser, demo.reviewer);
	const review = new StudioEditorPage(reviewer);
	await reviewer.goto(versionUrl);
	await review.takeStep('Approve');
	await expect(review.status()).toHaveText('Approved');

	const why = 'The review-by date passed before we published it.';
	await test.step('its review-by date passes while approved: the lead withdraws it', async () => {
		// A year goes by: the date is set in the past behind the page's back, as time would.
		executeAll(server.dataDir, [
			[
				`update briefing_version set review_by = '2020-01-31'
				 where briefing_id = (select id from briefing where slug = ?)`,
				slug
			]
		]);
		await lead.goto(versionUrl);
		const blocked = lead.locator('.nhsuk-inset-text', { hasText: 'This cannot be published yet:' });
		await expect(blocked.getByRole('listitem')).toHaveText([
			'set a review-by date that has not passed'
		]);
		await expect(blocked).toContainText('Withdraw the approval below');
		await expect(lead.getByRole('button', { name: 'Publish', exact: true })).toHaveCount(0);
		await lead.getByRole('button', { name: 'Withdraw approval' }).click();
		await expect(studio.errorSummary).toContainText('Say why the version is going back to draft');
		await expect(studio.status()).toHaveText('Approved');
		await expectNoAxeViolations(lead);
		// Too long is refused, never cut short, and what was typed is given back.
		const reason = lead.getByLabel('Why it is going back to draft');
		await reason.fill(`${why} ${'x'.repeat(4000)}`);
		await lead.getByRole('button', { name: 'Withdraw approval' }).click();
		await expect(studio.errorSummary).toContainText('Keep the reason to 4,000 characters');
		await expect(reason).toHaveValue(`${why} ${'x'.repeat(4000)}`);
		await reason.fill(why);
		await lead.getByRole('button', { name: 'Withdraw approval' }).click();
		await expect(studio.status()).toHaveText('Draft');
		await expect(lead.getByText(/Approved by Dr Rhys Reviewer/)).toHaveCount(0);
		await expect(
			lead.getByRole('heading', { name: /^Changes since you returned it on / })
		).toBeVisible();
		await expectNoAxeViolations(lead);
	});

	await test.step('a new date, and the reviewer reads why it came back', async () => {
		await studio.giveEvidence();
		await studio.takeStep('Submit for review');
		await expect(studio.status()).toHaveText('In review');
		await reviewer.goto(versionUrl);
		const since = reviewer.getByRole('region', { name: /^Changes since it was returned on / });
		await expect(since).toContainText(why);
		await expect(since.getByRole('term')).toContainText('Review by');
		await review.takeStep('Approve');
		await lead.goto(versionUrl);
		await studio.takeStep('Publish');
		await expect(studio.status()).toHaveText('Published');
		await lead.goto(versionUrl.replace(/\/v\/1$/, ''));
		const audit = lead.getByRole('table', { name: 'Audit trail' });
		await expect(
			audit.getByRole('cell', { name: 'Withdrew the approval and returned it to draft' })
		).toBeVisible();
	});

	await test.step('retiring asks first, and works without JavaScript', async () => {
		await lead.goto(versionUrl);
		await lead.getByRole('button', { name: 'Retire', exact: true }).click();
		await expect(lead.getByRole('heading', { name: /Retire version 1\?/ })).toBeVisible();
		await expect(lead.getByText(/told it cannot be found. This cannot be undone/)).toBeVisible();
		await expectNoAxeViolations(lead);
		await lead.getByRole('link', { name: 'Cancel', exact: true }).click();
		await expect(studio.status()).toHaveText('Published');
		const noScript = await signedIn(browser, demo.lead, false);
		const page = new StudioEditorPage(noScript);
		await noScript.goto(versionUrl);
		await page.takeStep('Retire');
		await expect(page.status()).toHaveText('Retired');
		// Nothing is published now: a new draft copies the latest version, and says so.
		await expect(
			noScript.getByRole('button', { name: 'Start a new draft from the latest version' })
		).toBeVisible();
	});
});

test('a version whose review-by date passes while in review is not offered for approval: the reviewer returns it', async ({
	browser
}) => {
	const suffix = Date.now().toString(36);
	const slug = `lapsed-${suffix}`;
	const lead = await signedIn(browser, demo.lead);
	const studio = new StudioEditorPage(lead);
	const versionUrl = await studio.createBriefing(`Pressure ulcers ${suffix}`, slug);
	await studio.addVariant('Leaflet', 'English');
	await fillLeaflet(lead, { title: 'Your skin', heading: 'Move often', body: 'Ask us.' });
	await studio.saveAndExpectSaved();
	await lead.goto(versionUrl);
	await studio.giveEvidence();
	await studio.takeStep('Submit for review');
	await expect(studio.status()).toHaveText('In review');
	// The reviewer reaches it after its date: set in the past behind the page's back, as time would.
	executeAll(server.dataDir, [
		[
			`update briefing_version set review_by = '2020-01-31'
			 where briefing_id = (select id from briefing where slug = ?)`,
			slug
		]
	]);
	const reviewer = await signedIn(browser, demo.reviewer);
	const review = new StudioEditorPage(reviewer);
	await reviewer.goto(versionUrl);
	const blocked = reviewer.locator('.nhsuk-inset-text', {
		hasText: 'This version could not be published as it stands, so it cannot be approved.'
	});
	await expect(blocked.getByRole('listitem')).toHaveText([
		'set a review-by date that has not passed'
	]);
	await expect(reviewer.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
	await expectNoAxeViolations(reviewer);
	await review.returnWithComment('The review-by date has passed: set a new one.');
	await expect(review.status()).toHaveText('Returned');
});

test('with JavaScript off, a lead adds sections, sees each problem named, and saves', async ({
	browser
}) => {
	const lead = await signedIn(browser, demo.lead, false);
	const studio = new StudioEditorPage(lead);
	const suffix = Date.now().toString(36);
	await studio.createBriefing(`No script ${suffix}`, `no-script-${suffix}`);
	await studio.addVariant('Leaflet', 'English');
	await lead.getByRole('button', { name: 'Add a section' }).click();
	await expect(studio.field('Section 2: heading')).toBeVisible();
	await studio.field('Section 2: heading').fill('Kept after a round trip');
	await studio.save.click();
	await expect(studio.errorSummary).toContainText('Title: enter this');
	await expect(studio.errorSummary).toContainText('Section 1: heading: enter this');
	// A limit broken is named.
	await studio.field('Title').fill('x'.repeat(121));
	await studio.save.click();
	await expect(studio.errorSummary).toContainText(
		'Title: this is too long. It can have up to 120 characters'
	);
	await expect(studio.field('Section 2: heading')).toHaveValue('Kept after a round trip');
	const axePage = await (await browser.newContext({ baseURL: server.origin })).newPage();
	await expectNoAxeViolationsAsServed(lead, axePage);
	await lead.getByRole('button', { name: /Remove\s*: Section 1/ }).click();
	await expect(studio.field('Section 1: heading')).toHaveValue('Kept after a round trip');
	await fillLeaflet(lead, { title: 'No script', heading: 'Still works', body: 'Plain forms.' });
	await studio.saveAndExpectSaved();

	// The easy-read picture grid is plain radios: chosen and saved without a script.
	await studio.backToVersion();
	await studio.addVariant('Easy read', 'English');
	await studio.field('Title').fill('Pictures without a script');
	await studio.symbol(1, 'telephone').check();
	await studio.field('Row 1: what the picture shows (alt text)').fill('A telephone');
	await studio.field('Row 1: sentence').fill('Phone us if you are worried.');
	await studio.saveAndExpectSaved();
	await expect(studio.chosenPicture(1)).toHaveText('Change the picture (now: telephone)');
	await studio.openPictures(1);
	await expect(studio.symbol(1, 'telephone')).toBeChecked();
});

test('a lead removes one language’s caption track from a draft’s video: audited, refused when stale, gone for patients', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const lead = await signedIn(browser, demo.lead);
	const studio = new StudioEditorPage(lead);
	const suffix = Date.now().toString(36);
	const versionUrl = await studio.createBriefing(`Captions ${suffix}`, `captions-${suffix}`);
	await studio.addVariant('Video', 'English');
	const editorUrl = lead.url();
	await studio.field('Title').fill('Hand hygiene');
	await studio.field('Transcript').fill('Clean your hands.');
	await studio.field('Length in seconds').fill('20');
	await studio.field('Video file').setInputFiles('static/media/demo/your-safety-on-our-ward.mp4');
	await studio
		.field('Captions file (WebVTT)')
		.setInputFiles('static/media/demo/your-safety-on-our-ward.en.vtt');
	await studio.saveAndExpectSaved();
	await studio
		.field('Captions file (WebVTT)')
		.setInputFiles('static/media/demo/your-safety-on-our-ward.en.vtt');
	await studio.field('Language of the captions').selectOption({ label: 'Cymraeg' });
	await studio.saveAndExpectSaved();
	await expect(studio.captionTracks()).toHaveText(['English', 'Cymraeg']);
	const tracksInPreview = async () => {
		await lead.goto(`${editorUrl}/preview`);
		return lead
			.locator('video track')
			.evaluateAll((tracks) => tracks.map((t) => t.getAttribute('srclang')));
	};
	expect(await tracksInPreview()).toEqual(['en', 'cy']);

	// Another editor has the same draft open.
	const other = await signedIn(browser, demo.admin);
	const otherStudio = new StudioEditorPage(other);
	await other.goto(editorUrl);

	// The lead removes the Welsh track; what they had typed is kept, unsaved.
	await lead.goto(editorUrl);
	await studio.field('Transcript').fill('Typed, not saved yet.');
	await lead.getByRole('button', { name: /Remove\s*: captions in Cymraeg/ }).click();
	await expect(lead.getByRole('status')).toHaveText(
		'Captions in Cymraeg removed. The video no longer offers them.'
	);
	await expect(studio.captionTracks()).toHaveText(['English']);
	await expect(studio.field('Transcript')).toHaveValue('Typed, not saved yet.');
	await expectNoAxeViolations(lead);

	// The other editor's page is out of date: their removal is refused, nothing changes.
	await other.getByRole('button', { name: /Remove\s*: captions in English/ }).click();
	await expect(otherStudio.errorSummary).toContainText(
		'Someone else saved this version after you opened it'
	);
	await expect(other.getByRole('heading', { name: 'Your changes were not saved' })).toBeVisible();
	await expectNoAxeViolations(other);
	// The typed transcript is still not saved, so leaving asks first; the lead leaves.
	let tracks: Array<string | null> = [];
	lead.off('dialog', noDialog);
	await studio.leaveUnsaved(async () => (tracks = await tracksInPreview()));
	lead.on('dialog', noDialog);
	expect(tracks).toEqual(['en']);

	// Without JavaScript, removing is an ordinary form post.
	const noScript = await signedIn(browser, demo.lead, false);
	await noScript.goto(editorUrl);
	await noScript.getByRole('button', { name: /Remove\s*: captions in English/ }).click();
	await expect(noScript.getByRole('status')).toContainText('Captions in English removed.');
	await expect(new StudioEditorPage(noScript).captionTracks()).toHaveCount(0);
	expect(await tracksInPreview()).toEqual([]);

	// Each removal is in the audit trail.
	await lead.goto(versionUrl.replace(/\/v\/1$/, ''));
	await expect(
		lead
			.getByRole('table', { name: 'Audit trail' })
			.getByRole('cell', { name: /^Removed a caption track/ })
	).toHaveCount(2);
});

test('a content pack over the server’s size limit is refused on the packs page, naming the limit, writing nothing', async ({
	browser
}) => {
	// This server's BODY_SIZE_LIMIT is 8M (above).
	const big = {
		name: 'big.briefing-pack.zip',
		mimeType: 'application/zip',
		buffer: Buffer.alloc(9 * 1024 * 1024)
	};
	const stored = () => ({
		uploads: storedUploads(),
		waiting: waitingPacks(join(server.dataDir, 'uploads')).length
	});
	const before = stored();
	const limit = 'Content pack file: the file is larger than 8 MB, the most this server accepts';

	// With JavaScript: refused in the page, before it is sent.
	const lead = await signedIn(browser, demo.lead);
	const packs = new ContentPacksPage(lead);
	await packs.goto();
	await expect(lead.getByText('A .zip file exported from this toolkit, up to 8 MB.')).toBeVisible();
	const posts: string[] = [];
	lead.on('request', (request) => {
		if (request.method() === 'POST') posts.push(request.url());
	});
	await packs.check(big);
	await expect(packs.errorSummary).toContainText(limit);
	await expect(packs.errorSummary.getByRole('link')).toHaveAttribute('href', '#pack');
	expect(posts).toEqual([]);
	await expectNoAxeViolations(lead);

	// Without: the server refuses it by its length, before reading it, with the same page.
	const noScript = await signedIn(browser, demo.lead, false);
	const noScriptPacks = new ContentPacksPage(noScript);
	await noScriptPacks.goto();
	const answer = noScript.waitForResponse((r) => r.request().method() === 'POST');
	await noScriptPacks.check(big);
	expect((await answer).status()).toBe(413);
	await expect(noScriptPacks.errorSummary).toContainText(limit);
	await expect(noScript).toHaveTitle(/^Error: /);
	await expect(noScript.getByLabel('Content pack file')).toBeVisible();
	const axePage = await (await browser.newContext({ baseURL: server.origin })).newPage();
	await expectNoAxeViolationsAsServed(noScript, axePage);
	expect(stored()).toEqual(before);
});

test('a leaflet prints like an NHS leaflet, on A4, A5 and in large print, without the app around it', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const lead = await signedIn(browser, demo.lead);
	await lead.goto('/studio/briefings');
	await lead.getByRole('link', { name: 'Your safety on our ward' }).first().click();
	await expect(lead).toHaveURL(/\/studio\/briefings\/[0-9a-f-]+$/);
	await lead.goto(`${lead.url()}/v/1`);
	await lead.getByRole('link', { name: 'Preview: Leaflet, en' }).click();
	await expect(lead.getByRole('heading', { level: 1, name: 'Preview' })).toBeVisible();
	const previewUrl = lead.url().split('?')[0] ?? '';

	await lead.emulateMedia({ media: 'print' });
	// Nothing of the app: no header, footer, preview controls or print button.
	await expect(lead.getByRole('banner')).toBeHidden();
	await expect(lead.getByRole('contentinfo')).toBeHidden();
	await expect(lead.getByRole('heading', { level: 1, name: 'Preview' })).toBeHidden();
	await expect(lead.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
	// The organisation's name on an NHS-blue band, then the leaflet in NHS style.
	const band = lead.getByRole('main').getByText('Northfield Hospitals NHS Trust (demo)').first();
	await expect(band).toBeVisible();
	await expect(band.locator('xpath=..')).toHaveCSS('background-color', 'rgb(0, 94, 184)');
	const section = lead.getByRole('heading', { level: 2, name: /^Call, don.t fall$/ });
	await expect(section).toHaveCSS('color', 'rgb(0, 94, 184)');
	await expect(section).toHaveCSS('break-after', 'avoid-page');
	const contact = lead
		.getByRole('heading', { level: 2, name: 'Who to contact' })
		.locator('xpath=..');
	await expect(contact).toHaveCSS('border-top-style', 'solid');
	await expect(contact).toHaveCSS('break-inside', 'avoid');
	await expect(lead.getByText(/^Version 1 · Published .+ · Review by .+$/)).toBeVisible();
	// Each page's footer: the title, version and dates, and its page number.
	const pageCss = await lead.evaluate(() =>
		[...document.head.querySelectorAll('style')].map((s) => s.textContent).join('\n')
	);
	expect(pageCss).toMatch(/@bottom-left \{ content: "Your safety on our ward \\b7 {2}Version 1 /);
	expect(pageCss).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages)');

	// As PDFs: each paper size, and large print on more pages than standard.
	const printed = async (query: string) => {
		await lead.goto(`${previewUrl}?${query}`);
		await expect(
			lead.getByRole('heading', { level: 1, name: 'Your safety on our ward' })
		).toBeAttached();
		const pdf = (await lead.pdf({ preferCSSPageSize: true })).toString('latin1');
		const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf);
		return {
			pages: pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0,
			widthMm: Math.round((Number(box?.[1]) / 72) * 25.4)
		};
	};
	const a4 = await printed('paper=a4&large=0');
	expect(a4.widthMm).toBe(210);
	expect(a4.pages).toBeGreaterThanOrEqual(2);
	expect((await printed('paper=a5&large=0')).widthMm).toBe(148);
	expect((await printed('paper=a4&large=1')).pages).toBeGreaterThan(a4.pages);

	// The Welsh leaflet prints with the toolkit's words in Welsh, whatever the lead reads.
	await lead.goto(previewUrl.replace(/\/leaflet\/en\/preview$/, '/leaflet/cy/preview'));
	await lead.emulateMedia({ media: 'print' });
	await expect(lead.getByText('Gwybodaeth i gleifion, teuluoedd a gofalwyr')).toBeVisible();
	await expect(lead.getByRole('heading', { name: 'Am y daflen hon' })).toBeVisible();
	await expect(lead.locator('html')).toHaveAttribute('lang', 'en');
});

test('a lead’s typed work is not lost: leaving asks first, saving does not, and a refused upload keeps it', async ({
	browser
}) => {
	const lead = await signedIn(browser, demo.lead);
	const studio = new StudioEditorPage(lead);
	// The questions the page asks, each answered as the step says; any other fails the journey.
	const asked: string[] = [];
	let answer: 'accept' | 'dismiss' | null = null;
	lead.off('dialog', noDialog);
	lead.on('dialog', async (dialog) => {
		asked.push(`${dialog.type()}: ${dialog.message()}`);
		await (answer === 'accept' ? dialog.accept() : dialog.dismiss());
	});
	const leave = 'confirm: You have changes that are not saved. Leave this page and lose them?';
	const suffix = Date.now().toString(36);
	const versionUrl = await studio.createBriefing(`Unsaved ${suffix}`, `unsaved-${suffix}`);
	await studio.addVariant('Leaflet', 'English');
	const editorUrl = lead.url();
	const preview = lead.getByRole('link', { name: 'Preview as a patient would see it' });

	await test.step('typed and then undone is no change: the link goes unasked', async () => {
		await studio.field('Title').fill('A slip');
		await studio.field('Title').fill('');
		await preview.click();
		await expect(lead).toHaveURL(`${editorUrl}/preview`);
		expect(asked).toEqual([]);
		await lead.goBack();
	});

	await test.step('a link asks first; no keeps the typed text, yes leaves it', async () => {
		await fillLeaflet(lead, { title: 'Falls', heading: 'Call first', body: 'Ring the bell.' });
		answer = 'dismiss';
		await lead.locator('.nhsuk-back-link').click();
		await expect.poll(() => asked).toEqual([leave]);
		await expect(lead).toHaveURL(editorUrl);
		await expect(studio.field('Title')).toHaveValue('Falls');
		// Closing or reloading the tab is the browser's own question.
		await lead.close({ runBeforeUnload: true });
		await expect.poll(() => asked).toEqual([leave, 'beforeunload: ']);
		expect(lead.isClosed()).toBe(false);
		await expect(studio.field('Section 1: part 1')).toHaveValue('Ring the bell.');
		answer = 'accept';
		await preview.click();
		await expect(lead).toHaveURL(`${editorUrl}/preview`);
		expect(asked).toEqual([leave, 'beforeunload: ', leave]);
	});

	await test.step('a refused upload keeps every typed value, and still asks before leaving', async () => {
		await lead.goto(editorUrl);
		await fillLeaflet(lead, { title: 'Falls', heading: 'Call first', body: 'Ring the bell.' });
		// Over the whole body's limit (the 1 MB upload limit and 1 MB for the form): refused unread.
		await studio
			.field('Recording (MP3 or Opus)')
			.setInputFiles(tempFile('long.mp3', Buffer.alloc(3 * 1024 * 1024, 0xff)));
		await studio.save.click();
		await expect(studio.errorSummary).toContainText(
			'Recording (MP3 or Opus): the file is larger than the upload limit, so it was not stored'
		);
		await expect(studio.field('Title')).toHaveValue('Falls');
		await expect(studio.field('Section 1: heading')).toHaveValue('Call first');
		await expect(studio.field('Section 1: part 1')).toHaveValue('Ring the bell.');
		await expectNoAxeViolations(lead);
		expect(asked).toEqual([leave, 'beforeunload: ', leave]);
		answer = 'dismiss';
		await preview.click();
		await expect.poll(() => asked.length).toBe(4);
		await expect(lead).toHaveURL(editorUrl);
	});

	await test.step('saving, with a recording sent, never asks; the saved form is clean', async () => {
		await studio
			.field('Recording (MP3 or Opus)')
			.setInputFiles('tests/fixtures/two-seconds-of-silence.mp3');
		await studio.field('Length of the recording in seconds').fill('2');
		await studio.saveAndExpectSaved();
		await studio.backToVersion();
		await expect(lead).toHaveURL(versionUrl);
		expect(asked).toHaveLength(4);
	});

	await test.step('the version’s evidence and notes are guarded the same way', async () => {
		const note = 'Tried with six patients on Ward 7.';
		await lead.getByLabel('User testing').fill(note);
		answer = 'dismiss';
		await lead.getByRole('link', { name: 'Edit: Leaflet, en' }).click();
		await expect.poll(() => asked.length).toBe(5);
		expect(asked[4]).toBe(leave);
		await expect(lead.getByLabel('User testing')).toHaveValue(note);
		await lead.getByRole('button', { name: 'Save evidence and review' }).click();
		await expect(lead.getByRole('status')).toContainText('Saved.');
		await lead.getByRole('link', { name: 'Edit: Leaflet, en' }).click();
		await expect(lead).toHaveURL(editorUrl);
		await lead.close({ runBeforeUnload: true });
		await expect.poll(() => lead.isClosed()).toBe(true);
		expect(asked).toHaveLength(5);
	});
});
