import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/database';
import { createBriefing, createVersion } from '$lib/server/repositories/briefings';
import { createOrganisation } from '$lib/server/repositories/organisations';
import { createStaffAccount } from '$lib/server/repositories/staff-accounts';
import { bloodClotsLeaflet } from '$lib/server/test-support/briefing-fixtures';
import { openTestDatabase } from '$lib/server/test-support/test-database';
import { load } from './+page.server';

const now = new Date('2026-12-07T09:00:00Z');
let db: Db;

beforeEach(async () => {
	db = await openTestDatabase();
});
afterEach(async () => {
	await db.destroy();
});

/** A trust holding a briefing `briefingSlug`, published or only drafted; the trust's slug. */
async function trustWith(name: string, briefingSlug: string, status: 'published' | 'draft') {
	const slug = name.toLowerCase();
	const organisation = await createOrganisation(db, { name, slug });
	const owner = await createStaffAccount(db, {
		organisationId: organisation.id,
		email: `lead@${slug}.example`,
		displayName: 'Lead',
		role: 'engagementLead'
	});
	const briefing = await createBriefing(db, {
		organisationId: organisation.id,
		slug: briefingSlug,
		topic: 'Preventing blood clots',
		ownerId: owner.id
	});
	await createVersion(
		db,
		{
			briefingId: briefing.id,
			status,
			reviewBy: '2027-12-07',
			evidenceLinks: ['https://www.nice.org.uk/guidance/ng89'],
			userTestingNote: 'Tested on Ward 12.',
			approvedBy: status === 'published' ? { name: 'Dr Reviewer', at: now.toISOString() } : null,
			isExample: false,
			variants: [bloodClotsLeaflet()]
		},
		now
	);
	return slug;
}

/** What /b/<slug> answers: the address it sends to, or its error's status and message. */
async function answer(slug: string) {
	const event = {
		locals: { app: { db, readDb: db } },
		params: { slug },
		url: new URL(`http://localhost/b/${slug}?lang=cy`)
	} as unknown as Parameters<typeof load>[0];
	try {
		await load(event);
	} catch (thrown) {
		if (isRedirect(thrown)) return { location: thrown.location };
		if (isHttpError(thrown)) return { status: thrown.status, body: thrown.body };
		throw thrown;
	}
	throw new Error('load neither redirected nor failed');
}

describe('/b/<slug>, the address on printed codes', () => {
	it('answers a slug only drafted as it answers an unknown one: not found', async () => {
		await trustWith('Northfield', 'blood-clots', 'draft');
		const unknown = await answer('no-such-briefing');
		expect(unknown).toEqual({ status: 404, body: { message: 'notFound' } });
		expect(await answer('blood-clots')).toEqual(unknown);
	});

	it('goes to the trust that publishes it, whatever another trust is drafting', async () => {
		const publisher = await trustWith('Northfield', 'blood-clots', 'published');
		await trustWith('Southfield', 'blood-clots', 'draft');
		expect(await answer('blood-clots')).toEqual({
			location: `/o/${publisher}/b/blood-clots?lang=cy`
		});
	});
});
