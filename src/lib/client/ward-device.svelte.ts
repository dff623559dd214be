import { liveQuery } from 'dexie';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import { clockOffset } from '$lib/domain/clock';
import { WardContent } from '$lib/domain/ward-content';
import { openDevice, type Device } from './device';
import type { DeviceDelivery, OutboxEntry } from './device-db';
import { httpTransport } from './http-transport';
import { keepSmallMedia } from './offline-media';
import { rememberStaff } from './recent-staff';
import { remember } from './sign-out-queue';
import { SyncManager } from './sync-manager.svelte';
import { askToKeepThisPage, installFailed, workerRegistration } from './worker-registration';

/** The person signed in on the ward page, as the device needs them. */
export interface WardStaff {
	id: string;
	displayName: string;
	email: string;
}

export interface WardDeviceOptions {
	/** The content the server sent with the page (perhaps an old copy, from the offline cache). */
	served: WardContent;
	wardId: string | null;
	staff: WardStaff;
	/** Ends this person's session later if they sign out while the tablet is offline. */
	signOutKey: string | null;
}

/** Why a record could not be kept: the tablet's storage is full, or something else went wrong. */
export type SaveFailure = 'storageFull' | 'notKept';

/** A failed write, told as the nurse can act on it (QuotaExceededError may arrive wrapped). */
export function saveFailureOf(error: unknown): SaveFailure {
	const names = [error, (error as { inner?: unknown } | null)?.inner].map(
		(e) => (e as { name?: unknown } | null)?.name
	);
	return names.includes('QuotaExceededError') ? 'storageFull' : 'notKept';
}

/**
 * Whether the tablet works without the network yet: `preparing` until its service worker
 * controls the page (the app shell and this page kept) and the briefings' small media are kept;
 * `partly` when some of those media could not be fetched (the next page load tries again);
 * `failed` when the worker could not be installed and none serves the page (the same).
 */
export type OfflineReadiness = 'preparing' | 'ready' | 'partly' | 'failed';

/** The User Timing mark made when a record and its outbox entry have committed. */
export const RECORD_KEPT_MARK = 'record-kept';

/** How long signing out waits for records to go before it goes ahead (they stay safe anyway). */
const SEND_BEFORE_SIGN_OUT_MS = 5000;

/** The content is asked for again at most this often, whatever asks (a 304 when unchanged). */
export const CONTENT_CHECK_MS = 60_000;
/** And at least this often while the page is open and seen, though nothing else happens. */
const CONTENT_CHECK_IDLE_MS = 5 * 60_000;

/** The same content, whenever it was read. */
const sameContent = (a: WardContent, b: WardContent) =>
	JSON.stringify({ ...a, fetchedAt: '' }) === JSON.stringify({ ...b, fetchedAt: '' });

/** Asks the server for the ward's content; a test gives its own. */
export type ContentFetch = (etag: string | null) => Promise<Response>;
const fetchContent: ContentFetch = (etag) =>
	fetch('/api/ward-content', {
		headers: etag ? { 'if-none-match': etag } : {},
		credentials: 'same-origin'
	});

/**
 * Everything the ward page keeps on the tablet: the newest copy of the ward's content, today's
 * records and their sync state, the outbox's sync, and who is signed in. The page shows what
 * this holds; only this (and the repositories beneath it) touches the device's database.
 */
export class WardDevice {
	/** The device's newer copy of the content, when the page came from the offline cache. */
	stored = $state<WardContent | null>(null);
	/** Raw: rows are replaced, never changed, and a catch-up may hold thousands of them. */
	today = $state.raw<DeviceDelivery[]>([]);
	/** Everything the server refused from this device, whatever its day or ward, oldest first. */
	refused = $state.raw<OutboxEntry[]>([]);
	saved = $state<DeviceDelivery | null>(null);
	saving = $state(false);
	/** Why the last save could not be kept on the tablet, until the next save succeeds. */
	saveFailed = $state<SaveFailure | null>(null);
	sync = $state<SyncManager | null>(null);
	/**
	 * A newer version of the app has upgraded the device's database (another tab, after an
	 * update): this page's connection is closed and it must be reloaded to go on (hazard H85).
	 */
	outdated = $state(false);
	/** Null where the browser has no service worker (nothing works offline there). */
	offline = $state<OfflineReadiness | null>(null);
	/**
	 * Content newer than what is shown (a version published, a group changed since the page
	 * loaded), kept on the device already and waiting to be shown: the page takes it between
	 * admissions (`useNewerContent`), never under a nurse in the middle of one.
	 */
	newerContent = $state.raw<WardContent | null>(null);
	/**
	 * How far this tablet's clock is from the server's (ms, positive: ahead), when it is wrong
	 * enough to date records on the wrong day (clockOffset); null while it is right or unknown.
	 * Read from each content check's answer.
	 */
	clockOffset = $state<number | null>(null);

