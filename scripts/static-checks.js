// `npm test`'s first step: formatting, lint and types, side by side. Each is one process that
// mostly keeps one core busy, so on CI's two cores they take about as long as the slowest
// (eslint) rather than the sum. Each one's output is printed whole when it ends, so lines from
// the three never interleave; the step fails if any of them fails.
import { spawn, execFileSync } from 'node:child_process';

// package.json's own scripts, the ones `npm run lint` and `npm run check` run one after another.
const checks = ['lint:format', 'lint:code', 'check:types'];

function run(name) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', (error) => resolve({ name, ok: false, output: String(error), started }));
		child.on('close', (code) => resolve({ name, ok: code === 0, output, started }));
	}).then((result) => {
		const seconds = Math.round((Date.now() - result.started) / 1000);
		console.log(`== ${name}: ${result.ok ? 'passed' : 'FAILED'} in ${seconds} s`);
		if (!result.ok || process.env.VERBOSE) console.log(result.output);
		return result.ok;
	});
}

// The types eslint and svelte-check both read (.svelte-kit/tsconfig.json), written once first.
execFileSync('npm', ['run', '--silent', 'sync'], { stdio: 'inherit' });
const results = await Promise.all(checks.map(run));
if (results.includes(false)) process.exit(1);
