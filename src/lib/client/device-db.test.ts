import Dexie from 'dexie';
import { afterEach, expect, it, vi } from 'vitest';
import { DeviceDb } from './device-db';

const name = `device-db-${crypto.randomUUID()}`;
afterEach(async () => {
	await Dexie.delete(name);
});

/** The device's database as a later version of the app declares it: one version more. */
function newerApp(): Dexie {
	const db = new Dexie(name);
	db.version(1).stores({ outbox: 'id, kind, createdAt, refusal', settings: 'key' });
	db.version(2).stores({ deliveries: 'id, [wardId+recordedAt], syncState', content: 'key' });
	db.version(3).stores({ sending: 'id' });
	db.version(4).stores({ later: 'id' });
	return db;
}

it('a page’s connection closes for good when a newer app upgrades the database, and says so', async () => {
	const onNewerVersion = vi.fn();
	const page = new DeviceDb(name, { onNewerVersion });
	await page.settings.put({ key: 'k', value: 1 });

	const newer = newerApp();
	await newer.open(); // not blocked: the page let go
	expect(onNewerVersion).toHaveBeenCalledOnce();
	await expect(page.settings.get('k')).rejects.toThrow(Dexie.DatabaseClosedError);
	expect(newer.verno).toBe(4);
	newer.close();
});

it('without it (the service worker), Dexie’s default closes and re-opens the upgraded database', async () => {
	const worker = new DeviceDb(name);
	await worker.settings.put({ key: 'k', value: 1 });
	vi.spyOn(console, 'warn').mockImplementation(() => {});

	const newer = newerApp();
	await newer.open();
	newer.close();
	expect(await worker.settings.get('k')).toEqual({ key: 'k', value: 1 });
	worker.close();
});

it('a deleted database is left to Dexie’s default, not reported as a newer version', async () => {
	const onNewerVersion = vi.fn();
	const page = new DeviceDb(name, { onNewerVersion });
	await page.open();
	vi.spyOn(console, 'warn').mockImplementation(() => {});
	await Dexie.delete(name);
	expect(onNewerVersion).not.toHaveBeenCalled();
	page.close();
});
