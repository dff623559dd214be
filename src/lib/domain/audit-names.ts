import { isFacts, type AuditDetailKey, type AuditSubjectType } from './audit-detail';

/*
 * The names an audit entry's ids stand for: its subject ("Version 3 of Call don't fall") and
 * each fact holding ids (a briefing, wards, patient groups, a library item). The server looks
 * them up a page at a time, one query a kind, only in the entry's own organisation; an id it
 * does not find there (deleted, or never the organisation's) is null and reads "a briefing since
 * deleted", never as the id. The stored detail is never rewritten: names sit beside it.
 */

/** The kinds of thing an id in the audit trail can be named as. */
export const auditNamedKinds = [
	'aim',
	'briefing',
	'briefing_version',
	'library_item',
	'library_lesson',
	'measure_annotation',
	'organisation',
	'patient_group',
	'region',
	'staff_account',
	'ward'
] as const satisfies readonly AuditSubjectType[];
export type AuditNamedKind = (typeof auditNamedKinds)[number];

/** What an id is called (a version: its briefing's topic and its number); null: not known. */
export type AuditName = { name: string; number?: number } | null;
/** The names of a page's ids, by kind and id. */
export type AuditNames = Partial<Record<AuditNamedKind, Record<string, AuditName>>>;

/** The detail keys whose values are ids (or lists of ids), and of what. */
export const auditIdKeys = {
	briefingId: 'briefing',
	briefings: 'briefing',
	wardId: 'ward',
	wardIds: 'ward',
	patientGroupIds: 'patient_group',
	libraryItem: 'library_item'
} as const satisfies Partial<Record<AuditDetailKey, AuditNamedKind>>;

const namedKinds: ReadonlySet<string> = new Set(auditNamedKinds);
export const isNamedKind = (kind: string): kind is AuditNamedKind => namedKinds.has(kind);

/**
 * The kind of id a detail key holds in an entry about `subjectType`, or undefined when it holds
 * no id: a region joined or left holds the regions' ids as its before and after.
 */
export function idKindOf(key: string, subjectType: string): AuditNamedKind | undefined {
	if (subjectType === 'region' && (key === 'before' || key === 'after')) return 'region';
	return (auditIdKeys as Record<string, AuditNamedKind>)[key];
}

export interface AuditEntryIds {
	subjectType: string;
	subjectId: string;
	detail: Record<string, unknown>;
}

/** Every id the entries refer to, by kind: their subjects' and their facts', at any depth. */
export function auditIds(entries: readonly AuditEntryIds[]): Map<AuditNamedKind, Set<string>> {
	const ids = new Map<AuditNamedKind, Set<string>>();
	const add = (kind: AuditNamedKind, id: unknown) => {
		if (typeof id !== 'string' || id === '') return;
		let set = ids.get(kind);
		if (!set) ids.set(kind, (set = new Set()));
		set.add(id);
	};
	for (const { subjectType, subjectId, detail } of entries) {
		if (isNamedKind(subjectType)) add(subjectType, subjectId);
		const visit = (key: string, value: unknown) => {
			const kind = idKindOf(key, subjectType);
			if (Array.isArray(value)) value.forEach((v) => visit(key, v));
			else if (isFacts(value)) for (const [k, v] of Object.entries(value)) visit(k, v);
			else if (kind) add(kind, value);
		};
		for (const [key, value] of Object.entries(detail)) visit(key, value);
	}
	return ids;
}

/** Of `names`, only those of the ids the entries' facts hold: not their subjects'. */
export function factNames(
	names: AuditNames,
	entries: ReadonlyArray<Pick<AuditEntryIds, 'subjectType' | 'detail'>>
): AuditNames {
	const ids = auditIds(entries.map((e) => ({ ...e, subjectId: '' })));
	return Object.fromEntries(
		[...ids].map(([kind, set]) => [
			kind,
			Object.fromEntries([...set].map((id) => [id, names[kind]?.[id] ?? null]))
		])
	);
}

/**
 * An id's name in words, or undefined when `names` does not hold the id (its kind is not named,
 * or it was not looked up): the caller then shows what it would without a name.
 */
export function nameInWords(
	kind: AuditNamedKind,
	id: string,
	names: AuditNames,
	t: (key: string, options?: Record<string, unknown>) => string
): string | undefined {
	const known = names[kind];
	if (!known || !(id in known)) return undefined;
	const found = known[id];
	if (!found) return t(`admin:administration.audit.names.gone.${kind}`);
	if (kind === 'briefing_version' || kind === 'library_lesson')
		return t(`admin:administration.audit.names.${kind}`, { ...found });
	return found.name;
}
