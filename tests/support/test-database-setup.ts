// Global setup for the unit tests' databases (see src/lib/server/test-support/test-database.ts):
// on PostgreSQL, the migrations run once per `vitest run`, into a template database on the
// server named by TEST_DATABASE_URL, or into PGlite whose data directory is dumped to a file.
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openPostgres } from '../../src/lib/server/db/database';
import type { Database } from '../../src/lib/server/db/schema';
import { PGliteDialect } from '../../src/lib/server/test-support/pglite-dialect';

export default async function setup(project: TestProject) {
	if (project.name !== 'postgres') {
		project.provide('testDatabase', { kind: 'sqlite' });
		return;
	}
	const url = process.env.TEST_DATABASE_URL;
	if (url) return onServer(project, url);

	const pglite = await PGlite.create();
	await migrate(new Kysely<Database>({ dialect: new PGliteDialect(pglite) }));
	const dir = mkdtempSync(join(tmpdir(), 'sbt-pglite-'));
	const dumpFile = join(dir, 'migrated.tar');
	writeFileSync(dumpFile, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
	await pglite.close();
	project.provide('testDatabase', { kind: 'pglite', dumpFile });
	return () => rmSync(dir, { recursive: true, force: true });
}

async function onServer(project: TestProject, adminUrl: string) {
	// Unique per run, so two runs on one server (a developer's and CI's) never meet.
	const prefix = `sbt_test_${process.pid}_${Date.now().toString(36)}`;
	const template = `${prefix}_template`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${template}`);
	const url = new URL(adminUrl);
	url.pathname = `/${template}`;
	const db = openPostgres(url.href, { max: 1 });
	try {
		await migrate(db);
	} finally {
		await db.destroy();
	}
	project.provide('testDatabase', { kind: 'server', adminUrl, template, prefix });
	return async () => {
		const { rows } = await admin.query<{ datname: string }>(
			`select datname from pg_database where datname like $1`,
			[`${prefix}%`]
		);
		for (const { datname } of rows) await admin.query(`drop database ${datname} with (force)`);
		await admin.end();
	};
}
