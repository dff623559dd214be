import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { areaRoles, type Area, type Role } from '../../src/lib/domain/staff';
import { demo } from '../demo-accounts';

/*
 * Every entry point of the built app, walked from SvelteKit's own route list (the manifest
 * `vite build` writes), never from a list kept by hand: a new route, action or endpoint is
 * fuzzed and checked for roles the day it is added. Where a route is guarded comes from the
 * code itself: the area of its path (the hook's rule), else the area its endpoint asks of
 * `requireApiRole`/`requirePageRole`, else "signed in" for one that answers `signInRequired`.
 */

export type Guard = Area | 'signedIn' | 'public';

export interface EntryPoint {
	routeId: string;
	/** The route's path with its parameters filled (see paramValues). */
	path: string;
	kind: 'page' | 'action' | 'endpoint';
	method: string;
	/** For a form action: the URL to post to (`?/name`, or the page itself for `default`). */
	url: string;
	guard: Guard;
}

interface ManifestRoute {
	id: string;
	params: Array<{ name: string }>;
	page: { leaf: number } | null;
	endpoint: (() => Promise<Record<string, unknown>>) | null;
}
interface Manifest {
	_: {
		routes: ManifestRoute[];
		nodes: Array<() => Promise<{ server?: { actions?: Record<string, unknown> } }>>;
		prerendered_routes: Set<string>;
	};
}

/** The hook's rule (src/lib/server/auth/guard.ts `areaOf`): the first path segment. */
export function areaOf(path: string): Area | null {
	const first = path.split('/')[1] as Area;
	return first in areaRoles ? first : null;
}

function guardOfCode(source: string): Guard {
	const asked = /require(?:Api|Page)Role\(\s*\w+\.user,\s*["'](\w+)["']/.exec(source)?.[1];
	if (asked) return asked as Area;
	return /signInRequired/.test(source) ? 'signedIn' : 'public';
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Walks the built manifest; `values` fills each parameter by `parent/[name]` or `[name]`. */
export async function walkEntryPoints(values: Record<string, string>): Promise<EntryPoint[]> {
	const file = resolve('.svelte-kit/output/server/manifest.js');
	const { manifest } = (await import(pathToFileURL(file).href)) as { manifest: Manifest };
	const points: EntryPoint[] = [];
	for (const route of manifest._.routes) {
		const segments = route.id.split('/').filter((s) => s && !/^\(.*\)$/.test(s));
		const filled = segments.map((segment, i) => {
			const param = /^\[(\w+)\]$/.exec(segment)?.[1];
			if (!param) return segment;
			const value = values[`${segments[i - 1]}/[${param}]`] ?? values[`[${param}]`];
			if (value === undefined) throw new Error(`No test value for ${segment} in ${route.id}`);
			return encodeURIComponent(value);
		});
		const path = `/${filled.join('/')}`;
		const pathArea = areaOf(path);
		if (route.page) {
			const leaf = await manifest._.nodes[route.page.leaf]!();
			const guard = pathArea ?? 'public';
			points.push({ routeId: route.id, path, kind: 'page', method: 'GET', url: path, guard });
			for (const name of Object.keys(leaf.server?.actions ?? {}))
				points.push({
					routeId: route.id,
					path,
					kind: 'action',
					method: 'POST',
					url: name === 'default' ? path : `${path}?/${name}`,
					guard
				});
		}
		if (route.endpoint) {
			const module = await route.endpoint();
			for (const method of METHODS.filter((m) => typeof module[m] === 'function'))
				points.push({
					routeId: route.id,
					path,
					kind: 'endpoint',
					method,
					url: path,
					guard: pathArea ?? guardOfCode(String(module[method]))
				});
		}
	}
	for (const path of manifest._.prerendered_routes)
		if (!path.endsWith('.json'))
			points.push({ routeId: path, path, kind: 'page', method: 'GET', url: path, guard: 'public' });
	return points;
}

/** Values for the route parameters, read from the test server's own database. */
export function paramValues(dataDir: string): Record<string, string> {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const one = (sql: string) => (db.prepare(sql).get() as { v: string }).v;
		return {
			'[slug]': one(`select slug as v from briefing where slug = 'your-safety-on-our-ward'`),
			'[organisation]': one(
				`select o.slug as v from organisation o join briefing b on b.organisation_id = o.id
				 where b.slug = 'your-safety-on-our-ward' order by o.created_at limit 1`
			),
			// Ids that exist nowhere: the fuzz reaches every action's guards and reading, and an
			// action that needs no input (archive, submit…) has nothing to act on.
			'briefings/[id]': randomUUID(),
			'groups/[id]': randomUUID(),
			'deliveries/[id]': randomUUID(),
			'aims/[id]': randomUUID(),
			'organisations/[id]': randomUUID(),
			'staff/[id]': randomUUID(),
			'wards/[id]': randomUUID(),
			'library/[id]': randomUUID(),
			'[number]': '1',
			'[format]': 'leaflet',
			'[language]': 'en',
			'[measure]': 'coverage',
			'[token]': 'AAAAAAAAAAAAAAAAAAAAAA',
			'[file]': `${'0'.repeat(64)}.mp4`
		};
	} finally {
		db.close();
	}
}

/** Tables that hold what people store; bookkeeping (throttles, sessions, caches) is left out. */
const BOOKKEEPING = new Set([
	'rate_limit_window',
	'sign_in_attempt',
	'session',
	'measure_day_count',
	'measure_day_count_state',
	'kysely_migration',
	'kysely_migration_lock',
	'oidc_login'
]);

/** Rows in each table that holds stored content, to compare before and after. */
export function storedRows(dataDir: string): Record<string, number> {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const tables = db
			.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
			.all() as Array<{ name: string }>;
		return Object.fromEntries(
			tables
				.filter((t) => !BOOKKEEPING.has(t.name))
				.map((t) => [
					t.name,
					(db.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n
				])
		);
	} finally {
		db.close();
	}
}

export type Who = 'anonymous' | Role;

const accounts: Record<Role, { email: string; password: string }> = {
	admin: demo.admin,
	engagementLead: demo.lead,
	clinicalReviewer: demo.reviewer,
	wardStaff: demo.ward,
	platformAdmin: demo.platform,
	regionalLead: demo.regional
};

/** A request context for `who`, signed in through the real sign-in form. */
export async function contextFor(origin: string, who: Who): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({
		baseURL: origin,
		// As a browser's form without JavaScript; the fuzz varies it.
		extraHTTPHeaders: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	if (who === 'anonymous') return context;
	const answer = await context.post('/sign-in', { form: accounts[who] });
	if (answer.status() !== 303) throw new Error(`${who} could not sign in: ${answer.status()}`);
	return context;
}

/** Whether `who` may use an entry point guarded by `guard`. */
export function mayPass(guard: Guard, who: Who): boolean {
	if (guard === 'public') return true;
	if (who === 'anonymous') return false;
	return guard === 'signedIn' || (areaRoles[guard] as readonly Role[]).includes(who);
}
