// Shared by the ward benches (ward-device.js, tap-trace.js): the demo ward nurse signed in on the
// ward page, and one admission up to the one-tap save, timed in the page.

/** Signs in as the demo ward nurse and waits until the ward page's script is running. */
export async function signInNurse(page) {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill('ward7@demo.example');
	await page.getByLabel('Password', { exact: true }).fill('demo-ward-pass');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL('**/ward');
	// The page's script must be running (it remembers the nurse on the tablet) before the taps.
	await page.waitForFunction(() => (localStorage.getItem('recentStaff') ?? '').includes('ward7'));
}

/**
 * One admission: group, language, briefing, then the tap on "Delivered: save", timed in the
 * page from the tap until the "Saved" screen is drawn (`shown`) and until the app's own mark
 * that the record and its outbox entry have committed (`committed`; ward-device.svelte.ts
 * RECORD_KEPT_MARK). Marks `tap` at the tap, for a trace. Then "Next patient".
 */
export async function tapToSaved(page) {
	await page.getByRole('button', { name: /General adult inpatients/ }).click();
	await page.getByRole('button', { name: 'English', exact: true }).click();
	// One briefing in the group's first choice opens at once; otherwise start the recommended.
	const start = page.getByRole('button', { name: /^Start: / }).first();
	const deliver = page.getByRole('heading', { name: /^Deliver: / });
	await start.or(deliver).first().waitFor();
	if (await start.isVisible()) await start.click();
	await deliver.waitFor();
	const ms = await page.evaluate(async () => {
		const save = [...document.querySelectorAll('button')].find(
			(b) => b.textContent?.trim() === 'Delivered: save'
		);
		const saved = () =>
			[...document.querySelectorAll('h1, h2')].some((h) => h.textContent?.trim() === 'Saved');
		performance.clearMarks('record-kept');
		performance.mark('tap');
		const start = performance.now();
		save.click();
		await new Promise((resolve) => {
			if (saved()) return resolve();
			const observer = new MutationObserver(() => {
				if (saved()) {
					observer.disconnect();
					resolve();
				}
			});
			observer.observe(document.body, { childList: true, subtree: true, characterData: true });
		});
		const shown = performance.now() - start;
		const [kept] = performance.getEntriesByName('record-kept');
		return { shown, committed: kept ? kept.startTime - start : NaN };
	});
	await page.getByRole('button', { name: 'Next patient' }).click();
	return ms;
}
