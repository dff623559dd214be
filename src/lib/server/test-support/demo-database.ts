import { createBriefingWithDraft, getVersion } from '../repositories/briefing-versions';
import { seedDemo } from '../seed/demo';
import { staffAccountByEmail } from './accounts';
import { openTestDatabase } from './test-database';

/** For unit tests: a database with the demo organisation, and ways into it (see test-database.ts). */
export async function openDemoDatabase(now: Date) {
	const db = await openTestDatabase();
	await seedDemo(db, now);
	return {
		db,
		account: (email: string) => staffAccountByEmail(db, email),
		wardId: async (name: string) =>
			(await db.selectFrom('ward').select('id').where('name', '=', name).executeTakeFirstOrThrow())
				.id,
		firstGroupId: async () =>
			(
				await db
					.selectFrom('patient_group')
					.select('id')
					.orderBy('position')
					.executeTakeFirstOrThrow()
			).id
	};
}

/**
 * For the studio's unit tests: the demo's lead and reviewer, and a way to start a briefing with
 * a draft (version 1) as a lead would from the studio: no format written yet, its evidence and
 * user testing noted.
 */
export async function openStudioDemo(now: Date) {
	const demo = await openDemoDatabase(now);
	const lead = await demo.account('lead@demo.example');
	const reviewer = await demo.account('reviewer@demo.example');
	return {
		db: demo.db,
		lead,
		reviewer,
		async newDraft(slug: string, topic = 'Falls') {
			const created = await createBriefingWithDraft(
				demo.db,
				lead,
				{ topic, slug, ownerId: lead.id },
				now
			);
			if (!created.ok) throw new Error(`briefing ${slug} not created: ${created.problem}`);
			// Evidence and a note of user testing, as a lead gives before submitting (publishProblems):
			// straight into the row, so the revision and audit trail are as the draft was made.
			await demo.db
				.updateTable('briefing_version')
				.set({
					evidence_links: '["https://www.nice.org.uk/guidance/ng89"]',
					user_testing_note: 'Read by three patients on Ward 7.'
				})
				.where('briefing_id', '=', created.id)
				.execute();
			const version = await getVersion(demo.db, lead.organisationId, created.id, 1);
			if (!version) throw new Error(`briefing ${slug} has no version 1`);
			return { briefingId: created.id, version };
		}
	};
}
