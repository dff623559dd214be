import { expect, test, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { join } from 'node:path';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { ContentPacksPage } from './pages/content-packs-page';
import { StudioGroupsPage } from './pages/studio-groups-page';
import {
	countOf,
	createOrganisationWithLead,
	slugOf,
	storedMedia,
	waitingPacks
} from './support/organisations';
import { sharedDataDir } from './support/paths';

const uploads = join(sharedDataDir, 'uploads');

const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;

test('a lead creates a group, gives it briefings in order and sees its gaps on the matrix', async ({
	page
}) => {
	test.setTimeout(180_000); // a dozen axe scans
	await signIn(page, demo.lead);
	await page.getByRole('link', { name: 'Patient groups' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Patient groups' })).toBeVisible();
	await expectNoAxeViolations(page);

	const groups = new StudioGroupsPage(page);
	await groups.startNew();
	await expectNoAxeViolations(page);

	// Nothing filled in: the error summary names each field, and nothing is stored.
	await groups.fill({ name: '   ' });
	await groups.submitNew();
	await expect(groups.errorSummary).toContainText('Enter a name for the group');
	await expect(groups.errorSummary).toContainText('Give at least one format a place');
	await expect(groups.errorSummary).toContainText('Tick at least one usual language');
	await expect(page).toHaveTitle(/^Error: /);
	await expectNoAxeViolations(page);
	// Two formats in the same place are refused; what was typed is kept.
	await groups.fill({
		name: 'Stroke unit patients',
		formats: ['Easy read', 'Leaflet'],
		languages: ['English']
	});
	await groups.formatPlace('Leaflet').selectOption({ label: '1st choice' });
	await groups.submitNew();
	await expect(groups.errorSummary).toContainText('each format a different place');
	await expect(groups.name).toHaveValue('Stroke unit patients');
	await groups.errorSummary.getByRole('link', { name: /each format a different place/ }).click();

	await groups.fill({
		name: 'Stroke unit patients',
		description: 'Many have aphasia: easy read first, then talk it through.',
		needs: ['Easy read', 'Carer or advocate present'],
		formats: ['Easy read', 'Face-to-face talk'],
		languages: ['English', 'العربية (Arabic)'],
		ages: ['Older people']
	});
	await groups.formatPlace('Leaflet').selectOption({ label: 'Not used' });
	await groups.submitNew();
	await expect(page.getByRole('heading', { level: 1, name: 'Stroke unit patients' })).toBeVisible();
	await expect(groups.notice).toContainText('Group added');
	await expect(page.getByText('This group has no briefings yet')).toBeVisible();

	await groups.addBriefing('Your safety on our ward');
	await groups.addBriefing('Preventing blood clots');
	await groups.moveUp('Preventing blood clots');
	await expect(groups.briefingsInOrder()).toHaveText([
		'Preventing blood clots',
		'Your safety on our ward'
	]);
	await expectNoAxeViolations(page);
	// A briefing whose published version is near its review-by date (the demo's) says so.
	await groups.addBriefing("Call, don't fall");
	const given = page.getByRole('table', { name: 'Briefings this group gets on admission' });
	await expect(given.getByRole('rowheader', { name: /^Call, don't fall/ })).toContainText(
		/Review by \d{1,2} [A-Z][a-z]{2,3} \d{4}\s*Review due soon/
	);
	await expect(given.getByRole('rowheader', { name: /^Your safety/ })).not.toContainText('Review');

	// The matrix shows the group's gaps in plain words, above an accessible table.
	await page.goto('/studio/matrix');
	const gaps = page.getByRole('list', { name: /gaps? to fill/ });
	await expect(gaps).toContainText(
		'The first choice for Stroke unit patients is easy read; ‘Preventing blood clots’ has none.'
	);
	await expect(gaps).toContainText(
		// Language names are isolated (U+2068 … U+2069), so Arabic keeps the English sentence's order.
		'Stroke unit patients: ‘Preventing blood clots’ has nothing in \u2068English\u2069, \u2068العربية (Arabic)\u2069 in a format the group prefers.'
	);
	const table = page.getByRole('table', { name: 'Briefings for Stroke unit patients, by format' });
	await expect(table.getByRole('columnheader', { name: /Easy read\s+1st choice/ })).toBeVisible();
	const clots = table.getByRole('row', { name: /Preventing blood clots/ });
	await expect(clots.getByRole('cell').nth(2)).toHaveText('None'); // easy read
	const yourSafety = table.getByRole('row', { name: /Your safety on our ward/ });
	await expect(yourSafety.getByRole('cell').nth(2)).toContainText('العربية');
	// The group's own languages are named; Welsh, not one of them, is counted.
	await expect(yourSafety.getByRole('cell').nth(0)).toHaveText(
		/English, العربية \(Arabic\)\s+\(and 1 other language\)/
	);
	// The matrix flags it too, and only it.
	await expect(table.getByRole('rowheader', { name: /^Call, don't fall/ })).toContainText(
		'Review due soon'
	);
	await expect(table.getByRole('rowheader', { name: /^Your safety/ })).not.toContainText('Review');
	await expectNoAxeViolations(page);
	const groupPage = await page
		.getByRole('link', { name: 'Stroke unit patients' })
		.first()
		.getAttribute('href');
	await page.getByRole('link', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);
	// Every catalogue page, mirrored in Arabic (the language choice is remembered).
	for (const path of [groupPage ?? '', '/studio/groups', '/studio/groups/new']) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
		await expectNoAxeViolations(page);
	}
	await page.getByRole('button', { name: 'أضف المجموعة' }).click();
	await expect(page.getByRole('heading', { name: 'توجد مشكلة' })).toBeVisible();
	await expectNoAxeViolations(page);
});

test('an archived group is no longer offered on the ward, and comes back when restored', async ({
	browser
}) => {
	const leadContext = await browser.newContext();
	const lead = await leadContext.newPage();
	await signIn(lead, demo.lead);
	const groups = new StudioGroupsPage(lead);
	await groups.startNew();
	await groups.fill({
		name: 'Day surgery patients',
		formats: ['Leaflet'],
		languages: ['English']
	});
	await groups.submitNew();
	await groups.addBriefing('Preventing blood clots');
	const groupUrl = lead.url().split('?')[0] ?? '';

	const wardContext = await browser.newContext();
	const ward = await wardContext.newPage();
	await signIn(ward, demo.ward);
	await expect(ward.getByRole('button', { name: /Day surgery patients/ })).toBeVisible();

	await groups.archive();
	await expect(lead.getByText('Archived', { exact: true })).toBeVisible();
	await expectNoAxeViolations(lead);
	await groups.gotoList();
	await expect(
		lead.getByRole('table', { name: 'Archived patient groups' }).getByRole('link', {
			name: 'Day surgery patients'
		})
	).toBeVisible();
	await expect(
		lead
			.getByRole('table', { name: 'Patient groups offered on the wards' })
			.getByText('Day surgery patients')
	).toHaveCount(0);

	await ward.reload();
	await expect(ward.getByRole('button', { name: /General adult inpatients/ })).toBeVisible();
	await expect(ward.getByRole('button', { name: /Day surgery patients/ })).toHaveCount(0);

	await lead.goto(groupUrl);
	await groups.unarchive();
	await ward.reload();
	await expect(ward.getByRole('button', { name: /Day surgery patients/ })).toBeVisible();
	await leadContext.close();
	await wardContext.close();
});

test('two leads edit the same group: the second save is refused, keeping what they typed', async ({
	browser
}) => {
	const first = await (await browser.newContext()).newPage();
	await signIn(first, demo.lead);
	const second = await (await browser.newContext()).newPage();
	await signIn(second, demo.admin);
	const firstGroups = new StudioGroupsPage(first);
	const name = `Ward 9 day patients ${Date.now().toString(36)}`;
	await firstGroups.startNew();
	await firstGroups.fill({ name, formats: ['Leaflet'], languages: ['English'] });
	await firstGroups.submitNew();
	await expect(first).toHaveURL(/\/studio\/groups\/[0-9a-f-]+\?saved=created$/);
	const groupUrl = first.url().split('?')[0] ?? '';

	// Both open the group; the first saves.
	const secondGroups = new StudioGroupsPage(second);
	await second.goto(groupUrl);
	await firstGroups.description.fill('Saved by the first lead.');
	await firstGroups.saveChanges();
	await expect(firstGroups.notice).toContainText('Changes saved');

	// The second's save, from the page as it was, is refused; nothing is overwritten. A
	// mistake fixed on the way does not let it through.
	await secondGroups.name.fill(' ');
	await secondGroups.saveChanges();
	await expect(secondGroups.errorSummary).toContainText('Enter a name for the group');
	await secondGroups.name.fill(name);
	await secondGroups.description.fill('Typed by the second lead.');
	await secondGroups.formatPlace('Easy read').selectOption({ label: '2nd choice' });
	await secondGroups.saveChanges();
	await expect(secondGroups.errorSummary).toContainText(
		'Someone else changed this group after you opened it: your changes were not saved'
	);
	await expect(second.getByRole('heading', { name: 'Your changes were not saved' })).toBeVisible();
	await expect(second).toHaveTitle(/^Error: /);
	await expect(secondGroups.description).toHaveValue('Typed by the second lead.');
	await expect(secondGroups.formatPlace('Easy read')).toHaveValue('2');
	// The details at the top are the group as saved now: the first lead's words.
	await expect(second.getByRole('definition').getByText('Saved by the first lead.')).toBeVisible();
	await expectNoAxeViolations(second);
	await first.reload();
	await expect(firstGroups.description).toHaveValue('Saved by the first lead.');

	// Told, the second lead may save again on purpose: then theirs is saved.
	await secondGroups.saveChanges();
	await expect(secondGroups.notice).toContainText('Changes saved');
	await expect(second.getByRole('definition').getByText('Typed by the second lead.')).toBeVisible();
	await first.close();
	await second.close();
});

test('HTML and script typed into a group are shown as text, never run', async ({ page }) => {
	await signIn(page, demo.lead);
	const groups = new StudioGroupsPage(page);
	await groups.startNew();
	await groups.fill({
		name: `Group ${payload}`.slice(0, 100),
		description: payload,
		formats: ['Video'],
		languages: ['English']
	});
	await groups.submitNew();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('<img src=x onerror=');
	await expect(page.getByRole('main').getByText(payload).first()).toBeAttached();
	for (const path of ['/studio/groups', '/studio/matrix', '/studio']) {
		await page.goto(path);
		await expect(page.getByText(/Group <img src=x/).first()).toBeVisible();
	}
	expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
	expect(await page.locator('main img[src="x"]').count()).toBe(0);
});

test('ward staff get 403 on the catalogue pages and actions; reviewers may look but not change', async ({
	browser
}) => {
	const ward = await browser.newPage();
	await signIn(ward, demo.ward);
	const origin = new URL(ward.url()).origin;
	for (const path of ['/studio/groups', '/studio/groups/new', '/studio/matrix', '/studio/packs']) {
		const response = await ward.goto(path);
		expect(response?.status(), path).toBe(403);
	}
	const post = await ward.request.post('/studio/groups/new', {
		form: { name: 'Sneaky', 'rank-video': '1', usualLanguages: 'en' },
		headers: { origin }
	});
	expect(post.status()).toBe(403);
	const check = await ward.request.post('/studio/packs?/check', {
		multipart: { pack: { name: 'x.zip', mimeType: 'application/zip', buffer: Buffer.from('x') } },
		headers: { origin }
	});
	expect(check.status()).toBe(403);
	const download = await ward.request.get(
		'/studio/packs/export?briefingId=00000000-0000-4000-8000-000000000000&licence=CC-BY-4.0&attribution=x'
	);
	expect(download.status()).toBe(403);
	await ward.close();

	const reviewer = await browser.newPage();
	await signIn(reviewer, demo.reviewer);
	await reviewer.goto('/studio/groups');
	await expect(reviewer.getByRole('link', { name: 'Add a patient group' })).toHaveCount(0);
	await reviewer.getByRole('link', { name: 'General adult inpatients' }).click();
	await expect(
		reviewer.getByRole('heading', { level: 1, name: 'General adult inpatients' })
	).toBeVisible();
	await expect(reviewer.getByRole('button', { name: 'Archive the group' })).toHaveCount(0);
	// Reviewers read the group's details, but get no form to change them.
	await expect(reviewer.getByText('Most adults admitted to the ward.')).toBeVisible();
	await expect(reviewer.getByLabel('Name of the group')).toHaveCount(0);
	const groupUrl = new URL(reviewer.url());
	for (const action of ['archive', 'save', 'briefings']) {
		const response = await reviewer.request.post(`${groupUrl.pathname}?/${action}`, {
			form: { name: 'Renamed by a reviewer' },
			headers: { origin }
		});
		expect(response.status(), action).toBe(403);
	}
	const created = await reviewer.request.post('/studio/groups/new', {
		form: { name: 'Reviewer group', 'rank-video': '1', usualLanguages: 'en' },
		headers: { origin }
	});
	expect(created.status()).toBe(403);
	await reviewer.goto('/studio/groups');
	await expect(reviewer.getByText('Reviewer group')).toHaveCount(0);
	await reviewer.close();
});

const south = {
	name: 'Southfield Hospitals NHS Trust (test)',
	email: 'lead@southfield.example',
	password: 'southfield-lead-pass',
	displayName: 'Sol Southfield'
};
/** The second organisation, made on first use (the suite's database outlives a test). */
const southfield = () => createOrganisationWithLead(sharedDataDir, south);

const briefingsOf = (organisationId: string) =>
	countOf(
		sharedDataDir,
		'select count(*) as n from briefing where organisation_id = ?',
		organisationId
	);

test('a briefing travels to another organisation as a content pack and arrives as a draft', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { organisationId } = await southfield();
	const northContext = await browser.newContext();
	const north = await northContext.newPage();
	await signIn(north, demo.lead);
	await north.getByRole('link', { name: 'Content packs: share and import' }).click();
	const northPacks = new ContentPacksPage(north);
	await expect(north.getByRole('heading', { level: 1, name: 'Content packs' })).toBeVisible();
	await expectNoAxeViolations(north);
	const pack = await northPacks.export(
		'Your safety on our ward (version 1)',
		'Creative Commons Attribution 4.0',
		'© Northfield Hospitals NHS Trust'
	);
	expect(pack.subarray(0, 2).toString()).toBe('PK');
	await northContext.close();

	const southContext = await browser.newContext();
	const page = await southContext.newPage();
	await signIn(page, south);
	const packs = new ContentPacksPage(page);
	await packs.goto();
	const uploadsBefore = storedMedia(uploads);
	// Each step says what it is doing while the server works: the server's answers are held
	// here until the page has been read.
	const checked = await holdAnswer(page, '?/check');
	await packs.check({ name: 'your-safety.briefing-pack.zip', buffer: pack });
	await expect(
		page.getByLabel('Pack sent. Checking every file and word against its fingerprint…')
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Check the pack' })).toBeDisabled();
	await checked();
	// The confirm step: what will be created, and nothing stored yet.
	await expect(packs.preview).toContainText('Your safety on our ward');
	// Slugs are unique per organisation: Southfield has no briefing of that name yet.
	await expect(packs.preview).toContainText('your-safety-on-our-ward');
	await expect(packs.preview).not.toContainText('your-safety-on-our-ward-2');
	await expect(packs.preview).toContainText('A draft, for your own review');
	await expect(packs.preview).toContainText('Creative Commons Attribution 4.0. © Northfield');
	await expect(packs.preview).toContainText('OpenMoji');
	await expect(packs.preview).toContainText('Easy read · العربية');
	expect(briefingsOf(organisationId)).toBe(0);
	expect(storedMedia(uploads)).toEqual(uploadsBefore);
	await expectNoAxeViolations(page);

	const imported = await holdAnswer(page, '?/confirm');
	await page.getByRole('button', { name: 'Import as a draft' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Importing: checking the pack once more' })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Importing…' })).toBeDisabled();
	await imported();
	await expect(packs.notice).toContainText(
		'Imported ‘Your safety on our ward’ as a draft with the web address name ‘your-safety-on-our-ward’'
	);
	expect(briefingsOf(organisationId)).toBe(1);
	expect(
		countOf(
			sharedDataDir,
			`select count(*) as n from briefing_version v join briefing b on b.id = v.briefing_id
			 where b.organisation_id = ? and v.status = 'draft'`,
			organisationId
		)
	).toBe(1);
	// Media now live under their SHA-256 on this site; the content points at them.
	const uploaded = storedMedia(uploads);
	expect(uploaded.some((f) => /^[0-9a-f]{64}\.mp4$/.test(f))).toBe(true);
	expect(uploaded.some((f) => /^[0-9a-f]{64}\.vtt$/.test(f))).toBe(true);
	expect(
		countOf(
			sharedDataDir,
			`select count(*) as n from briefing_variant x join briefing_version v on v.id = x.version_id
			 join briefing b on b.id = v.briefing_id
			 where b.organisation_id = ? and x.content like '%"/media/%'`,
			organisationId
		)
	).toBe(0);
	expect(
		countOf(
			sharedDataDir,
			`select count(*) as n from audit_event where organisation_id = ? and action = 'imported'`,
			organisationId
		)
	).toBe(1);

	await page.goto('/studio');
	await expect(
		page
			.getByRole('table', { name: 'Briefings' })
			.getByRole('row', { name: /Your safety on our ward/ })
	).toContainText('Draft (version 1)');
	// A draft is never published by an import.
	const patient = await page.goto(`/o/${slugOf(south.name)}/b/your-safety-on-our-ward`);
	expect(patient?.status()).toBe(404);

	await page.goto('/studio/packs');
	await page.getByRole('link', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);
	await southContext.close();
});

test('a tampered pack and a file that is not a pack are refused with the reason, writing nothing', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, demo.lead);
	const packs = new ContentPacksPage(page);
	await packs.goto();
	const good = await packs.export(
		'Your safety on our ward (version 1)',
		'Open Government Licence v3.0',
		'© Northfield'
	);
	const before = {
		briefings: countOf(sharedDataDir, 'select count(*) as n from briefing'),
		uploads: storedMedia(uploads),
		waiting: waitingPacks(uploads)
	};
	const nothingWritten = () => {
		expect(countOf(sharedDataDir, 'select count(*) as n from briefing')).toBe(before.briefings);
		expect(storedMedia(uploads)).toEqual(before.uploads);
		expect(waitingPacks(uploads)).toEqual(before.waiting);
	};

	// One byte of the video changed: its SHA-256 no longer matches the manifest.
	const tampered = Buffer.from(good);
	const video = tampered.indexOf('ftyp') + 5000;
	tampered[video] = (tampered[video] ?? 0) ^ 0xff;
	await packs.check({ name: 'tampered.zip', buffer: tampered });
	await expect(packs.errorSummary).toContainText(
		'A file does not match its SHA-256 fingerprint, so it was changed or damaged: files/'
	);
	await expect(packs.errorSummary).toContainText('.mp4');
	// By the field too, which is marked as in error.
	const file = page.getByLabel('Content pack file');
	await expect(file).toHaveAttribute('aria-invalid', 'true');
	await expect(file).toHaveAccessibleDescription(/Error:\s+A file does not match its SHA-256/);
	await expect(packs.preview).toHaveCount(0);
	await expect(page).toHaveTitle(/^Error: /);
	await expectNoAxeViolations(page);
	nothingWritten();

	await packs.check({ name: 'leaflet.zip', buffer: Buffer.from('%PDF-1.7 not a pack at all') });
	await expect(packs.errorSummary).toContainText(
		'The file is not a content pack: it is not a zip file, or it is damaged'
	);
	nothingWritten();

	// A zip, but not one of ours.
	const notOurs = Buffer.from(zipSync({ 'notes.txt': strToU8('Ward meeting notes') }));
	await packs.check({ name: 'notes.zip', buffer: notOurs });
	await expect(packs.errorSummary).toContainText('The file is a zip but not a content pack');
	nothingWritten();
});

/**
 * Holds the server's answer to the next POST of one form action (`?/check`) until the returned
 * function is called, so what the page shows while the server works can be read. Held at the
 * response (Chromium's Fetch domain), after the browser has sent every byte of the request.
 */
async function holdAnswer(page: Page, action: string): Promise<() => Promise<void>> {
	const cdp = await page.context().newCDPSession(page);
	const paused = new Promise<string>((resolve) =>
		cdp.once('Fetch.requestPaused', (event) => resolve(event.requestId))
	);
	await cdp.send('Fetch.enable', {
		patterns: [{ urlPattern: `*${action}`, requestStage: 'Response' }]
	});
	return async () => {
		await cdp.send('Fetch.continueResponse', { requestId: await paused });
		await cdp.send('Fetch.disable');
		await cdp.detach();
	};
}
