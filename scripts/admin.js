// `npm run admin -- <command>`: the operator's commands (src/lib/server/cli/). The server code is
// TypeScript compiled by Vite, so the commands are too: `npm run build` emits build/cli/admin.js
// beside the server (`node scripts/admin.js --build`), and in a checkout, where src/ is there,
// this builds a fresh copy into node_modules/.cache first (about a second), so a command never
// runs older code than the checkout's. The toolkit's runtime dependencies stay external; the
// rest (zod, the toolkit's own code) is bundled, as adapter-node does for the server.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/lib/server/cli/main.ts');

async function buildInto(outDir) {
	const { build } = await import('vite');
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const external = Object.keys(pkg.dependencies ?? {});
	await build({
		configFile: false,
		root,
		logLevel: 'warn',
		resolve: { alias: { $lib: join(root, 'src/lib') } },
		ssr: { noExternal: true, external },
		build: {
			ssr: entry,
			outDir,
			emptyOutDir: true,
			target: 'node20',
			minify: false,
			rollupOptions: { output: { entryFileNames: 'admin.js', format: 'es' } }
		}
	});
	return join(outDir, 'admin.js');
}

const buildOnly = process.argv[2] === '--build';
if (buildOnly) {
	await buildInto(join(root, 'build/cli'));
} else {
	const built = join(root, 'build/cli/admin.js');
	const script = existsSync(entry)
		? await buildInto(join(root, 'node_modules/.cache/admin-cli'))
		: built;
	await import(pathToFileURL(script).href);
}
