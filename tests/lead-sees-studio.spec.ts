import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { demo } from './demo-accounts';
import { signIn } from './pages/sign-in-page';
import { addPublishedBriefings, createOrganisationWithLead } from './support/organisations';
import { sharedDataDir } from './support/paths';

test('an engagement lead signs in and sees the seeded groups and briefings', async ({ page }) => {
	await signIn(page, demo.lead);
	await expect(page).toHaveURL(/\/studio$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Content studio' })).toBeVisible();
	await expect(page.getByText('Signed in as Leila Lead')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Add a patient group' })).toHaveAttribute(
		'href',
		'/studio/groups/new'
	);
	await page.getByRole('link', { name: 'New briefing' }).click();
	await expect(page.getByLabel('Topic')).toBeVisible();
	await page.goBack();

	const briefings = page.getByRole('table', { name: 'Briefings' });
	const yourSafety = briefings.getByRole('row', { name: /Your safety on our ward/ });
	await expect(yourSafety).toContainText('Published (version 1)');
	await expect(yourSafety).toContainText('Video, Leaflet, Easy read, Face-to-face talk');
	await expect(yourSafety).toContainText('العربية');
	await expect(briefings.getByRole('row', { name: /Call, don't fall/ })).toContainText(
		'Review due soon'
	);
	await expect(briefings.getByRole('row', { name: /Sepsis/ })).toContainText('In review');
	await expect(page.getByRole('list', { name: 'With clinical reviewers' })).toContainText(
		'Sepsis: when to get help (version 1)'
	);

	const groups = page.getByRole('table', { name: 'Patient groups' });
	await expect(groups.getByRole('row')).toHaveCount(11); // header + 10 seed groups
	await expect(
		groups.getByRole('row', { name: /People with a learning disability/ })
	).toContainText('Easy read');
	await expectNoAxeViolations(page);

	// A published version says why its content cannot change (not "submitted").
	await yourSafety.getByRole('link').first().click();
	await expect(page).toHaveURL(/\/studio\/briefings\/[0-9a-f-]{36}$/);
	await page.goto(`${page.url()}/v/1`);
	await expect(
		page.getByText('This version is no longer a draft, so its content can no longer change.')
	).toBeVisible();

	// The same page in Arabic mirrors and stays accessible.
	await page.getByRole('link', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expectNoAxeViolations(page);
	// The choice is remembered for this staff member's next page.
	await page.goto('/studio');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
});

test('a clinical reviewer’s studio home starts with what waits for their review', async ({
	page
}) => {
	await signIn(page, demo.reviewer);
	const waiting = page.getByRole('list', { name: 'Waiting for your review' });
	await waiting.getByRole('link', { name: 'Sepsis: when to get help (version 1)' }).click();
	await expect(page).toHaveURL(/\/studio\/briefings\/[0-9a-f-]+\/v\/1$/);
	await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Return with comments' })).toBeVisible();
	// The demo's briefing was seeded, not written here: its trail says so, not "1 to 0 of 0".
	await page.goto(page.url().replace(/\/v\/1$/, ''));
	await expect(
		page.getByText('No changes have been recorded for this briefing yet.')
	).toBeVisible();
	await page.goto('/studio');
	// A reviewer writes no content: no way in to start one.
	await expect(page.getByRole('link', { name: 'New briefing' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Add a patient group' })).toHaveCount(0);
	await expectNoAxeViolations(page);
});

test('the studio pages its list of briefings, and still lists everything due for review', async ({
	page
}) => {
	const west = {
		name: 'Westfield Hospitals NHS Trust (test)',
		email: 'lead@westfield.example',
		password: 'westfield-lead-pass',
		displayName: 'Wes Westfield'
	};
	const { organisationId } = await createOrganisationWithLead(sharedDataDir, west);
	const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
	// 60 briefings, Topic 01 to Topic 60: one overdue and two due soon, on different pages.
	const reviewBy: Record<number, string> = { 1: day(-3), 30: day(20), 60: day(40) };
	addPublishedBriefings(
		sharedDataDir,
		organisationId,
		Array.from({ length: 60 }, (_, i) => {
			const n = String(i + 1).padStart(2, '0');
			return {
				topic: `Topic ${n}`,
				slug: `west-topic-${n}`,
				reviewBy: reviewBy[i + 1] ?? day(400)
			};
		})
	);
	await signIn(page, west);
	await expect(page).toHaveURL(/\/studio$/);

	const briefings = page.getByRole('table', { name: 'Briefings' });
	const pages = page.getByRole('navigation', { name: 'Pages of briefings' });
	const due = page.getByRole('list', { name: 'Content due for review' });
	await expect(briefings.getByRole('row')).toHaveCount(26); // header + 25
	await expect(page.getByText('Showing briefings 1 to 25 of 60')).toBeVisible();
	await expect(pages.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
	await expect(pages.getByRole('link', { name: /Previous/ })).toHaveCount(0);
	await expect(due.getByRole('listitem')).toHaveText([/Topic 01/, /Topic 30/, /Topic 60/]);
	await expectNoAxeViolations(page);

	await pages.getByRole('link', { name: 'Page 3' }).click();
	await expect(page).toHaveURL(/\/studio\?page=3/);
	await expect(briefings.getByRole('row')).toHaveCount(11); // header + 10
	await expect(briefings.getByRole('row', { name: /Topic 60/ })).toBeVisible();
	await expect(briefings.getByRole('row', { name: /Topic 01/ })).toHaveCount(0);
	// What is due for review is listed whole on every page.
	await expect(due.getByRole('listitem')).toHaveText([/Topic 01/, /Topic 30/, /Topic 60/]);
	await pages.getByRole('link', { name: /Previous/ }).click();
	await expect(page.getByText('Showing briefings 26 to 50 of 60')).toBeVisible();
	await expect(pages.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');

	// The list of all briefings flags the same versions, in their own rows, and no other.
	await page.goto('/studio/briefings');
	const all = page.getByRole('table', { name: 'All briefings' });
	const reviewCell = (topic: string) =>
		all.getByRole('row', { name: topic }).getByRole('cell').nth(3);
	await expect(all.getByRole('columnheader', { name: 'Review by' })).toBeVisible();
	await expect(reviewCell('Topic 01')).toContainText('Past review date');
	await expect(reviewCell('Topic 30')).toContainText('Review due soon');
	await expect(reviewCell('Topic 60')).toContainText('Review due soon');
	await expect(all.getByRole('cell', { name: /Past review date|Review due soon/ })).toHaveCount(3);
	await expect(reviewCell('Topic 02')).toHaveText(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}\s*$/); // its date only
	await expectNoAxeViolations(page);

	// A page past the end shows the last; in Arabic the pages mirror and stay accessible.
	await page.goto('/studio?page=99');
	await expect(page.getByText('Showing briefings 51 to 60 of 60')).toBeVisible();
	await page.goto('/studio?page=2&lang=ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	const first = await page.getByRole('link', { name: 'صفحة 1' }).boundingBox();
	const third = await page.getByRole('link', { name: 'صفحة 3' }).boundingBox();
	expect(first?.x ?? 0).toBeGreaterThan(third?.x ?? 0);
	await expectNoAxeViolations(page);
});

test('in Welsh, the studio home’s dates name their months in Welsh once its script has drawn it again', async ({
	page
}) => {
	// Chromium has no Welsh date data: its own formatter wrote "Dec" where the server, with full
	// ICU, had written "Rhag", once the page's script started and drew the page again.
	await signIn(page, demo.lead);
	await page.goto('/studio?lang=cy');
	await expect(page.locator('html')).toHaveAttribute('data-started', '');
	// The briefings' review dates.
	const text = await page.locator('main').innerText();
	expect(text).toMatch(/\b(Ion|Chwef|Maw|Ebr|Mai|Meh|Gorff|Awst|Medi|Hyd|Tach|Rhag)\b/);
	expect(text).not.toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/);
});
