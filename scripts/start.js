// `npm start`: serves the built toolkit on http://localhost:3000 with its SQLite file under
// ./data (both overridable: PORT, HOST, DATA_DIR; see README). It builds first only when there
// is no build or the source changed since (src/lib/build/build-freshness.js), so a restart is
// quick. In production, build once (`npm run build`) and run `node build` (docs/deployment.md).
import { execFileSync } from 'node:child_process';
import { whyBuild } from '../src/lib/build/build-freshness.js';

const reason = whyBuild(process.cwd());
if (reason) {
	console.log(`Building first: ${reason}.`);
	execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}

process.env.PORT ??= '3000';
process.env.DATA_DIR ??= './data';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Video uploads need a request body as large as the upload limit (200 MB unless set), plus the
// form around it; every other form stays small by its own schema.
process.env.BODY_SIZE_LIMIT ??= String(
	Number(process.env.UPLOAD_MAX_BYTES ?? 209_715_200) + 1_048_576
);

await import('../build/index.js');
console.log(`Patient safety-briefing toolkit: ${process.env.ORIGIN}`);
