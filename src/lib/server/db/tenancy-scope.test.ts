import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Tenancy cannot be forgotten: every query the server builds on a table holding an
 * organisation's data names `organisation_id` (in a where, a join's `on`, or its values), or
 * says on the query, in a `// tenancy:` comment, why it need not (a lookup by a patient's token
 * that then decides the organisation, a service-wide id check). A query joining two such tables
 * must qualify the column, or SQLite refuses it as ambiguous at run time (016 gave six more
 * tables the column).
 *
 * How: the organisation tables are read from schema.ts (each interface with an
 * `organisation_id`); each Kysely chain starting at `db|trx.selectFrom|updateTable|deleteFrom`
 * is read up to its `.execute…` or the end of its statement. Subqueries built on `eb` are part
 * of their outer chain. A chain built up over several statements must carry the comment.
 */

const root = join(import.meta.dirname, '..');
const schema = readFileSync(join(import.meta.dirname, 'schema.ts'), 'utf8');

function organisationTables(): Set<string> {
	const withColumn = new Set(
		[...schema.matchAll(/export interface (\w+) \{([^}]*)\}/g)]
			.filter(([, , body]) => /\n\s*organisation_id: /.test(body ?? ''))
			.map(([, name]) => name)
	);
	const database = schema.slice(schema.indexOf('export interface Database'));
	return new Set(
		[...database.matchAll(/(\w+): (\w+);/g)]
			.filter(([, , type]) => withColumn.has(type ?? ''))
			.map(([, table]) => table as string)
	);
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		// Migrations and test helpers work on the whole database by design.
		if (entry.isDirectory())
			return ['migrations', 'test-support'].includes(entry.name) ? [] : sourceFiles(path);
		return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
	});
}

/** The text of each chain: from its start to its `.execute…`, or where its expression ends. */
export function chains(source: string): Array<{ text: string; line: number }> {
	const found: Array<{ text: string; line: number }> = [];
	for (const match of source.matchAll(
		/\b(?:db|trx)\s*\.\s*(?:selectFrom|updateTable|deleteFrom)\(/g
	)) {
		let depth = 0;
		let end = match.index;
		for (; end < source.length; end++) {
			const c = source[end];
			if (c === '(' || c === '[' || c === '{') depth++;
			else if (c === ')' || c === ']' || c === '}') {
				if (--depth < 0) break;
			} else if (depth === 0 && (c === ';' || source.startsWith('.execute', end))) break;
		}
		// The rest of the line too, for a trailing `// tenancy:` comment.
		const lineEnd = source.indexOf('\n', end);
		found.push({
			text: source.slice(match.index, lineEnd === -1 ? undefined : lineEnd),
			line: source.slice(0, match.index).split('\n').length
		});
	}
	return found;
}

export function problems(chain: string, tables: Set<string>): string[] {
	const named = [
		...chain.matchAll(/(?:selectFrom|updateTable|deleteFrom|Join)\(\s*'(\w+)(?: as (\w+))?'/g)
	]
		.map(([, table]) => table as string)
		.filter((table) => tables.has(table));
	if (named.length === 0 || /\/\/ tenancy: /.test(chain)) return [];
	const out: string[] = [];
	if (!/organisation_id|organisationId/.test(chain)) out.push('not scoped by organisation_id');
	if (new Set(named).size > 1 && /'organisation_id'/.test(chain))
		out.push('unqualified organisation_id in a join of organisation tables');
	return out;
}

describe('tenancy: every query on an organisation table is scoped', () => {
	const tables = organisationTables();

	it('reads the organisation tables from the schema', () => {
		expect([...tables]).toEqual(
			expect.arrayContaining(['briefing', 'briefing_version', 'patient_link', 'patient_view_event'])
		);
		expect(tables.has('session')).toBe(false);
	});

	it('finds an unscoped query and an ambiguous column (the check can fail)', () => {
		const unscoped = `await db.selectFrom('briefing_version').selectAll().where('id', '=', id).execute();`;
		expect(chains(unscoped).flatMap((c) => problems(c.text, tables))).toEqual([
			'not scoped by organisation_id'
		]);
		const ambiguous = `await db.selectFrom('briefing').innerJoin('briefing_version', 'briefing_version.briefing_id', 'briefing.id').where('organisation_id', '=', o).execute();`;
		expect(chains(ambiguous).flatMap((c) => problems(c.text, tables))).toEqual([
			'unqualified organisation_id in a join of organisation tables'
		]);
	});

	it('holds in every server module', () => {
		const found = sourceFiles(root).flatMap((file) =>
			chains(readFileSync(file, 'utf8')).flatMap(({ text, line }) =>
				problems(text, tables).map((problem) => `${relative(root, file)}:${line}: ${problem}`)
			)
		);
		expect(found).toEqual([]);
	});
});
