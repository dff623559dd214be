import { expect, test } from '@playwright/test';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess } from './support/app-process';

/*
 * A build folder rebuilt or removed under a running server (docs/deployment.md says not to) took
 * the server down: adapter-node's static handler knows the build's files from a list made at
 * start, and a precompressed `.br` gone from the folder failed to open with nobody to catch it.
 * Now that file answers 404 and the server goes on. Its own server on a copy of the build (inside
 * the checkout, for node_modules), so that no other journey's files go missing.
 */

const port = Number(process.env.E2E_PORT ?? 4173) + 50;

test('a bundled file gone from under the running server answers 404, and the server goes on', async () => {
	mkdirSync('.e2e-data', { recursive: true });
	const build = mkdtempSync(join('.e2e-data', 'build-'));
	cpSync('build', build, { recursive: true });
	const server = new AppProcess(
		port,
		{ DATA_DIR: mkdtempSync(join(tmpdir(), 'e2e-rebuild-')) },
		build
	);
	await server.start();
	try {
		const immutable = join(build, 'client', '_app', 'immutable', 'chunks');
		const chunk = readdirSync(immutable).find((name) => name.endsWith('.js.br'));
		expect(chunk).toMatch(/\.js\.br$/);
		const path = `/_app/immutable/chunks/${chunk!.replace(/\.br$/, '')}`;
		expect(await answer(server.origin, path, 'br')).toMatchObject({ status: 200, encoding: 'br' });

		rmSync(join(immutable, chunk!));

		const gone = await answer(server.origin, path, 'br');
		expect(gone).toMatchObject({ status: 404, encoding: undefined, cacheControl: 'no-store' });
		expect(gone.body).toBe('Not found');
		// The same file's other forms are still there, and so is the server.
		expect(await answer(server.origin, path, 'gzip')).toMatchObject({
			status: 200,
			encoding: 'gzip'
		});
		expect((await fetch(`${server.origin}/api/health`)).status).toBe(200);
		expect(server.log).toContain('A file of the build could not be read');
		expect(server.log).toContain(`${chunk}`);
	} finally {
		await server.kill();
		rmSync(build, { recursive: true, force: true });
	}
});

/** GET `path` accepting only `encoding`: its status, encoding, Cache-Control and body. */
function answer(origin: string, path: string, encoding: 'br' | 'gzip') {
	return new Promise<{
		status: number | undefined;
		encoding: string | undefined;
		cacheControl: string | undefined;
		body: string;
	}>((resolve, reject) => {
		get(`${origin}${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
			let body = '';
			res.setEncoding('latin1');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () =>
				resolve({
					status: res.statusCode,
					encoding: res.headers['content-encoding'],
					cacheControl: res.headers['cache-control'],
					body
				})
			);
		}).on('error', reject);
	});
}
