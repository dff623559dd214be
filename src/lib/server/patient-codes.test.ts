import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENT_CODE_LENGTH, PatientCode } from '$lib/domain/patient-code';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from './db/database';
import { submitFeedback } from './patient-feedback';
import {
	CODE_LIMITS,
	codeTarget,
	issuePatientCode,
	linkTokenHash,
	lookUpCode,
	posterCode
} from './patient-codes';
import { listRecentFeedback } from './repositories/feedback';
import { applyChanges } from './sync/apply-changes';
import { patientTokenHash } from './sync/patient-token';
import { openDemoDatabase } from './test-support/demo-database';
import {
	demoWardCatalogue,
	recordChange,
	undoChange,
	wardRecord,
	type WardCatalogue
} from './test-support/ward-records';

let db: Db;
let nurse: StaffAccount;
let catalogue: WardCatalogue;
const now = new Date('2026-03-10T09:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const token = (n: number) => `code-token-number-${String(n).padStart(6, '0')}`;
const ask = (n: number) => ({
	token: token(n),
	briefingId: catalogue.briefingId,
	language: 'cy' as const,
	format: 'leaflet' as const
});
/** A delivery's code's target (a poster's has no token). */
async function deliveryTarget(code: string, at: Date) {
	const target = await codeTarget(db, code, at);
	if (target?.kind !== 'delivery') throw new Error(`not a delivery's code: ${code}`);
	return target;
}
async function issue(n: number, at = now) {
	const issued = await issuePatientCode(db, nurse.organisationId, ask(n), at);
	if (issued === 'unknownBriefing') throw new Error('unknown briefing');
	return issued.code;
}

beforeAll(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	nurse = await demo.account('ward7@demo.example');
	catalogue = await demoWardCatalogue(db);
}, 60_000);
afterAll(() => db.destroy());

describe('issuing a patient code', () => {
	it('issues a code before any record, and the same code again for the same token', async () => {
		const code = await issue(1);
		expect(code).toHaveLength(PATIENT_CODE_LENGTH);
		expect(PatientCode.safeParse(code).success).toBe(true);
		expect(await issue(1, later(5))).toBe(code);
		expect(await issue(2)).not.toBe(code);
		// Neither the token nor anything about a patient is stored.
		const rows = await db.selectFrom('patient_code').selectAll().execute();
		expect(JSON.stringify(rows)).not.toContain(token(1));
	});

	it('refuses another organisation’s briefing', async () => {
		expect(await issuePatientCode(db, '00000000-0000-4000-8000-000000000000', ask(3), now)).toBe(
			'unknownBriefing'
		);
	});
});

describe('looking up a code', () => {
	it('opens the briefing at once, with a link token of its own, until it expires', async () => {
		const code = await issue(4);
		const target = await deliveryTarget(code, later(1));
		expect(target).toMatchObject({
			organisationSlug: 'northfield-hospitals-nhs-trust-demo',
			slug: 'your-safety-on-our-ward',
			language: 'cy',
			format: 'leaflet'
		});
		expect(target.linkToken).not.toBe(token(4));
		expect(await linkTokenHash(db, target.linkToken, later(1))).toBe(patientTokenHash(token(4)));
		expect(await codeTarget(db, code, later(30 * 24 * 60 + 1))).toBeNull();
	});

	it('stops once its delivery is undone', async () => {
		const code = await issue(5);
		const record = { ...wardRecord(catalogue, now), patientToken: token(5) };
		await applyChanges(db, nurse, [recordChange(record)], now);
		expect(await codeTarget(db, code, later(1))).not.toBeNull();
		await applyChanges(db, nurse, [undoChange(record)], later(1));
		expect(await codeTarget(db, code, later(2))).toBeNull();
	});

	it('joins feedback sent through the code before the record arrived to the delivery', async () => {
		const code = await issue(6);
		const { linkToken } = await deliveryTarget(code, now);
		const feedback = {
			briefingId: catalogue.briefingId,
			language: 'cy' as const,
			token: linkToken,
			freeText: 'Before the record: code six'
		};
		expect(await submitFeedback(db, feedback, '192.0.2.60', later(1))).toBe('saved');
		const record = { ...wardRecord(catalogue, later(2)), patientToken: token(6) };
		await applyChanges(db, nurse, [recordChange(record)], later(3));
		const kept = (await listRecentFeedback(db, nurse.organisationId)).find(
			(f) => f.freeText === feedback.freeText
		);
		expect(kept?.linkedToDelivery).toBe(true);
	});

	it('slows repeated wrong codes from one address, before looking (a refused guess learns nothing)', async () => {
		const code = await issue(7);
		const address = '198.51.100.7';
		for (let i = 0; i < CODE_LIMITS.address.max; i++)
			expect(await lookUpCode(db, 'WRNGC0DE'.replace('0', 'X'), address, now)).toBe('wrong');
		expect(await lookUpCode(db, 'ZZZZZZZZ', address, now)).toMatchObject({ limited: true });
		// Even the right code: the limit is checked before the lookup.
		expect(await lookUpCode(db, code, address, now)).toMatchObject({ limited: true });
		// Another address is not slowed, and a right code is never counted.
		for (let i = 0; i < CODE_LIMITS.address.max + 2; i++)
			expect(await lookUpCode(db, code, '198.51.100.8', now)).toMatchObject({
				slug: 'your-safety-on-our-ward'
			});
		// Later, the address may try again.
		expect(await lookUpCode(db, code, address, later(31))).toMatchObject({ language: 'cy' });
	});
});

describe('a poster’s standing code', () => {
	it('is the same every time, leads to the public page with no token, and stops when the briefing is retired', async () => {
		const code = await posterCode(db, nurse.organisationId, catalogue.briefingId, now);
		expect(code && PatientCode.safeParse(code).success).toBe(true);
		expect(await posterCode(db, nurse.organisationId, catalogue.briefingId, later(9))).toBe(code);
		// Another organisation's briefing gets none.
		expect(
			await posterCode(db, '00000000-0000-4000-8000-000000000000', catalogue.briefingId, now)
		).toBeNull();
		// It never expires like a delivery's, and carries no token.
		expect(await codeTarget(db, code!, later(365 * 24 * 60))).toEqual({
			kind: 'poster',
			organisationSlug: 'northfield-hospitals-nhs-trust-demo',
			slug: 'your-safety-on-our-ward'
		});
		expect(await lookUpCode(db, code, '198.51.100.9', now)).toMatchObject({ kind: 'poster' });

		await db
			.transaction()
			.execute(async (trx) => {
				await trx
					.updateTable('briefing_version')
					.set({ status: 'retired' })
					.where('briefing_id', '=', catalogue.briefingId) // tenancy: a test's own briefing
					.where('status', '=', 'published')
					.execute();
				expect(await codeTarget(trx, code!, later(1))).toBeNull();
				throw new Rollback();
			})
			.catch((error) => {
				if (!(error instanceof Rollback)) throw error;
			});
		expect(await codeTarget(db, code!, later(1))).not.toBeNull();
	});
});

class Rollback extends Error {}
