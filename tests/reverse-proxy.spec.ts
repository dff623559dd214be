import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { demo } from './demo-accounts';
import { OwnServer } from './support/own-server';

/*
 * The toolkit behind a reverse proxy (docs/deployment.md). Without ADDRESS_HEADER every device
 * has the proxy's address: the server says so in its log, and 20 wrong passwords by anyone must
 * still not keep a nurse out. With it, each device's limits are its own.
 */
test.describe.configure({ mode: 'serial' });

const port = Number(process.env.E2E_PORT ?? 4173) + 9;
let server: OwnServer | undefined;
let api: APIRequestContext | undefined;

test.afterEach(async () => {
	await api?.dispose();
	await server?.kill();
});

/** A sign-in as it reaches the toolkit through a proxy, from the device at `from`. */
async function signIn(email: string, password: string, from: string): Promise<string> {
	if (!server || !api) throw new Error('no server');
	// Asked for JSON, the form action answers with what it did rather than a page.
	const response = await api.post('/sign-in', {
		form: { email, password },
		headers: { origin: server.origin, accept: 'application/json', 'x-forwarded-for': from }
	});
	const outcome = (await response.json()) as { type: string; status: number };
	if (outcome.type === 'redirect') return 'signed in';
	if (outcome.type === 'failure' && outcome.status === 429) return 'too many';
	if (outcome.type === 'failure' && outcome.status === 400) return 'wrong';
	return `unexpected ${JSON.stringify(outcome)}`;
}

/** 20 wrong passwords for 20 different accounts: someone guessing across the hospital. */
async function sprayFrom(from: string) {
	for (let i = 0; i < 20; i++)
		expect(await signIn(`guess${i}@demo.example`, 'wrong password', from)).toBe('wrong');
}

test('without ADDRESS_HEADER: a warning in the log, and a busy address locks nobody out', async () => {
	test.setTimeout(180_000);
	server = new OwnServer(port);
	await server.start();
	api = await request.newContext({ baseURL: server.origin });

	await sprayFrom('198.51.100.20');
	// Every request came from the proxy's address, 127.0.0.1: the nurse shares it, and gets in.
	expect(await signIn(demo.ward.email, demo.ward.password, '198.51.100.21')).toBe('signed in');
	// A guessed account gets two tries, not five, from the busy address.
	expect(await signIn('guess0@demo.example', 'wrong password', '198.51.100.20')).toBe('wrong');
	expect(await signIn('guess0@demo.example', 'wrong password', '198.51.100.20')).toBe('too many');

	const warnings = server.logLines.filter((line) => String(line.msg).includes('ADDRESS_HEADER'));
	expect(warnings).toEqual([
		expect.objectContaining({
			level: 'warn',
			msg: expect.stringMatching(/^Warning: requests arrive through a proxy/)
		})
	]);
});

test('with ADDRESS_HEADER: each device has its own limits, and no warning', async () => {
	test.setTimeout(180_000);
	server = new OwnServer(port, { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' });
	await server.start();
	api = await request.newContext({ baseURL: server.origin });

	await sprayFrom('198.51.100.30');
	expect(await signIn('guess0@demo.example', 'wrong password', '198.51.100.30')).toBe('wrong');
	expect(await signIn('guess0@demo.example', 'wrong password', '198.51.100.30')).toBe('too many');
	// The same account from another device: that address is not busy, so five tries there.
	expect(await signIn('guess0@demo.example', 'wrong password', '198.51.100.31')).toBe('wrong');
	expect(await signIn(demo.ward.email, demo.ward.password, '198.51.100.31')).toBe('signed in');

	expect(server.log).not.toContain('ADDRESS_HEADER');
});
