import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerApp, type ServerApp } from './app';
import { KEY_FILE } from './sso/secret-box';
import { getSsoSettings } from './sso/settings';

let dir: string;
let app: ServerApp | undefined;

afterEach(async () => {
	await app?.close();
	app = undefined;
	rmSync(dir, { recursive: true, force: true });
});

describe('startServerApp', () => {
	it('seeds the demo with its history and has the measures counted before the first reader', async () => {
		dir = mkdtempSync(join(tmpdir(), 'toolkit-app-'));
		const lines: string[] = [];
		app = await startServerApp({ DATA_DIR: dir }, (line) => lines.push(line));
		const { db } = app;
		expect(lines.join('\n')).toContain('Seeded the demo organisation');
		const { records } = await db
			.selectFrom('delivery_record')
			.select(sql<number>`count(*)`.as('records'))
			.where('voided_at', 'is', null)
			.executeTakeFirstOrThrow();
		expect(records).toBeGreaterThan(2000);
		const { counted } = await db
			.selectFrom('measure_day_count')
			.select(sql<number>`sum(total)`.as('counted'))
			.executeTakeFirstOrThrow();
		expect(counted).toBe(records);
	}, 30_000);

	it('makes the SSO key file once (owner only) and seals a plaintext client secret at start', async () => {
		dir = mkdtempSync(join(tmpdir(), 'toolkit-app-'));
		const env = { DATA_DIR: dir, SEED_DEMO_HISTORY: 'false' };
		app = await startServerApp(env, () => {});
		expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
		expect(app.sso.allowInsecureIssuer).toBe(false);
		expect(app.sso.allowedNetworks).toEqual([]);
		const { id } = await app.db
			.selectFrom('organisation')
			.select('id')
			.where('kind', '=', 'trust')
			.executeTakeFirstOrThrow();
		await app.db
			.insertInto('organisation_sso')
			.values({
				organisation_id: id,
				issuer: 'https://login.example',
				client_id: 'toolkit',
				client_secret: 'saved-before-encryption',
				allowed_domain: 'demo.example',
				role_claim: null,
				updated_at: new Date().toISOString()
			})
			.execute();
		const { key } = app.sso;
		await app.db.destroy();
		const lines: string[] = [];
		app = await startServerApp(env, (line) => lines.push(line));
		expect(app.sso.key).toEqual(key);
		expect(lines).toContain('Single sign-on: encrypted the stored secrets of 1 organisation(s)');
		const row = await app.db.selectFrom('organisation_sso').selectAll().executeTakeFirstOrThrow();
		expect(row.client_secret).toMatch(/^sso1:/);
		expect((await getSsoSettings(app.db, app.sso.key, id))?.clientSecret).toBe(
			'saved-before-encryption'
		);
	}, 30_000);
});
