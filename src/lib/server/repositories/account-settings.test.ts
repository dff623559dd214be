import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { accountForSession, createSession } from '../auth/sessions';
import { openDemoDatabase } from '../test-support/demo-database';
import { accountSettings, saveAccountSettings } from './account-settings';

const now = new Date('2026-11-26T09:00:00Z');
let db: Db;
let demo: Awaited<ReturnType<typeof openDemoDatabase>>;

beforeEach(async () => {
	demo = await openDemoDatabase(now);
	db = demo.db;
}, 20_000);
afterEach(() => db.destroy());

describe('a staff member’s own settings (042)', () => {
	it('start with no language and both kinds of email on; saved ones come back with the session', async () => {
		const reviewer = await demo.account('reviewer@demo.example');
		expect(reviewer.interfaceLanguage).toBeUndefined();
		expect(await accountSettings(db, reviewer)).toEqual({
			interfaceLanguage: null,
			mailSteps: true,
			mailDigest: true
		});
		await saveAccountSettings(db, reviewer, {
			interfaceLanguage: 'cy',
			mailSteps: false,
			mailDigest: true
		});
		const { token } = await createSession(db, reviewer.id, 12, now);
		const signedIn = await accountForSession(db, token, now);
		expect(signedIn?.interfaceLanguage).toBe('cy');
		expect(await accountSettings(db, signedIn!)).toEqual({
			interfaceLanguage: 'cy',
			mailSteps: false,
			mailDigest: true
		});
		// Only their own row: the lead's is as it was.
		const lead = await demo.account('lead@demo.example');
		expect(await accountSettings(db, lead)).toEqual({
			interfaceLanguage: null,
			mailSteps: true,
			mailDigest: true
		});
	});
});
