import { expect, type Locator, type Page } from '@playwright/test';
import { workerControls } from '../support/offline';

/**
 * A save waits for the tablet's store to open: on a loaded machine opening IndexedDB can take
 * well over the default 10 s, and the nurse still waits for "Saved".
 */
const SAVED = { timeout: 45_000 };

/** The ward's admission flow, as a nurse uses it. */
export class WardPage {
	readonly syncStatus: Locator;
	readonly today: Locator;
	/** Whether the tablet works without the network yet. */
	readonly offlineReadiness: Locator;

	constructor(readonly page: Page) {
		this.syncStatus = page.getByRole('region', { name: 'Sending records' });
		this.today = page.getByRole('region', { name: /Today on this device/ });
		this.offlineReadiness = page
			.getByRole('status')
			.filter({ hasText: /work without the network/ });
	}

	async goto() {
		await this.page.goto('/ward');
	}

	async chooseGroup(name: string | RegExp) {
		await this.page.getByRole('button', { name }).click();
	}

	async chooseLanguage(nativeName: string) {
		await this.page.getByRole('button', { name: nativeName, exact: true }).click();
	}

	/**
	 * Starts the recommended format of the first briefing offered, on the recommendation step;
	 * for one briefing whose group's first choice exists in the language the ward has opened it
	 * already, and the deliver step is showing.
	 */
	async startRecommended() {
		const start = this.page.getByRole('button', { name: /^Start: / }).first();
		await expect(start.or(this.deliverHeading)).toBeVisible();
		if (await start.isVisible()) await start.click();
		await expect(this.deliverHeading).toBeVisible();
	}

	get deliverHeading(): Locator {
		return this.page.getByRole('heading', { name: /^Deliver: / });
	}

	async recordWhatHappened() {
		await this.page.getByRole('button', { name: 'Record what happened' }).click();
	}

	/** Nothing is chosen for the nurse: tapping the outcome is one tap, Save the other. */
	async chooseOutcome(outcome = 'Delivered') {
		await this.page.getByLabel(outcome, { exact: true }).check();
	}

	/** The common case: the outcome tapped, every other question left as not recorded. */
	async save(outcome = 'Delivered') {
		await this.chooseOutcome(outcome);
		await this.page.getByRole('button', { name: 'Save', exact: true }).click();
		await this.expectSaved();
	}

	/** The one-tap save on the deliver step: delivered, every other question not recorded. */
	async saveDelivered() {
		await this.page.getByRole('button', { name: 'Delivered: save' }).click();
		await this.expectSaved();
	}

	get notSaved(): Locator {
		return this.page.getByRole('alert').filter({ hasText: 'Not saved' });
	}

	/** "Saved", or the failure if the device refused the record: the reason shows in the report. */
	async expectSaved() {
		const saved = this.page.getByRole('heading', { name: 'Saved', exact: true });
		await expect(saved.or(this.notSaved)).toBeVisible(SAVED);
		await expect(this.notSaved).toHaveCount(0);
		await expect(saved).toBeVisible();
	}

	async nextPatient() {
		await this.page.getByRole('button', { name: 'Next patient' }).click();
	}

	/** The common case: group, language, recommended format, outcome, save. */
	async admit(group: string | RegExp, language = 'English') {
		await this.admitToSaved(group, language);
		await this.nextPatient();
	}

	/** As `admit`, left on the saved step. */
	async admitToSaved(group: string | RegExp, language = 'English') {
		await this.chooseGroup(group);
		await this.chooseLanguage(language);
		await this.startRecommended();
		await this.recordWhatHappened();
		await this.save();
	}

	/** Today's list, each row's briefing, format and language (its third column), newest first. */
	get todayBriefings(): Locator {
		return this.today
			.getByRole('table', { name: 'Each briefing' })
			.locator('tbody td:nth-child(3)');
	}

	/** Today's list, each briefing's "Sent?" answer (its last column), newest first. */
	get todaySent(): Locator {
		return this.today.getByRole('table', { name: 'Each briefing' }).locator('tbody td:last-child');
	}

	/**
	 * `count` records wait on this device, in its store and on the page. The store is asked
	 * first: the page's status follows it a moment later, so right after a save it can still
	 * say "All records sent" of the moment before, and a check of the server then would run
	 * before the record is there.
	 */
	async expectWaiting(count: number) {
		await expect.poll(() => this.waitingInStore()).toBe(count);
		await expect(this.syncStatus).toContainText(
			count === 0
				? 'All records sent'
				: `${count} record${count === 1 ? '' : 's'} waiting to be sent`
		);
	}

	/** Outbox entries not refused, read from the device's IndexedDB as the page keeps them. */
	waitingInStore(): Promise<number> {
		return this.page.evaluate(async () => {
			// Opened only if it is there: opening creates a database that does not exist.
			const names = (await indexedDB.databases()).map((database) => database.name);
			if (!names.includes('safety-briefings')) return 0;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('safety-briefings');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			try {
				if (!db.objectStoreNames.contains('outbox')) return 0;
				const outbox = db.transaction('outbox').objectStore('outbox');
				const count = (request: IDBRequest<number>) =>
					new Promise<number>((resolve, reject) => {
						request.onsuccess = () => resolve(request.result);
						request.onerror = () => reject(request.error);
					});
				// Entries with no refusal are absent from the `refusal` index.
				const [all, refused] = await Promise.all([
					count(outbox.count()),
					count(outbox.index('refusal').count())
				]);
				return all - refused;
			} finally {
				db.close();
			}
		});
	}

	/**
	 * Waits until the ward page's script has started (it then remembers the nurse on the tablet).
	 * Keys pressed before that act on the plain page: a group chosen loads its step as a new
	 * page, and the step's heading is not focused as the script would focus it.
	 */
	async waitForScript(email: string) {
		await expect
			.poll(() => this.page.evaluate(() => localStorage.getItem('recentStaff') ?? ''))
			.toContain(email);
	}

	/**
	 * Waits, as a nurse on a new tablet would, until the page says the tablet works without the
	 * network: its service worker controls the page and the briefings' captions and pictures
	 * are kept, so the page survives going offline.
	 */
	async waitForOfflineReady() {
		// The worker fetches the app shell first: on a busy machine, well over the usual 10 s.
		await expect(this.offlineReadiness).toHaveText(
			'This device is ready to work without the network.',
			{ timeout: 60_000 }
		);
		// It says so once the worker is active; its control of this page follows at once.
		await workerControls(this.page);
	}

	/**
	 * Every record in the device's store (IndexedDB), as the changes of a sync batch: what a
	 * device sending its batch again would send.
	 */
	async storedRecordsAsChanges(): Promise<Array<{ id: string; kind: string; payload: unknown }>> {
		const records = await this.page.evaluate(
			() =>
				new Promise<Array<{ id: string }>>((resolve, reject) => {
					const open = indexedDB.open('safety-briefings');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const read = open.result.transaction('deliveries').objectStore('deliveries').getAll();
						read.onsuccess = () =>
							resolve(read.result.map((d: { record: { id: string } }) => d.record));
						read.onerror = () => reject(read.error);
					};
				})
		);
		return records.map((record) => ({ id: record.id, kind: 'deliveryRecord', payload: record }));
	}
}
