import Dexie, { type ObservabilitySet } from 'dexie';
import { lastSyncOf, sendOutbox, SYNC_TAG, type Device } from './device';
import { SyncHttpError } from './http-transport';
import type { Transport } from './sync-engine';

const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Keeps the outbox moving and tells the screen how it stands. It syncs on start, after each
 * new record, when the browser comes back online, on a timer with exponential backoff while
 * records wait, and asks the service worker for a Background Sync where the browser has one
 * (so records go even after the tab is closed).
 */
export class SyncManager {
	waiting = $state(0);
	refused = $state(0);
	/** Records the server holds for the engagement lead to check, from the last day. */
	held = $state(0);
	lastSyncAt = $state<string | null>(null);
	syncing = $state(false);
	/** How many were waiting when this run began: with `waiting`, how far a long run has got. */
	runOf = $state(0);
	/**
	 * 'offline' | 'signInRequired' | 'serverError' | 'deviceStorage' while the last attempt
	 * failed, else null.
	 */
	problem = $state<string | null>(null);

	#device: Device;
	#transport: Transport;
	#retryMs = FIRST_RETRY_MS;
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** The latest count asked for: an older one that answers later is dropped. */
	#counting = 0;
	#countQueued = false;
	#stopped = false;
	/*
	 * The network is back: try at once, and start the waits again from the shortest. The tries
	 * made with no network (each save's, the timer's) had grown them to minutes, and they said
	 * nothing about the server; if this first try fails, the next is 5 s away, not 5 minutes.
	 */
	#onOnline = () => {
		this.#retryMs = FIRST_RETRY_MS;
		void this.syncNow();
	};
	#onSynced: () => void;

	/** `onSynced` runs after every sync run, so the screen can re-read what changed. */
	constructor(device: Device, transport: Transport, onSynced: () => void = () => {}) {
		this.#device = device;
		this.#transport = transport;
		this.#onSynced = onSynced;
	}

	/*
	 * The counts follow every change to the outbox, made here, in another tab or by the service
	 * worker (Dexie tells of all three), a task later. Dexie's liveQuery counted inside the
	 * event that completes the change, so a save's "Saved" waited for the count's reads to
	 * start (0.3–0.9 ms a tap, issue #16).
	 */
	#onMutated = (parts: ObservabilitySet) => {
		const outbox = `idb://${this.#device.db.name}/outbox/`;
		if ('all' in parts || Object.keys(parts).some((part) => part.startsWith(outbox)))
			this.#countSoon();
	};

	#countSoon() {
		if (this.#countQueued || this.#stopped) return;
		this.#countQueued = true;
		setTimeout(() => {
			this.#countQueued = false;
			void this.#count();
		});
	}

	async #count() {
		const asked = ++this.#counting;
		try {
			const [c, held] = await Promise.all([
				this.#device.outbox.counts(),
				this.#device.outbox.held()
			]);
			if (asked !== this.#counting || this.#stopped) return;
			this.waiting = c.waiting;
			this.refused = c.refused;
			this.held = held.length;
			// Records saved while a long run goes join it.
			if (this.syncing && c.waiting > this.runOf) this.runOf = c.waiting;
		} catch (error) {
			// Closed for an update (the page is told to reload) or stopped: nothing to show.
			if (!this.#stopped) console.error('The outbox could not be counted', error);
		}
	}

	async start() {
		Dexie.on.storagemutated.subscribe(this.#onMutated);
		await this.#count();
		this.lastSyncAt = await lastSyncOf(this.#device);
		window.addEventListener('online', this.#onOnline);
		await this.syncNow();
	}

	stop() {
		this.#stopped = true;
		Dexie.on.storagemutated.unsubscribe(this.#onMutated);
		window.removeEventListener('online', this.#onOnline);
		clearTimeout(this.#timer);
	}

	/** After a new record: try now, and leave a Background Sync behind in case the tab closes. */
	async recordSaved() {
		await this.#requestBackgroundSync();
		await this.syncNow();
	}

	async syncNow() {
		if (this.syncing || this.#stopped) return;
		this.syncing = true;
		clearTimeout(this.#timer);
		try {
			this.runOf = (await this.#device.outbox.counts()).waiting;
			const outcome = await sendOutbox(this.#device, this.#transport);
			if (outcome.syncedAt) this.lastSyncAt = outcome.syncedAt;
			if (outcome.failed) {
				this.problem = problemOf(outcome.failed);
				this.#scheduleRetry();
			} else {
				this.problem = null;
				this.#retryMs = FIRST_RETRY_MS;
			}
		} catch (error) {
			// The device's own database refused (closed by an update in another tab, storage
			// full, a browser fault): the records stay where they are, so say so and try again
			// rather than wait, silently, for the next record or reload.
			console.error('Sync stopped by the device database', error);
			this.problem = 'deviceStorage';
			this.#scheduleRetry();
		} finally {
			this.syncing = false;
			this.runOf = 0;
			this.#onSynced();
		}
	}

	#scheduleRetry() {
		clearTimeout(this.#timer);
		if (this.#stopped) return;
		this.#timer = setTimeout(() => void this.syncNow(), this.#retryMs);
		this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
	}

	async #requestBackgroundSync() {
		try {
			const registration = await navigator.serviceWorker?.getRegistration();
			const sync = (registration as { sync?: { register(tag: string): Promise<void> } } | undefined)
				?.sync;
			await sync?.register(SYNC_TAG);
		} catch {
			// No Background Sync here (or permission refused): the timer and 'online' still work.
		}
	}
}

/**
 * A long run's progress, "Sending 3,200 of 10,000", for a queue bigger than one batch (a short
 * one is sent before anyone could read it); null otherwise. Records saved during the run join
 * it, so the total never falls below what still waits.
 */
export function runProgress(
	run: { syncing: boolean; runOf: number; waiting: number },
	batch: number
): { sent: number; of: number } | null {
	if (!run.syncing || run.runOf <= batch) return null;
	const of = Math.max(run.runOf, run.waiting);
	return { sent: of - run.waiting, of };
}

function problemOf(error: Error): string {
	if (error instanceof SyncHttpError)
		return error.status === 401 ? 'signInRequired' : 'serverError';
	return navigator.onLine ? 'serverError' : 'offline';
}
