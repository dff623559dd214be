import { sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSmall } from '$lib/domain/measurement/disclosure';
import {
	signedBytes,
	type AggregateFile,
	type AggregatePayload
} from '$lib/domain/region-aggregates';
import type { Db } from '../db/database';
import { listAudit } from '../repositories/audit';
import { seedDemo } from '../seed/demo';
import { demoRegionName } from '../seed/region';
import { openTestDatabase } from '../test-support/test-database';
import {
	addRemote,
	checkKeyFile,
	installKey,
	keyFile,
	listRemotes,
	monthBefore,
	receiveAggregates,
	removeRemote,
	signedAggregates
} from './aggregates';
import { createRegion, listRegions } from './regions';
import { regionalView } from './view';

/*
 * Two installs, each its own database: Northfield runs its own (the sender, the demo with its
 * history), and the region's service (the receiver, the demo too, whose regional lead adds
 * Northfield's install from its key file and receives its files).
 */
const now = new Date('2026-11-26T09:00:00Z');
let sender: Db;
let receiver: Db;
let northfield: { id: string; name: string };
let senderAdmin: { id: string; organisationId: string };
let lead: { id: string; organisationId: string; regionId: string };

const text = (value: unknown) => JSON.stringify(value);
const storedRows = async () =>
	(await receiver.selectFrom('region_aggregate').selectAll().execute()).length;

beforeAll(async () => {
	sender = await openTestDatabase();
	receiver = await openTestDatabase();
	await seedDemo(sender, now, { history: true });
	await seedDemo(receiver, now);
	const admin = await sender
		.selectFrom('staff_account as s')
		.innerJoin('organisation as o', 'o.id', 's.organisation_id')
		.select(['s.id', 's.organisation_id', 'o.name'])
		.where('s.email', '=', 'admin@demo.example')
		.executeTakeFirstOrThrow();
	northfield = { id: admin.organisation_id, name: admin.name };
	senderAdmin = { id: admin.id, organisationId: admin.organisation_id };
	const regional = await receiver
		.selectFrom('staff_account')
		.select(['id', 'organisation_id', 'region_id'])
		.where('email', '=', 'regional@demo-icb.example')
		.executeTakeFirstOrThrow();
	lead = {
		id: regional.id,
		organisationId: regional.organisation_id,
		regionId: regional.region_id ?? ''
	};
	expect((await listRegions(receiver)).find((r) => r.id === lead.regionId)?.name).toBe(
		demoRegionName
	);
});
afterAll(async () => {
	await sender.destroy();
	await receiver.destroy();
});

/** Signs a payload with the sender's install key, as a changed or older sender might. */
async function signedBySender(payload: AggregatePayload): Promise<AggregateFile> {
	const key = await installKey(sender);
	return {
		payload,
		signature: {
			algorithm: 'Ed25519',
			key: key.fingerprint,
			value: sign(null, signedBytes(payload), key.privateKey).toString('base64')
		}
	};
}

