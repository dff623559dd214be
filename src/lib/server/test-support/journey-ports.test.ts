import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/*
 * Journeys run in parallel workers; a journey that starts a server of its own (or a test
 * provider) takes a port at a fixed offset from E2E_PORT. Two journeys on one offset collide
 * when they run at once, and an offset landing on a port browsers and fetch refuse ("bad
 * port": 4190 is E2E_PORT's default + 17) fails its journey. Both are checked here.
 */
const testsDir = new URL('../../../../tests/', import.meta.url);
const workerSlots = 4; // offsets 0..3 are the workers' shared servers (tests/support/paths.ts)
// In the PostgreSQL run each server is a proxy before two app servers, at +100 and +200 from
// it (tests/support/server-pair.ts): offsets stay below 100 so those never meet another server.
const pairOffsets = [100, 200] as const;
const fetchBadPorts = new Set([
	4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080
]);

function offsets(): Array<{ file: string; offset: number }> {
	const found: Array<{ file: string; offset: number }> = [];
	for (const file of readdirSync(testsDir).filter((f) => f.endsWith('.spec.ts'))) {
		const text = readFileSync(new URL(file, testsDir), 'utf8');
		for (const m of text.matchAll(/(?:E2E_PORT \?\? 4173\)|\bbasePort|\bbase)\s*\+\s*(\d+)/g))
			found.push({ file, offset: Number(m[1]) });
	}
	return found;
}

describe('journey ports', () => {
	it('gives each own server an offset of its own, above the workers’ servers', () => {
		const seen = new Map<number, string>();
		const clashes: string[] = [];
		for (const { file, offset } of offsets()) {
			const other = seen.get(offset);
			if (other && other !== file) clashes.push(`+${offset}: ${other} and ${file}`);
			seen.set(offset, file);
			if (offset < workerSlots) clashes.push(`+${offset} in ${file} is a worker's server`);
			if (offset >= pairOffsets[0]) clashes.push(`+${offset} in ${file} is a pair's app server`);
		}
		expect(seen.size).toBeGreaterThan(5);
		expect(clashes).toEqual([]);
	});

	it('never lands on a port fetch refuses, at the default E2E_PORT', () => {
		const bad = offsets().filter(({ offset }) =>
			[0, ...pairOffsets].some((pair) => fetchBadPorts.has(4173 + offset + pair))
		);
		expect(bad).toEqual([]);
	});
});
