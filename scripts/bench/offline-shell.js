// What a ward tablet downloads and keeps for use offline when the worker installs: the precache
// list built into build/client/service-worker.js (src/lib/build/offline-shell.ts), against every
// file of the same kinds in the client build (what it kept before the cut).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuilt } from './server.js';

ensureBuilt();

const client = 'build/client';
const worker = readFileSync(join(client, 'service-worker.js'), 'utf8');
const listed = [...worker.matchAll(/"url":"([^"]+)"/g)].map(([, url]) => url);
// The shell's pictures in one file, read at install and not kept (src/lib/build/shell-pictures.ts).
const isPictures = (url) => /^_app\/immutable\/shell\/pictures\.[0-9a-f]+\.json$/.test(url);
const kept = listed.filter((url) => !isPictures(url));
const pictures = listed.filter(isPictures);
const size = (url) =>
	statSync(join(client, /^offline\//.test(url) ? `../prerendered/${url}.html` : url)).size;
const walk = (dir) =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? walk(join(dir, e.name)) : [relative(client, join(dir, e.name))]
	);
const kinds = /\.(?:js|css|ico|png|svg|webp|woff2|webmanifest)$/;
const all = walk(client).filter((f) => kinds.test(f) && f !== 'service-worker.js');
const sum = (list) => list.reduce((total, url) => total + size(url), 0);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
console.log(`Kept by a ward tablet's worker: ${kept.length} files, ${mb(sum(kept))}`);
for (const url of pictures) {
	const count = (JSON.parse(readFileSync(join(client, url), 'utf8')).pictures ?? []).length;
	const gzip = statSync(join(client, `${url}.gz`)).size;
	console.log(
		`  of them, ${count} pictures come in one file at install: ${(size(url) / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzipped`
	);
}
console.log(
	`Every file of those kinds in the client build: ${all.length} files, ${mb(sum(all))} (the studio's, admin's and platform's pages included)`
);
