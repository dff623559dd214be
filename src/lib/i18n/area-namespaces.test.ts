import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaNamespaces, namespaces, type Namespace, type PageArea } from './index';

/*
 * A page brings only its area's strings (areaNamespaces), so the table must hold every
 * namespace any page of the area can show, and nothing more. This reads the code each route
 * runs — its pages, layouts and error pages with those above it, their server loads, and every
 * module they import, transitively — for the namespaces it names (`t('ward:save')`, a key
 * completed at run time `'briefing:format.' + f`, an error summary's `ns="admin"`), and checks
 * the table against it both ways. A namespace missing from the table would show its keys, not
 * its words, on every page of the area; one not used is sent for nothing.
 */
/** The area of a route, by its id (`/(ward)/ward/admissions`): its first folder. */
function pageAreaOf(routeId: string): PageArea {
	const first = routeId.split('/')[1] ?? '';
	const area = first.replace(/^\((.*)\)$/, '$1');
	return area in areaNamespaces && area !== 'base' ? (area as PageArea) : 'base';
}

const root = process.cwd();
const routesDir = join(root, 'src/routes');
const named = new RegExp(
	`['"\`](${namespaces.join('|')}):|\\bns(?:=|:\\s*)['"](${namespaces.join('|')})['"]`,
	'g'
);
const imports =
	/(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = join(root, 'src/lib', spec.slice('$lib/'.length));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null; // a package, or $app/…: no strings of ours
	for (const path of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')])
		if (existsSync(path) && statSync(path).isFile()) return path;
	return null;
}

const namesOf = new Map<string, Set<Namespace>>();
/** The namespaces a module and everything it imports name. */
function reachable(file: string, seen = new Set<string>()): Set<Namespace> {
	const found = new Set<Namespace>();
	if (seen.has(file)) return found;
	seen.add(file);
	const code = readFileSync(file, 'utf8');
	let own = namesOf.get(file);
	if (!own) {
		own = new Set([...code.matchAll(named)].map((m) => (m[1] ?? m[2]) as Namespace));
		namesOf.set(file, own);
	}
	for (const ns of own) found.add(ns);
	for (const m of code.matchAll(imports)) {
		const next = resolveImport(file, (m[1] ?? m[2] ?? m[3]) as string);
		if (next) for (const ns of reachable(next, seen)) found.add(ns);
	}
	return found;
}

const routeFile = /^\+(page|layout|error)(\.server)?\.(svelte|ts)$/;
/** Every route folder with a page, and the route files that run for it (its own and above). */
function pages(dir = routesDir): Array<{ route: string; files: string[] }> {
	const entries = readdirSync(dir);
	const below = entries
		.filter((e) => statSync(join(dir, e)).isDirectory())
		.flatMap((e) => pages(join(dir, e)));
	if (!entries.some((e) => /^\+page(\.server)?\.(svelte|ts)$/.test(e))) return below;
	const files: string[] = [];
	for (let d = dir; d.startsWith(routesDir); d = dirname(d))
		for (const e of readdirSync(d))
			if (routeFile.test(e) && (d === dir || !e.startsWith('+page'))) files.push(join(d, e));
	return [{ route: `/${relative(routesDir, dir)}`, files }, ...below];
}

describe('each area’s namespaces', () => {
	const used = new Map<PageArea, Set<Namespace>>();
	for (const { route, files } of pages()) {
		const area = pageAreaOf(route);
		const set = used.get(area) ?? new Set<Namespace>();
		for (const file of files) for (const ns of reachable(file)) set.add(ns);
		used.set(area, set);
	}

	it.each(Object.keys(areaNamespaces) as PageArea[])(
		'%s: every namespace its pages name, and no other',
		(area) => {
			expect([...areaNamespaces[area]].sort()).toEqual([...(used.get(area) ?? [])].sort());
		}
	);

	it('places every route in an area by its folder', () => {
		expect(pageAreaOf('/(ward)/ward/admissions')).toBe('ward');
		expect(pageAreaOf('/(studio)/studio/briefings/[id]')).toBe('studio');
		expect(pageAreaOf('/admin/region')).toBe('admin');
		expect(pageAreaOf('/(patient)/p/[token]')).toBe('patient');
		expect(pageAreaOf('/sign-in')).toBe('base');
		expect(pageAreaOf('/')).toBe('base');
	});
});
