import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSmall } from '$lib/domain/measurement/disclosure';
import type { StaffAccount } from '$lib/domain/staff';
import { accountForSession, createSession } from '../auth/sessions';
import type { Db } from '../db/database';
import { listAudit } from '../repositories/audit';
import { createOrganisation } from '../repositories/organisations';
import { seedDemo } from '../seed/demo';
import { demoRegionName } from '../seed/region';
import { openTestDatabase } from '../test-support/test-database';
import {
	createRegion,
	inviteRegionalLead,
	listRegions,
	placeOrganisation,
	regionOf
} from './regions';
import { setShare, sharedMeasures } from './shares';
import { regionalView } from './view';
import { staffAccountByEmail } from '../test-support/accounts';

const now = new Date('2026-11-26T09:00:00Z');
let db: Db;
let regionId: string;
let northfieldAdmin: StaffAccount;
let southmoorId: string;

const account = (email: string) => staffAccountByEmail(db, email);

beforeAll(async () => {
	db = await openTestDatabase();
	await seedDemo(db, now, { history: true });
	regionId = (await listRegions(db)).find((r) => r.name === demoRegionName)?.id ?? '';
	northfieldAdmin = await account('admin@demo.example');
	southmoorId = (await account('lead@southmoor.example')).organisationId;
});
afterAll(async () => {
	await db.destroy();
});

/** Every count the view would send to the browser. */
function countsIn(view: Awaited<ReturnType<typeof regionalView>>): number[] {
	const counts: number[] = [];
	for (const m of view.measures) {
		for (const r of m.rows)
			counts.push(...[r.numerator, r.denominator].filter((n) => n !== undefined));
		if (m.total) counts.push(m.total.numerator, m.total.denominator);
		for (const c of m.charts)
			for (const r of c.chart.rows)
				counts.push(
					...[r.numerator, r.denominator, r.notRecorded].filter(
						(n): n is number => typeof n === 'number'
					)
				);
	}
	for (const row of [...(view.equity?.rows ?? []), ...(view.equity ? [view.equity.whole] : [])])
		for (const n of [row.given, ...Object.values(row.byFormat)])
			if (typeof n === 'number') counts.push(n);
	return counts;
}

describe('the demo region', () => {
	it('holds both demo trusts, and its lead belongs to the platform organisation', async () => {
		const region = (await listRegions(db)).find((r) => r.id === regionId);
		expect(region?.organisations.map((o) => o.name)).toEqual([
			'Northfield Hospitals NHS Trust (demo)',
			'Southmoor Health NHS Foundation Trust (demo)'
		]);
		const lead = await account('regional@demo-icb.example');
		expect(lead.role).toBe('regionalLead');
		expect(lead.regionId).toBe(regionId);
		const organisation = await db
			.selectFrom('organisation')
			.select('kind')
			.where('id', '=', lead.organisationId)
			.executeTakeFirstOrThrow();
		expect(organisation.kind).toBe('platform');
		const { token } = await createSession(db, lead.id, 8, now);
		expect((await accountForSession(db, token, now))?.regionId).toBe(regionId);
	});
});

describe('regionalView', () => {
	it('compares the organisations sharing each measure, and leaves out one that does not', async () => {
		const view = await regionalView(db, regionId, now);
		const names = (measure: string) =>
			view.measures.find((m) => m.measure === measure)?.rows.map((r) => r.name);
		expect(names('coverage')).toEqual([
			'Northfield Hospitals NHS Trust (demo)',
			'Southmoor Health NHS Foundation Trust (demo)'
		]);
		// Southmoor does not share feedback: it is in no part of that measure.
		expect(names('feedbackPositive')).toEqual(['Northfield Hospitals NHS Trust (demo)']);
		const feedback = view.measures.find((m) => m.measure === 'feedbackPositive');
		expect(feedback?.charts.map((c) => c.id)).not.toContain(southmoorId);
		expect(JSON.stringify(feedback)).not.toContain('Southmoor');
	});

	it('compares the latest complete month, with limits and a pooled regional rate', async () => {
		const coverage = (await regionalView(db, regionId, now)).measures.find(
			(m) => m.measure === 'coverage'
		);
		expect(coverage?.period).toBe('2026-10');
		const shown = coverage?.rows.filter((r) => r.status === 'shown') ?? [];
		expect(shown).toHaveLength(2);
		const total = shown.reduce(
			(t, r) => ({
				numerator: t.numerator + (r.numerator ?? 0),
				denominator: t.denominator + (r.denominator ?? 0)
			}),
			{ numerator: 0, denominator: 0 }
		);
		expect(coverage?.total).toEqual(total);
		expect(coverage?.centre).toBeCloseTo((100 * total.numerator) / total.denominator, 9);
		for (const r of shown) {
			expect(r.limits?.lower998).toBeLessThan(r.limits?.lower95 ?? 0);
			expect(r.position).toMatch(/within|above|below/);
		}
	});

	it('sends no count from 1 to 4 anywhere', async () => {
		const counts = countsIn(await regionalView(db, regionId, now));
		expect(counts.length).toBeGreaterThan(50);
		expect(counts.filter(isSmall)).toEqual([]);
	});

	it('builds the equity view from the organisations sharing format fit', async () => {
		const view = await regionalView(db, regionId, now);
		expect(view.equity?.rows.map((r) => r.name)).toEqual([
			'Northfield Hospitals NHS Trust (demo)',
			'Southmoor Health NHS Foundation Trust (demo)'
		]);
		// Southmoor shares no feedback: it adds none.
		expect(view.equity?.rows[1]?.feedback).toBe('none');
	});
});

