/*
 * What an audit entry is about, and its facts, in words for an organisation's admin (who is not
 * a developer): the subject's kind ("Library item", not `library_item`) and each fact of the
 * detail as a label and a value ("Library version: 1"), never the stored JSON.
 *
 * recordAudit (server/repositories/audit.ts) takes only the subject types listed here and a
 * detail whose keys are listed here (AuditFacts), at any depth: the type checker refuses any
 * other key written in the code. A detail whose keys are known only when it runs (a diff of
 * settings) is checked then too: under test its write fails. So each key written has words,
 * which audit-detail.test.ts proves in every staff language.
 * An older row may hold a key no longer written: it shows as stored.
 */

/** Every kind of subject the audit trail records. */
export const auditSubjectTypes = [
	'admissions',
	'aim',
	'briefing',
	'briefing_version',
	'delivery_record',
	'library_item',
	'library_lesson',
	'measure',
	'measure_annotation',
	'measure_setting',
	'organisation',
	'organisation_sso',
	'patient_group',
	'region',
	'staff_account',
	'ward'
] as const;
export type AuditSubjectType = (typeof auditSubjectTypes)[number];

/** Every key an audit entry's detail holds, at any depth (`before` and `after` hold facts). */
export const auditDetailKeys = [
	// A change: the facts before it and after it.
	'before',
	'after',
	// Briefings and their versions.
	'briefingId',
	'number',
	'topic',
	'slug',
	'copiedFrom',
	'comment',
	'format',
	'language',
	'captions',
	'partial',
	'from',
	'path',
	'fields',
	'sourceSlug',
	'sourceVersion',
	'licence',
	// Patient groups.
	'name',
	'briefings',
	'change',
	// The shared library.
	'libraryItem',
	'libraryVersion',
	'version',
	'measure',
	'weeks',
	// Aims, chart notes and settings, admissions.
	'title',
	'target',
	'dueBy',
	'wardIds',
	'patientGroupIds',
	'outcome',
	'on',
	'was',
	'onDate',
	'text',
	'wardId',
	'chart',
	'baselinePoints',
	'rebaseAt',
	'rows',
	'replaced',
	'source',
	// Records held for checking.
	'reason',
	// People and wards.
	'email',
	'displayName',
	'role',
	'disabled',
	'sessionsEnded',
	'expiresAt',
	'purpose',
	'failedAttemptsCleared',
	'specialty',
	'code',
	'site',
	'retiredAt',
	// Single sign-on.
	'group',
	'groupRole',
	'claim',
	'issuer',
	'clientId',
	'clientAuth',
	'allowedDomains',
	'roleClaim',
	'roleMap',
	'enabled',
	'secretChanged',
	'keyBefore',
	'keyAfter',
	// The organisation: its settings, its retention, as the platform keeps it.
	'contact',
	'defaultLanguages',
	'timeZone',
	'records',
	'feedback',
	'audit',
	'odsCode',
	'suspended',
	// The region.
	'period',
	'measures',
	'fingerprint'
] as const;
export type AuditDetailKey = (typeof auditDetailKeys)[number];

/** One fact of an audit entry's detail: a value, a list, or facts of its own (before, after). */
export type AuditFact =
	string | number | boolean | null | undefined | readonly AuditFact[] | AuditFacts;
/** An audit entry's detail: only keys the admin's page has words for (checked by tsc). */
export type AuditFacts = { readonly [K in AuditDetailKey]?: AuditFact };

const listedKeys: ReadonlySet<string> = new Set(auditDetailKeys);

/** The admin namespace's key of a subject type's words. */
export const auditSubjectKey = (type: string) => `administration.audit.subjects.${type}`;
/** The admin namespace's key of a detail key's label. */
export const auditDetailKey = (key: string) => `administration.audit.details.${key}`;

export const isFacts = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The keys of `detail`, at any depth, that have no words here (recordAudit refuses them). */
export function unlistedDetailKeys(detail: unknown): string[] {
	const found = new Set<string>();
	const visit = (value: unknown) => {
		if (Array.isArray(value)) value.forEach(visit);
		else if (isFacts(value))
			for (const [key, inner] of Object.entries(value)) {
				if (!listedKeys.has(key)) found.add(key);
				visit(inner);
			}
	};
	visit(detail);
	return [...found];
}
