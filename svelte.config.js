import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { SCRIPTED_MARK } from './src/lib/client/patient-page/scripted-mark.js';
import { CSP_DIRECTIVES } from './src/lib/server/http/security-headers.js';

const hashOf = (script) => `sha256-${createHash('sha256').update(script).digest('base64')}`;

/**
 * adapter-node, with its request handler wrapped by src/lib/server/http/node-handler.js
 * (security headers on static and prerendered answers; unread bodies drained). The server is
 * still build/index.js, so `node build`, `npm start` and the tests run it unchanged.
 * @param {Parameters<typeof adapter>[0]} options
 * @returns {import('@sveltejs/kit').Adapter}
 */
function adapterWithEntry(options) {
	const node = adapter(options);
	return {
		...node,
		async adapt(builder) {
			await node.adapt(builder);
			const out = options?.out ?? 'build';
			// adapter-node bundles its handler into index.js, so the wrap goes where it is used.
			const index = readFileSync(`${out}/index.js`, 'utf8');
			const use = 'polka({ server: httpServer }).use(handler)';
			if (!index.includes(use))
				throw new Error(`${out}/index.js has changed: cannot put the security headers in front`);
			for (const file of ['node-handler.js', 'security-headers.js'])
				copyFileSync(`src/lib/server/http/${file}`, `${out}/${file}`);
			writeFileSync(
				`${out}/index.js`,
				[
					"import { fileURLToPath as entryPath } from 'node:url';",
					"import { prerenderedPolicies, wrapHandler } from './node-handler.js';",
					index.replace(
						use,
						'polka({ server: httpServer }).use(wrapHandler(handler, ' +
							"prerenderedPolicies(entryPath(new URL('./prerendered', import.meta.url)))))"
					)
				].join('\n')
			);
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapterWithEntry({ precompress: true }),
		// The worker is built by @vite-pwa/sveltekit (injectManifest), not by Kit.
		serviceWorker: { register: false },
		files: { serviceWorker: 'src/service-worker' },
		alias: { $locales: 'locales' },
		// Root-relative asset addresses: the prerendered offline page is served in place of pages
		// at any depth (/b/<slug>), where `./_app/…` would point at /b/_app/… and fail.
		paths: { relative: false },
		csp: {
			mode: 'hash',
			directives: {
				...CSP_DIRECTIVES,
				'script-src': [...CSP_DIRECTIVES['script-src'], hashOf(SCRIPTED_MARK)]
			}
		}
	}
};

export default config;