describe('sharing and regions', () => {
	it('is off by default, audited both ways, and shows in the view at once', async () => {
		const other = await createOrganisation(db, { name: 'Eastbrook Hospitals' });
		expect(await placeOrganisation(db, northfieldAdmin, other.id, regionId, now)).toBe(true);
		expect(await sharedMeasures(db, other.id)).toEqual([]);
		const actor = { id: northfieldAdmin.id, organisationId: other.id };
		expect((await regionalView(db, regionId, now)).measures[0]?.rows).toHaveLength(2);
		expect(await setShare(db, actor, 'coverage', true, now)).toBe(true);
		expect(await setShare(db, actor, 'coverage', true, now)).toBe(false);
		const rows = (await regionalView(db, regionId, now)).measures[0]?.rows ?? [];
		expect(rows.map((r) => [r.name, r.status])).toContainEqual(['Eastbrook Hospitals', 'none']);
		expect(await setShare(db, actor, 'coverage', false, now)).toBe(true);
		expect(JSON.stringify(await regionalView(db, regionId, now))).not.toContain('Eastbrook');
		const actions = (await listAudit(db, other.id)).map((e) => e.action);
		expect(actions).toEqual(
			expect.arrayContaining(['region.joined', 'region.shared', 'region.unshared'])
		);
	});

	it('takes an organisation out of its region, and refuses the platform’s own', async () => {
		const second = await createRegion(db, northfieldAdmin, 'Second region', now);
		if (second === 'nameTaken') throw new Error('taken');
		expect(await createRegion(db, northfieldAdmin, 'Second region', now)).toBe('nameTaken');
		const other = await createOrganisation(db, { name: 'Westdale Hospitals' });
		await placeOrganisation(db, northfieldAdmin, other.id, second.id, now);
		expect((await regionOf(db, other.id))?.id).toBe(second.id);
		await placeOrganisation(db, northfieldAdmin, other.id, null, now);
		expect(await regionOf(db, other.id)).toBeNull();
		const lead = await account('regional@demo-icb.example');
		expect(await placeOrganisation(db, northfieldAdmin, lead.organisationId, second.id)).toBe(
			false
		);
	});

	it('ends what an organisation shared when its region changes: the new region sees nothing until chosen', async () => {
		const other = await createOrganisation(db, { name: 'Northbeck Hospitals' });
		const actor = { id: northfieldAdmin.id, organisationId: other.id };
		// Chosen while in no region here (for a region on another service), then placed here.
		await setShare(db, actor, 'coverage', true, now);
		await placeOrganisation(db, northfieldAdmin, other.id, regionId, now);
		expect(await sharedMeasures(db, other.id)).toEqual([]);
		expect(JSON.stringify(await regionalView(db, regionId, now))).not.toContain('Northbeck');
		const unshared = (await listAudit(db, other.id)).filter((e) => e.action === 'region.unshared');
		expect(unshared).toHaveLength(1);
	});
});

describe('inviting a regional lead', () => {
	it('makes a region’s lead in the platform organisation, with no password until the link', async () => {
		const platform = await account('platform@demo.example');
		const invited = await inviteRegionalLead(
			db,
			platform,
			{ regionId, email: 'ruth.lead@icb.example', displayName: 'Ruth Lead' },
			now
		);
		expect(invited).toMatchObject({ ok: true });
		const lead = await account('ruth.lead@icb.example');
		expect(lead).toMatchObject({
			role: 'regionalLead',
			organisationId: platform.organisationId,
			regionId
		});
		const region = (await listRegions(db)).find((r) => r.id === regionId);
		expect(region?.leads).toContainEqual({
			id: lead.id,
			displayName: 'Ruth Lead',
			email: 'ruth.lead@icb.example',
			joined: false
		});
		expect(region?.leads.find((l) => l.email === 'regional@demo-icb.example')?.joined).toBe(true);
		const actions = (await listAudit(db, platform.organisationId)).map((e) => e.action);
		expect(actions).toContain('staff.invited');
	});

	it('refuses an email already used and a region that does not exist, writing nothing', async () => {
		const platform = await account('platform@demo.example');
		const count = async () => (await db.selectFrom('staff_account').select('id').execute()).length;
		const before = await count();
		expect(
			await inviteRegionalLead(db, platform, {
				regionId,
				email: 'regional@demo-icb.example',
				displayName: 'Again'
			})
		).toEqual({ ok: false, field: 'email', message: 'errors.emailTaken' });
		expect(
			await inviteRegionalLead(db, platform, {
				regionId: crypto.randomUUID(),
				email: 'nobody@icb.example',
				displayName: 'Nobody'
			})
		).toEqual({ ok: false, field: 'regionId', message: 'errors.regionId' });
		expect(await count()).toBe(before);
	});
});
