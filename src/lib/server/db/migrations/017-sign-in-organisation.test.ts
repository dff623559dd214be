import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations, openDatabase, type Db } from '../database';

const opened: Db[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) await db.destroy();
});

describe('migration 017: sign-in failures by organisation', () => {
	it('attributes each earlier failure to every organisation holding its email, and nothing else', async () => {
		const db = openDatabase(':memory:');
		opened.push(db);
		const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
		const to = async (name: string) => {
			const { error } = await migrator.migrateTo(name);
			if (error) throw error;
		};
		await to('016-tenancy');
		const at = '2026-12-03T09:00:00.000Z';
		for (const id of ['org-a', 'org-b'])
			await db
				.insertInto('organisation')
				.values({ id, name: id, contact: '', time_zone: 'Europe/London', created_at: at, slug: id })
				.execute();
		for (const [id, organisation_id] of [
			['acc-a', 'org-a'],
			['acc-b', 'org-b']
		])
			await db
				.insertInto('staff_account')
				.values({
					id: id!,
					organisation_id: organisation_id!,
					email: 'x@nhs.example',
					display_name: 'X',
					role: 'wardStaff',
					disabled: 0,
					created_at: at
				})
				.execute();
		await db
			.insertInto('sign_in_attempt')
			.values([
				{ email: 'x@nhs.example', address: '10.0.0.1', succeeded: 0, at },
				{ email: 'x@nhs.example', address: '10.0.0.1', succeeded: 1, at },
				{ email: 'nobody@nhs.example', address: '10.0.0.1', succeeded: 0, at }
			])
			.execute();

		await to('017-sign-in-organisation');
		const rows = await db
			.selectFrom('sign_in_failure')
			.select(['attempt_id', 'organisation_id', 'email'])
			.orderBy('organisation_id')
			.execute();
		expect(rows).toEqual([
			{ attempt_id: 1, organisation_id: 'org-a', email: 'x@nhs.example' },
			{ attempt_id: 1, organisation_id: 'org-b', email: 'x@nhs.example' }
		]);
		// Deleting an attempt takes its failures with it (the daily clean-up).
		await db.deleteFrom('sign_in_attempt').where('id', '=', 1).execute();
		expect(await db.selectFrom('sign_in_failure').selectAll().execute()).toEqual([]);
	});
});