describe('the sending install', () => {
	it('makes one key, kept, and a key file naming the organisation', async () => {
		const first = await installKey(sender);
		const again = await installKey(sender);
		expect(again.publicKey).toBe(first.publicKey);
		expect(first.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
		const file = await keyFile(sender, northfield);
		expect(file).toMatchObject({ organisation: northfield, fingerprint: first.fingerprint });
		expect(JSON.stringify(file)).not.toContain(
			(await sender.selectFrom('install_key').select('private_key').executeTakeFirstOrThrow())
				.private_key
		);
	});

	it('sends the measures shared, complete months only, with no count from 1 to 4, audited', async () => {
		const file = await signedAggregates(sender, senderAdmin, northfield, now);
		if (!file) throw new Error('Northfield shares its measures in the demo');
		expect(file.payload.period).toBe('2026-10');
		expect(Object.keys(file.payload.measures).sort()).toEqual(
			['coverage', 'feedbackPositive', 'formatFit', 'talkedThrough'].sort()
		);
		const rows = Object.values(file.payload.measures).flat();
		expect(rows.length).toBeGreaterThan(12);
		expect(rows.every((r) => r.period <= '2026-10')).toBe(true);
		const counts = rows.flatMap((r) => [r.numerator, r.denominator]).filter((n) => n !== null);
		expect(counts.length).toBeGreaterThan(20);
		expect(counts.filter(isSmall)).toEqual([]);
		expect(rows.filter((r) => r.withheld).every((r) => r.numerator === null)).toBe(true);
		const actions = (await listAudit(sender, northfield.id)).map((e) => e.action);
		expect(actions).toContain('region.exported');
	});

	it('names the month before today’s as the latest complete one', () => {
		expect(monthBefore('2026-11-26')).toBe('2026-10');
		expect(monthBefore('2027-01-01')).toBe('2026-12');
	});
});

describe('the region’s service', () => {
	it('adds the organisation from its key file once, and refuses a key file that does not add up', async () => {
		const file = await keyFile(sender, northfield);
		// Read and shown first, to check the fingerprint: nothing is added yet.
		expect(await checkKeyFile(receiver, lead, text(file))).toMatchObject({
			ok: true,
			fingerprint: file.fingerprint,
			replacing: false
		});
		expect(await listRemotes(receiver, lead.regionId)).toEqual([]);
		// An organisation already in the region on this service would be counted twice.
		const southmoor = await receiver
			.selectFrom('organisation')
			.select('id')
			.where('name', 'like', 'Southmoor%')
			.executeTakeFirstOrThrow();
		expect(
			await addRemote(
				receiver,
				lead,
				text({ ...file, organisation: { id: southmoor.id, name: 'Southmoor' } }),
				now
			)
		).toEqual({ ok: false, problem: 'alreadyMember' });
		const added = await addRemote(receiver, lead, text(file), now);
		expect(added).toMatchObject({ ok: true, name: northfield.name, fingerprint: file.fingerprint });
		expect(await addRemote(receiver, lead, text(file), now)).toEqual({
			ok: false,
			problem: 'alreadyAdded'
		});
		expect(
			await addRemote(receiver, lead, text({ ...file, fingerprint: 'AAAA' }), now)
		).toMatchObject({ ok: false, problem: 'malformed', place: 'fingerprint' });
		const figures = await signedAggregates(sender, senderAdmin, northfield, now);
		expect(await addRemote(receiver, lead, text(figures), now)).toEqual({
			ok: false,
			problem: 'isFiguresFile'
		});
		expect(await receiveAggregates(receiver, lead, text(file), now)).toEqual({
			ok: false,
			problem: 'isKeyFile'
		});
		expect(await addRemote(receiver, lead, '{"kind":', now)).toEqual({
			ok: false,
			problem: 'notJson'
		});
		expect((await listRemotes(receiver, lead.regionId)).map((r) => r.name)).toEqual([
			northfield.name
		]);
	});

	it('receives a signed file: its figures join the regional view, with nothing from 1 to 4', async () => {
		const file = await signedAggregates(sender, senderAdmin, northfield, now);
		const result = await receiveAggregates(receiver, lead, text(file), now);
		expect(result).toMatchObject({ ok: true, period: '2026-10', replaced: false, hidden: 0 });
		const [remote] = await listRemotes(receiver, lead.regionId);
		expect(remote?.latest?.period).toBe('2026-10');
		const view = await regionalView(receiver, lead.regionId, now);
		const coverage = view.measures.find((m) => m.measure === 'coverage');
		const row = coverage?.rows.find((r) => r.id === remote?.id);
		expect(row?.status).toBe('shown');
		// Each month sent, in order, on the organisation's chart.
		expect(
			coverage?.charts.find((c) => c.id === remote?.id)?.chart.rows.map((r) => r.period)
		).toEqual(file?.payload.measures.coverage?.map((r) => r.period));
		expect(view.received).toBe(1);
		const counts = view.measures.flatMap((m) =>
			m.charts.flatMap((c) => c.chart.rows.flatMap((r) => [r.numerator, r.denominator]))
		);
		expect(counts.filter((n): n is number => n !== null && isSmall(n))).toEqual([]);
		const actions = (await listAudit(receiver, lead.organisationId)).map((e) => e.action);
		expect(actions).toEqual(expect.arrayContaining(['region.remoteAdded', 'region.received']));
	});

	it('replaces a month received again (the same file twice changes nothing)', async () => {
		const file = await signedAggregates(sender, senderAdmin, northfield, now);
		const figures = () =>
			receiver.selectFrom('region_aggregate').select(['period', 'measures', 'issued_at']).execute();
		const first = await receiveAggregates(receiver, lead, text(file), now);
		const stored = await figures();
		const later = new Date(now.getTime() + 60_000);
		const again = await receiveAggregates(receiver, lead, text(file), later);
		expect(first).toMatchObject({ ok: true, replaced: true });
		expect(again).toMatchObject({ ok: true, replaced: true });
		expect(await figures()).toEqual(stored);
	});

	it('refuses whole, keeping nothing: changed, unsigned, malformed, another organisation’s, older', async () => {
		const file = await signedAggregates(
			sender,
			senderAdmin,
			northfield,
			new Date(now.getTime() + 1000)
		);
		if (!file) throw new Error('no file');
		const before = await receiver.selectFrom('region_aggregate').selectAll().execute();
		const changed = structuredClone(file);
		const row = changed.payload.measures.coverage?.find((r) => r.numerator !== null);
		if (!row || row.numerator === null) throw new Error('no shown month');
		row.numerator += 10;
		if (row.denominator !== null) row.denominator += 10;
		expect(await receiveAggregates(receiver, lead, text(changed), now)).toEqual({
			ok: false,
			problem: 'badSignature'
		});
		expect(
			await receiveAggregates(receiver, lead, text({ payload: file.payload }), now)
		).toMatchObject({ ok: false, problem: 'malformed', place: 'signature' });
		const misshapen = structuredClone(file) as unknown as {
			payload: { measures: { coverage: Array<{ period: string }> } };
		};
		misshapen.payload.measures.coverage[0] = { period: '2026-13' };
		expect(await receiveAggregates(receiver, lead, text(misshapen), now)).toMatchObject({
			ok: false,
			problem: 'malformed'
		});
		expect(await receiveAggregates(receiver, lead, 'not json', now)).toEqual({
			ok: false,
			problem: 'notJson'
		});
		// Southmoor is on the same install, signed by the same key, but was never added.
		const southmoor = await signedBySender({
			...file.payload,
			organisation: { id: crypto.randomUUID(), name: 'Southmoor' }
		});
		expect(await receiveAggregates(receiver, lead, text(southmoor), now)).toEqual({
			ok: false,
			problem: 'organisationMismatch'
		});
		// Another region's lead has not added Northfield's key.
		const other = await createRegion(receiver, lead, 'Another region', now);
		if (other === 'nameTaken') throw new Error('taken');
		expect(
			await receiveAggregates(receiver, { ...lead, regionId: other.id }, text(file), now)
		).toEqual({ ok: false, problem: 'unknownKey' });
		// A correction was kept for the month; an older file for it cannot undo it.
		expect(await receiveAggregates(receiver, lead, text(file), now)).toMatchObject({ ok: true });
		const older = await signedBySender({ ...file.payload, issuedAt: now.toISOString() });
		expect(await receiveAggregates(receiver, lead, text(older), now)).toMatchObject({
			ok: false,
			problem: 'older',
			keptAt: file.payload.issuedAt
		});
		const after = await receiver.selectFrom('region_aggregate').selectAll().execute();
		expect(after.map((r) => r.issued_at)).toEqual([file.payload.issuedAt]);
		expect(after.map((r) => r.measures)).toEqual(before.map((r) => r.measures));
	});

	it('hides again a small count that a changed sender let through', async () => {
		const file = await signedAggregates(sender, senderAdmin, northfield, now);
		if (!file) throw new Error('no file');
		const small = await signedBySender({
			...file.payload,
			issuedAt: new Date(now.getTime() + 5000).toISOString(),
			measures: {
				coverage: [
					{ period: '2026-09', numerator: 3, denominator: 40, withheld: false },
					{ period: '2026-10', numerator: 38, denominator: 40, withheld: false }
				]
			}
		});
		expect(await receiveAggregates(receiver, lead, text(small), now)).toMatchObject({
			ok: true,
			hidden: 2
		});
		const stored = await receiver
			.selectFrom('region_aggregate')
			.select('measures')
			.where('period', '=', '2026-10')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(stored.measures).coverage).toEqual([
			{ period: '2026-09', numerator: null, denominator: null, withheld: true },
			{ period: '2026-10', numerator: null, denominator: null, withheld: true }
		]);
		expect(await storedRows()).toBe(1);
	});

	it('refuses a month not over yet, or a file signed in the future, keeping nothing', async () => {
		const file = await signedAggregates(sender, senderAdmin, northfield, now);
		if (!file) throw new Error('no file');
		const before = await receiver.selectFrom('region_aggregate').selectAll().execute();
		const thisMonth = await signedBySender({
			...file.payload,
			period: '2026-11',
			issuedAt: new Date(now.getTime() + 7000).toISOString()
		});
		expect(await receiveAggregates(receiver, lead, text(thisMonth), now)).toEqual({
			ok: false,
			problem: 'future'
		});
		const signedLater = await signedBySender({
			...file.payload,
			issuedAt: new Date(now.getTime() + 3_600_000).toISOString()
		});
		expect(await receiveAggregates(receiver, lead, text(signedLater), now)).toEqual({
			ok: false,
			problem: 'future'
		});
		// Just after midnight on the 1st in a zone ahead of UTC, last month is complete there.
		const december = await signedBySender({
			...file.payload,
			period: '2026-11',
			issuedAt: '2026-11-30T23:30:00.000Z'
		});
		expect(
			await receiveAggregates(receiver, lead, text(december), new Date('2026-11-30T23:31:00Z'))
		).toMatchObject({ ok: true, period: '2026-11' });
		await receiver.deleteFrom('region_aggregate').where('period', '=', '2026-11').execute();
		expect(await receiver.selectFrom('region_aggregate').selectAll().execute()).toEqual(before);
	});

	it('takes a new key for an organisation added before, and then refuses the old key’s files', async () => {
		const [remote] = await listRemotes(receiver, lead.regionId);
		const old = await signedAggregates(
			sender,
			senderAdmin,
			northfield,
			new Date(now.getTime() + 9000)
		);
		// The sending install's key made again (its database rebuilt, say).
		await sender.deleteFrom('install_key').execute();
		const file = await keyFile(sender, northfield);
		expect(file.fingerprint).not.toBe(remote?.fingerprint);
		expect(await addRemote(receiver, lead, text(file), now)).toMatchObject({
			ok: true,
			id: remote?.id,
			keyReplaced: true
		});
		expect(await receiveAggregates(receiver, lead, text(old), now)).toEqual({
			ok: false,
			problem: 'unknownKey'
		});
		const fresh = await signedAggregates(
			sender,
			senderAdmin,
			northfield,
			new Date(now.getTime() + 9000)
		);
		expect(await receiveAggregates(receiver, lead, text(fresh), now)).toMatchObject({ ok: true });
	});

	it('removes an organisation with what it sent, only from the lead’s own region', async () => {
		const [remote] = await listRemotes(receiver, lead.regionId);
		if (!remote) throw new Error('no remote');
		const other = await createRegion(receiver, lead, 'A third region', now);
		if (other === 'nameTaken') throw new Error('taken');
		expect(
			await removeRemote(receiver, { ...lead, regionId: other.id }, remote.id, now)
		).toBeNull();
		expect(await removeRemote(receiver, lead, remote.id, now)).toEqual({ name: northfield.name });
		expect(await listRemotes(receiver, lead.regionId)).toEqual([]);
		expect(await storedRows()).toBe(0);
		expect((await regionalView(receiver, lead.regionId, now)).received).toBe(0);
		const actions = (await listAudit(receiver, lead.organisationId)).map((e) => e.action);
		expect(actions).toContain('region.remoteRemoved');
	});
});
