import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	bundleShellPictures,
	offlineAppFiles,
	offlineShell,
	routeDirsOf,
	siteUrl
} from './offline-shell';
import { PICTURES_FILE, ShellPictures } from './shell-pictures';

/** A build output of three nodes: the root layout, the ward page and a studio page. */
function fakeBuild() {
	const out = mkdtempSync(join(tmpdir(), 'offline-shell-'));
	mkdirSync(join(out, 'server', 'nodes'), { recursive: true });
	mkdirSync(join(out, 'client', '.vite'), { recursive: true });
	const node = (index: number, component: string, serverId: string | null, file: string) =>
		writeFileSync(
			join(out, 'server', 'nodes', `${index}.js`),
			[
				`export const component = async () => (await import('../entries/${component}')).default;`,
				serverId ? `export const server_id = "${serverId}";` : '',
				`export const imports = ["${file}","_app/immutable/chunks/shared.js"];`
			].join('\n')
		);
	node(0, 'pages/_layout.svelte.js', 'src/routes/+layout.server.ts', '_app/immutable/nodes/0.a.js');
	node(1, 'fallbacks/layout.svelte.js', 'src/routes/(ward)/ward/+layout.server.ts', '_app/immutable/nodes/1.b.js');
	node(2, 'pages/(ward)/ward/_page.svelte.js', null, '_app/immutable/nodes/2.c.js');
	node(3, 'pages/(studio)/studio/_page.svelte.js', null, '_app/immutable/nodes/3.d.js');
	const chunk = (file: string, more: object = {}) => ({ file, ...more });
	writeFileSync(
		join(out, 'client', '.vite', 'manifest.json'),
		JSON.stringify({
			'nodes/0.js': chunk('_app/immutable/nodes/0.a.js', { imports: ['_shared.js'] }),
			'nodes/1.js': chunk('_app/immutable/nodes/1.b.js'),
			'nodes/2.js': chunk('_app/immutable/nodes/2.c.js', {
				imports: ['_shared.js'],
				dynamicImports: ['_qr.js'],
				css: ['_app/immutable/assets/2.css']
			}),
			'nodes/3.js': chunk('_app/immutable/nodes/3.d.js', {
				imports: ['_shared.js', '_editor.js'],
				css: ['_app/immutable/assets/3.css']
			}),
			'_shared.js': chunk('_app/immutable/chunks/shared.js'),
			'_qr.js': chunk('_app/immutable/chunks/qr.js', { imports: ['_qr-core.js'] }),
			'_qr-core.js': chunk('_app/immutable/chunks/qr-core.js'),
			'_editor.js': chunk('_app/immutable/chunks/editor.js')
		})
	);
	return out;
}

describe('the offline shell', () => {
	it('keeps the ward and root pages’ code, followed through dynamic imports, and no studio code', () => {
		expect([...offlineAppFiles(fakeBuild())].sort()).toEqual([
			'_app/immutable/assets/2.css',
			'_app/immutable/chunks/qr-core.js',
			'_app/immutable/chunks/qr.js',
			'_app/immutable/chunks/shared.js',
			'_app/immutable/nodes/0.a.js',
			'_app/immutable/nodes/1.b.js',
			'_app/immutable/nodes/2.c.js'
		]);
	});

	it('cuts only the app’s code: start-up, workers, symbols and pages stay', () => {
		const entries = [
			'_app/immutable/entry/start.js',
			'_app/immutable/workers/sync.js',
			'_app/immutable/nodes/2.c.js',
			'_app/immutable/nodes/3.d.js',
			'_app/immutable/assets/3.css',
			'symbols/wash-hands.svg',
			'offline'
		].map((url) => ({ url, revision: null }));
		expect(
			offlineShell(entries, new Set(['_app/immutable/nodes/2.c.js'])).map((e) => e.url)
		).toEqual([
			'_app/immutable/entry/start.js',
			'_app/immutable/workers/sync.js',
			'_app/immutable/nodes/2.c.js',
			'symbols/wash-hands.svg',
			'offline'
		]);
	});

	it('reads a node’s route directories from its page and its load files', () => {
		expect(routeDirsOf(`import('../entries/pages/(patient)/b/[slug]/_page.svelte.js')`)).toEqual([
			'(patient)/b/[slug]'
		]);
		expect(routeDirsOf(`export const server_id = "src/routes/admin/+page.server.ts";`)).toEqual([
			'admin'
		]);
		expect(routeDirsOf(`import('../entries/pages/_layout.svelte.js')`)).toEqual(['']);
	});

	it('refuses a build with no SvelteKit output, rather than precaching nothing of the app', () => {
		expect(() => offlineAppFiles(mkdtempSync(join(tmpdir(), 'empty-')))).toThrow(
			/no SvelteKit build output/
		);
	});

	it('gives the worker the addresses it asks for', () => {
		expect(siteUrl('client/_app/immutable/entry/start.js')).toBe('_app/immutable/entry/start.js');
		expect(siteUrl('prerendered/pages/offline.html')).toBe('offline');
		expect(siteUrl('prerendered/pages/index.html')).toBe('/');
	});

	it('puts the shell’s pictures with a revision in one file, named by its content', () => {
		const client = mkdtempSync(join(tmpdir(), 'pictures-'));
		mkdirSync(join(client, 'symbols'));
		mkdirSync(join(client, 'icons'));
		writeFileSync(join(client, 'symbols', 'bed.svg'), '<svg>bed</svg>');
		writeFileSync(join(client, 'icons', 'favicon.svg'), '<svg>icon</svg>');
		const entries = [
			{ url: 'symbols/bed.svg', revision: 'r1' },
			{ url: 'icons/favicon.svg', revision: 'r2' },
			// Not pictures of the shell, or named by their hash: fetched as before.
			{ url: 'icons/icon-192.png', revision: 'r3' },
			{ url: 'offline/en', revision: 'r4' },
			{ url: '_app/immutable/assets/logo.abc.svg', revision: null }
		];

		const entry = bundleShellPictures(entries, client);

		expect(entry?.url).toMatch(PICTURES_FILE);
		expect(entry?.revision).toBeNull();
		const written = ShellPictures.parse(
			JSON.parse(readFileSync(join(client, entry?.url ?? ''), 'utf8'))
		);
		expect(written.pictures).toEqual([
			{ url: '/symbols/bed.svg', revision: 'r1', body: '<svg>bed</svg>' },
			{ url: '/icons/favicon.svg', revision: 'r2', body: '<svg>icon</svg>' }
		]);
		// Another picture, another name: a tablet never keeps an old file for a new shell.
		writeFileSync(join(client, 'symbols', 'bed.svg'), '<svg>bed, redrawn</svg>');
		const next = bundleShellPictures([{ url: 'symbols/bed.svg', revision: 'r5' }], client);
		expect(next?.url).not.toBe(entry?.url);
		expect(existsSync(join(client, next?.url ?? ''))).toBe(true);
	});

	it('writes no file for a shell with no pictures', () => {
		const client = mkdtempSync(join(tmpdir(), 'pictures-'));
		expect(bundleShellPictures([{ url: 'offline/en', revision: 'r1' }], client)).toBeNull();
		expect(existsSync(join(client, '_app'))).toBe(false);
	});
});