	#options: () => WardDeviceOptions;
	#device: Device | null = null;
	#signingOut = false;
	/** The newest re-read of today's list: an older one that answers later is dropped. */
	#todayRead = 0;
	#refresh = () => {
		void this.refreshToday();
		void this.checkContent();
	};
	/** The page seen again, or the network back: the content is asked for at once. */
	#seen = () => {
		void this.refreshToday();
		void this.checkContent(fetchContent, Date.now(), true);
	};
	#checkContent = () => void this.checkContent(fetchContent, Date.now(), true);
	#contentTag: string | null = null;
	#contentCheckedAt = -Infinity;
	#contentTimer: ReturnType<typeof setInterval> | undefined;
	#beforeSignOut = (event: SubmitEvent) => this.#sendBeforeSignOut(event);

	/** `options` is read when needed, so the page's newer data is used after it changes. */
	constructor(options: () => WardDeviceOptions) {
		this.#options = options;
	}

	/** The content to show: the device's copy when it is newer than the page's. */
	get content(): WardContent {
		const stored = this.stored;
		const { served } = this.#options();
		return stored && stored.fetchedAt > served.fetchedAt ? stored : served;
	}

	/** Reads and writes what the device keeps; no browser events (tests call this alone). */
	async open(device: Device = openDevice()): Promise<void> {
		this.#device = device;
		const { served, staff, signOutKey } = this.#options();
		const copy = WardContent.safeParse((await device.db.content.get('ward'))?.content);
		if (copy.success && copy.data.fetchedAt > served.fetchedAt) this.stored = copy.data;
		else await device.db.content.put({ key: 'ward', content: $state.snapshot(served) });
		if (signOutKey) await remember(device.db, { signOutKey, staffId: staff.id });
		await this.refreshToday();
	}

	/** In the page: open, then sync, keep media, and follow the page's visibility and sign-out. */
	start(): void {
		const device = openDevice(undefined, {
			onNewerVersion: () => {
				this.outdated = true;
				this.sync?.stop();
			}
		});
		this.#device = device;
		void this.open(device);
		// Records waiting to be sent live in IndexedDB, which a browser short of space may clear
		// for a site it has not been asked to keep: ask (granted or not, silently; hazard H3).
		void navigator.storage?.persist?.().catch(() => false);
		// The service worker may have sent records while the page was hidden, and a version may
		// have been published: a tablet is often left open on this page for a whole shift.
		document.addEventListener('visibilitychange', this.#seen);
		window.addEventListener('online', this.#checkContent);
		this.#contentTimer = setInterval(() => void this.checkContent(), CONTENT_CHECK_IDLE_MS);
		if ('serviceWorker' in navigator && 'caches' in window) void this.#getReadyOffline();
		this.sync = new SyncManager(device, httpTransport(), this.#refresh);
		void this.sync.start();
		const { email, displayName } = this.#options().staff;
		rememberStaff({ email, displayName });
		document.addEventListener('submit', this.#beforeSignOut, true);
	}

	/**
	 * Keeps captions, posters and pictures for every briefing, so none is missing offline, and
	 * says when the tablet is ready: a nurse on a new tablet knows when it is safe to lose the
	 * Wi-Fi. Offline, media already kept count as kept and the rest as missing.
	 */
	async #getReadyOffline(): Promise<void> {
		this.offline = 'preparing';
		const workers = navigator.serviceWorker;
		const controlled = new Promise<void>((resolve) => {
			if (workers.controller) return resolve();
			workers.addEventListener('controllerchange', () => resolve(), { once: true });
			// The worker took over before this page was there to be taken: the page opened while it
			// was activating, or was loaded past it (a hard reload). Asked, it keeps the page for the
			// next load offline, and takes it if the browser lets it.
			void workers.getRegistration().then((r) => {
				if (r?.active?.state === 'activated' && !workers.controller)
					void askToKeepThisPage(r.active).then(resolve);
			});
		});
		const ready = Promise.all([keepSmallMedia(this.#options().served), controlled]).then(
			([missing]) => (missing === 0 ? ('ready' as const) : ('partly' as const))
		);
		// Its install failed (a file of the shell could not be fetched), or the browser refused to
		// register it, and no worker serves this page: until the next page load tries again,
		// nothing would open the ward page without the network, and the nurse must know.
		const failed = workerRegistration
			.then(installFailed, () => undefined)
			.then(() => (workers.controller ? new Promise<never>(() => {}) : ('failed' as const)));
		this.offline = await Promise.race([ready, failed]);
	}

	stop(): void {
		if (typeof document !== 'undefined') {
			document.removeEventListener('submit', this.#beforeSignOut, true);
			document.removeEventListener('visibilitychange', this.#seen);
			window.removeEventListener('online', this.#checkContent);
		}
		clearInterval(this.#contentTimer);
		this.sync?.stop();
		this.#device?.db.close();
		this.#device = null;
	}

	/*
	 * Today's list is re-read after each save, undo and sync run rather than live: a device
	 * catching up on thousands of records would otherwise re-read them all after every batch.
	 * Rows that did not change are kept as they were, so the list redraws only new or changed
	 * rows.
	 */
	async refreshToday(): Promise<void> {
		const { wardId } = this.#options();
		if (!this.#device || !wardId || this.outdated) return;
		const read = ++this.#todayRead;
		const [fresh, refused] = await Promise.all([
			this.#device.deliveries.today(wardId, this.content.timeZone),
			this.#device.outbox.refused()
		]);
		if (read !== this.#todayRead) return;
		this.today = keepUnchanged(this.today, fresh);
		// Few (a refusal waits for a person): replaced only when it changed, so nothing redraws.
		if (refused.map((e) => e.id).join() !== this.refused.map((e) => e.id).join())
			this.refused = refused;
	}

	/**
	 * Asks the server for the ward's content again (at most once a CONTENT_CHECK_MS unless
	 * `now` is asked for, and never while the page is hidden or the tablet offline) and keeps a newer copy on the device at
	 * once, so a reload, even offline, shows it; the page shows it from the next admission. A
	 * tablet left open all shift would otherwise deliver a version retired since it loaded, and
	 * the server refuses such records (versionNotPublished). Never throws: without the network
	 * it is simply asked again later.
	 */
	async checkContent(
		fetcher: ContentFetch = fetchContent,
		now = Date.now(),
		atOnce = false
	): Promise<void> {
		const device = this.#device;
		if (!device || this.outdated) return;
		if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
		if (typeof navigator !== 'undefined' && !navigator.onLine) return;
		if (!atOnce && now - this.#contentCheckedAt < CONTENT_CHECK_MS) return;
		this.#contentCheckedAt = now;
		try {
			const sentAt = Date.now();
			const response = await fetcher(this.#contentTag);
			this.clockOffset = clockOffset(response.headers.get('date'), sentAt, Date.now());
			if (!response.ok) return; // a 304 too: nothing has changed
			const fresh = WardContent.safeParse(await response.json());
			if (!fresh.success) return;
			this.#contentTag = response.headers.get('etag');
			const shown = this.newerContent ?? this.content;
			if (fresh.data.fetchedAt <= shown.fetchedAt || sameContent(fresh.data, shown)) return;
			await device.db.content.put({ key: 'ward', content: fresh.data });
			this.newerContent = fresh.data;
		} catch {
			// Offline, a weak signal or a closed database: the next check tries again.
		}
	}

	/** Shows the newer content fetched (between admissions: the page says when). */
	useNewerContent(): void {
		if (!this.newerContent) return;
		this.stored = this.newerContent;
		this.newerContent = null;
	}

	/**
	 * Saves a record and its outbox entry; resolves with the record kept, or null if none.
	 * A write the tablet refuses (storage full, say) keeps nothing and says why in `saveFailed`,
	 * so the page can tell the nurse and keep their answers for another try.
	 *
	 * It resolves as soon as the record and its outbox entry have committed (from then on they
	 * survive a reload or a closed tab), so "Saved" shows at once; today's list and the sync
	 * follow in a task of their own, after the confirmation has been drawn.
	 */
	async save(record: DeliveryRecordInput): Promise<DeviceDelivery | null> {
		const device = this.#device;
		if (!device || this.saving) return null;
		this.saving = true;
		// A new try: the last failure's message goes, and comes back only if this one fails too.
		this.saveFailed = null;
		try {
			const { id, displayName } = this.#options().staff;
			const { briefings, groups } = this.content;
			const shown = {
				topic: briefings.find((b) => b.id === record.briefingId)?.topic ?? '',
				group: groups.find((g) => g.id === record.patientGroupId)?.name ?? ''
			};
			let kept: DeviceDelivery | undefined;
			try {
				kept = await device.deliveries.save(record, { id, displayName }, shown);
				// When the record became safe on the tablet, for a performance trace (and the bench).
				performance.mark(RECORD_KEPT_MARK);
			} catch (error) {
				kept = await this.#keptAlready(device, record, error);
				if (!kept) {
					console.error('A record could not be saved on this device', error);
					this.saveFailed = saveFailureOf(error);
					return null;
				}
			}
			this.saved = kept;
			setTimeout(() => {
				if (this.#device !== device) return; // the page has gone (stop() closed the database)
				this.refreshToday().catch((e) => console.error('Today’s list could not be re-read', e));
				void this.sync?.recordSaved();
			});
			return kept;
		} finally {
			this.saving = false;
		}
	}

	/**
	 * The same record pressed again after a save that was slow to answer: already kept, for the
	 * same patient group and briefing, it counts as saved (never as a second record).
	 */
	async #keptAlready(device: Device, record: DeliveryRecordInput, error: unknown) {
		if ((error as { name?: string } | null)?.name !== 'ConstraintError') return undefined;
		const kept = await device.deliveries.get(record.id).catch(() => undefined);
		return kept?.record.patientGroupId === record.patientGroupId &&
			kept.record.briefingId === record.briefingId
			? kept
			: undefined;
	}

	/** Forgets the last save's failure (the nurse has moved on to another patient). */
	clearSaveFailure(): void {
		this.saveFailed = null;
	}

	async undo(id: string): Promise<void> {
		if (!this.#device) return;
		await this.#device.deliveries.undo(id);
		this.saved = null;
		await this.refreshToday();
		void this.sync?.syncNow();
	}

	/** Keeps `saved` (waiting → sent) up to date; returns the function that stops it. */
	watchSaved(id: string): () => void {
		const device = this.#device;
		if (!device) return () => {};
		const sub = liveQuery(() => device.deliveries.get(id)).subscribe(
			(row) => (this.saved = row ?? null)
		);
		return () => sub.unsubscribe();
	}

	/*
	 * On a shared tablet, before signing out, try once (briefly) to send what waits, under the
	 * person who made it. Whatever cannot go now stays safe on the device, still theirs, and
	 * goes with the next person's session; the service worker ends this session, even offline.
	 */
	#sendBeforeSignOut(event: SubmitEvent) {
		const form = event.target as HTMLFormElement;
		const sync = this.sync;
		if (this.#signingOut || !form.action.endsWith('/sign-out') || !sync || sync.waiting === 0)
			return;
		event.preventDefault();
		this.#signingOut = true;
		const submitter = event.submitter;
		const timeout = new Promise((resolve) => setTimeout(resolve, SEND_BEFORE_SIGN_OUT_MS));
		void Promise.race([sync.syncNow(), timeout]).finally(() => form.requestSubmit(submitter));
	}
}

/** `fresh`, with each row that has not changed since `shown` kept as the object shown. */
function keepUnchanged(shown: DeviceDelivery[], fresh: DeviceDelivery[]): DeviceDelivery[] {
	const before = new Map(shown.map((d) => [d.id, d]));
	return fresh.map((d) => {
		const was = before.get(d.id);
		return was && was.syncState === d.syncState && was.refusal === d.refusal ? was : d;
	});
}
