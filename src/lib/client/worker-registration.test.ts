import { describe, expect, it } from 'vitest';
import { askToKeepThisPage, installFailed } from './worker-registration';
import { KEEP_OPEN_WARD_PAGES } from './worker-messages';

/** A worker as the page sees it: a state, and an event when it changes. */
class FakeWorker extends EventTarget {
	constructor(public state: ServiceWorkerState) {
		super();
	}
	become(state: ServiceWorkerState, registration: FakeRegistration) {
		this.state = state;
		// The browser moves it in the registration first, then tells it.
		if (state === 'redundant' || state === 'activated') registration.installing = null;
		if (state === 'activated') registration.active = this;
		this.dispatchEvent(new Event('statechange'));
	}
}

class FakeRegistration extends EventTarget {
	installing: FakeWorker | null = null;
	waiting: FakeWorker | null = null;
	active: FakeWorker | null = null;
}

const as = (r: FakeRegistration) => r as unknown as ServiceWorkerRegistration;

/** Whether `promise` has settled once everything already queued has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
	let done = false;
	void promise.then(() => (done = true));
	await new Promise((resolve) => setTimeout(resolve, 0));
	return done;
}

describe('installFailed', () => {
	it('resolves when the worker being installed is dropped and none is active', async () => {
		const registration = new FakeRegistration();
		const worker = (registration.installing = new FakeWorker('installing'));
		const failed = installFailed(as(registration));
		expect(await settled(failed)).toBe(false);
		worker.become('redundant', registration);
		expect(await settled(failed)).toBe(true);
	});

	it('never resolves when the worker installs and activates', async () => {
		const registration = new FakeRegistration();
		const worker = (registration.installing = new FakeWorker('installing'));
		const failed = installFailed(as(registration));
		worker.become('installed', registration);
		worker.become('activated', registration);
		expect(await settled(failed)).toBe(false);
	});

	it('never resolves for a failed update while an earlier worker still serves the page', async () => {
		const registration = new FakeRegistration();
		registration.active = new FakeWorker('activated');
		const update = (registration.installing = new FakeWorker('installing'));
		const failed = installFailed(as(registration));
		update.become('redundant', registration);
		expect(await settled(failed)).toBe(false);
	});

	it('follows a worker found later (an update found), and one already gone', async () => {
		const registration = new FakeRegistration();
		registration.active = new FakeWorker('activated');
		const later = installFailed(as(registration));
		// The active one goes (unregistered elsewhere), and a new one is found and fails.
		registration.active = null;
		const found = (registration.installing = new FakeWorker('installing'));
		registration.dispatchEvent(new Event('updatefound'));
		found.become('redundant', registration);
		expect(await settled(later)).toBe(true);

		// Already failed before anyone asked: no worker left, none active.
		expect(await settled(installFailed(as(new FakeRegistration())))).toBe(true);
	});
});

describe('askToKeepThisPage', () => {
	it('asks the worker to keep the page, and resolves once it answers, not before', async () => {
		const asked: Array<{ data: unknown; ports: MessagePort[] }> = [];
		const worker = {
			postMessage: (data: unknown, ports: MessagePort[]) => asked.push({ data, ports })
		} as unknown as ServiceWorker;
		const kept = askToKeepThisPage(worker);
		expect(asked.map((a) => a.data)).toEqual([{ type: KEEP_OPEN_WARD_PAGES }]);
		expect(await settled(kept)).toBe(false);
		const [port] = asked.flatMap((a) => a.ports);
		port?.postMessage('done');
		await expect(kept).resolves.toBeUndefined();
		port?.close();
	});
});
