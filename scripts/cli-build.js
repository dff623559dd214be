// The operator's commands (`npm run admin`, `npm run db:copy`; src/lib/server/cli/) are
// TypeScript compiled by Vite, as the server is: `npm run build` emits them into build/cli/
// beside the server (`node scripts/admin.js --build`), and in a checkout, where src/ is there,
// each run builds a fresh copy into node_modules/.cache first (about a second), so a command
// never runs older code than the checkout's. The toolkit's runtime dependencies stay external;
// the rest (zod, the toolkit's own code) is bundled, as adapter-node does for the server.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
	admin: join(root, 'src/lib/server/cli/main.ts'),
	'db-copy': join(root, 'src/lib/server/cli/db-copy-main.ts')
};

/** Builds every command into `outDir` as `<name>.js`. */
export async function buildCli(outDir) {
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
			ssr: true,
			outDir,
			emptyOutDir: true,
			target: 'node20',
			minify: false,
			rollupOptions: { input: entries, output: { entryFileNames: '[name].js', format: 'es' } }
		}
	});
}

/** Runs the command `name` (a key of `entries`), built fresh in a checkout. */
export async function runCli(name) {
	let outDir = join(root, 'build/cli');
	if (existsSync(entries[name])) {
		outDir = join(root, 'node_modules/.cache/cli', name);
		await buildCli(outDir);
	}
	await import(pathToFileURL(join(outDir, `${name}.js`)).href);
}
