import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSetPasswordLink } from '../auth/set-password-links';
import { beginSignInAttempt, checkSignInThrottle } from '../auth/sign-in-limits';
import type { Db } from '../db/database';
import { auditPage } from '../administration/audit-log';
import { runCommand } from './commands';
import { openTestDatabase } from '../test-support/test-database';

let db: Db;
let out: string[];
let err: string[];

const run = (...argv: string[]) =>
	runCommand(argv, {
		db,
		origin: 'https://toolkit.example.nhs.uk',
		out: (line) => out.push(line),
		err: (line) => err.push(line)
	});
const tokenIn = (lines: string[]) =>
	/\/set-password\/([A-Za-z0-9_-]{43})$/.exec(lines.at(-1) ?? '')?.[1] ?? '';

beforeEach(async () => {
	db = await openTestDatabase();
	out = [];
	err = [];
});
afterEach(async () => {
	await db.destroy();
});

describe('npm run admin', () => {
	it('creates an organisation and its admin, printing a working link, audited as the command line', async () => {
		expect(
			await run(
				'create-organisation',
				'--name',
				'Eastbrook Hospitals NHS Trust',
				'--ods',
				'rxq',
				'--admin-email',
				'Erin@Eastbrook.example',
				'--admin-name',
				'Erin Admin'
			)
		).toBe(0);
		expect(out[0]).toBe('Created Eastbrook Hospitals NHS Trust (eastbrook-hospitals-nhs-trust).');
		expect(out.at(-1)).toMatch(/^https:\/\/toolkit\.example\.nhs\.uk\/set-password\//);
		expect(await checkSetPasswordLink(db, tokenIn(out))).toMatchObject({
			ok: true,
			email: 'erin@eastbrook.example'
		});
		const organisation = await db
			.selectFrom('organisation')
			.select(['id', 'ods_code', 'time_zone'])
			.where('kind', '=', 'trust')
			.executeTakeFirstOrThrow();
		expect(organisation).toMatchObject({ ods_code: 'RXQ', time_zone: 'Europe/London' });
		expect(
			(await auditPage(db, organisation.id, 1, { by: 'platform' })).lines
				.map((e) => [e.action, e.actorName])
				.sort()
		).toEqual([
			['organisation.created', 'Command line'],
			['staff.invited', 'Command line']
		]);
		// The command line's account can never sign in.
		const cli = await db
			.selectFrom('staff_account')
			.select(['disabled', 'password_hash'])
			.where('display_name', '=', 'Command line')
			.executeTakeFirstOrThrow();
		expect(cli).toEqual({ disabled: 1, password_hash: null });
	});

	it('refuses bad usage with exit code 2 and says what is wrong, changing nothing', async () => {
		const cases: Array<[string[], RegExp]> = [
			[[], /Usage: npm run admin/],
			[['frobnicate'], /Unknown command: frobnicate/],
			[['list-organisations', '--bogus'], /Unknown option '--bogus'/],
			[['create-organisation', '--name', 'X', '--ods', 'R1'], /--ods: an ODS code is 3/],
			[
				['create-organisation', '--name', 'X', '--time-zone', 'Mars/Base'],
				/--time-zone: a time zone/
			],
			[['create-organisation', '--name', ''], /--name: enter the organisation’s name/],
			[['create-organisation', '--name', 'X', '--admin-email', 'a@b.example'], /go together/],
			[['create-admin', '--organisation', 'x', '--email', 'nope', '--name', 'N'], /--email:/],
			[['unlock'], /--email:/]
		];
		for (const [argv, message] of cases) {
			err = [];
			expect(await run(...argv), argv.join(' ')).toBe(argv.length ? 2 : 0);
			expect(err.join('\n'), argv.join(' ')).toMatch(message);
		}
		expect(await db.selectFrom('organisation').selectAll().execute()).toEqual([]);
	});

	it('needs ORIGIN or --origin to print a link, checked before anything is made', async () => {
		const noOrigin = await runCommand(
			['create-platform-admin', '--email', 'ops@service.example', '--name', 'Ops'],
			{ db, origin: null, out: (l) => out.push(l), err: (l) => err.push(l) }
		);
		expect(noOrigin).toBe(2);
		expect(err.join('\n')).toMatch(/Set ORIGIN or pass --origin/);
		expect(await db.selectFrom('staff_account').selectAll().execute()).toEqual([]);
		expect(
			await run(
				'create-platform-admin',
				'--email',
				'ops@service.example',
				'--name',
				'Ops',
				'--origin',
				'http://localhost:3000/x'
			)
		).toBe(0);
		expect(out.at(-1)).toMatch(/^http:\/\/localhost:3000\/set-password\//);
	});

	it('refuses a taken ODS code or an unknown organisation with exit code 1', async () => {
		expect(await run('create-organisation', '--name', 'Eastbrook', '--ods', 'RXQ')).toBe(0);
		expect(await run('create-organisation', '--name', 'Westbrook', '--ods', 'rxq')).toBe(1);
		expect(err.at(-1)).toBe('--ods is taken by another organisation');
		expect(
			await run(
				'create-admin',
				'--organisation',
				'nowhere',
				'--email',
				'a@b.example',
				'--name',
				'A'
			)
		).toBe(1);
		expect(err.at(-1)).toBe('No organisation with the address "nowhere"');
		expect(
			await run('reset-link', '--organisation', 'eastbrook', '--email', 'nobody@b.example')
		).toBe(1);
	});

	it('adds an admin, makes a reset link that cancels the first, and lists organisations', async () => {
		await run('create-organisation', '--name', 'Eastbrook', '--slug', 'east', '--ods', 'RXQ01');
		expect(
			await run(
				'create-admin',
				'--organisation',
				'east',
				'--email',
				'erin@e.example',
				'--name',
				'Erin'
			)
		).toBe(0);
		const first = tokenIn(out);
		expect(
			await run(
				'create-admin',
				'--organisation',
				'east',
				'--email',
				'erin@e.example',
				'--name',
				'Erin'
			)
		).toBe(1);
		expect(await run('reset-link', '--organisation', 'east', '--email', 'ERIN@e.example')).toBe(0);
		const second = tokenIn(out);
		expect(await checkSetPasswordLink(db, first)).toEqual({ ok: false, reason: 'used' });
		expect(await checkSetPasswordLink(db, second)).toMatchObject({ ok: true, purpose: 'reset' });
		out = [];
		expect(await run('list-organisations')).toBe(0);
		expect(out).toEqual(['east\tRXQ01\tactive\t1 staff\tEastbrook']);
	});

	it('runs the retention job now, saying what it deleted', async () => {
		out = [];
		expect(await run('apply-retention')).toBe(0);
		expect(out).toEqual(['Nothing is past its retention period.']);
		expect(await run('apply-retention', '--days', '3')).toBe(2);
	});

	it('unlocks a throttled account', async () => {
		await run('create-organisation', '--name', 'Eastbrook', '--slug', 'east');
		await run(
			'create-admin',
			'--organisation',
			'east',
			'--email',
			'erin@e.example',
			'--name',
			'Erin'
		);
		for (let i = 0; i < 5; i++) await beginSignInAttempt(db, 'erin@e.example', `10.0.0.${i}`);
		expect((await checkSignInThrottle(db, 'erin@e.example', '10.0.0.9')).limited).toBe(true);
		expect(await run('unlock', '--email', 'erin@e.example')).toBe(0);
		expect(out.at(-1)).toBe('Unlocked erin@e.example: 5 failed sign-in(s) cleared.');
		expect((await checkSignInThrottle(db, 'erin@e.example', '10.0.0.9')).limited).toBe(false);
		expect(await run('unlock', '--email', 'nobody@e.example')).toBe(1);
	});
});
