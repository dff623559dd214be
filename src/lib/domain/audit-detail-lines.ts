import { auditDetailKey, isFacts } from './audit-detail';
import { idKindOf, nameInWords, type AuditNames } from './audit-names';

/*
 * An audit entry's detail as lines in words (the admin's audit trail, the platform's view of an
 * organisation's): apart from audit-detail.ts, which the server's every audited step imports,
 * so that only the pages showing the lines name the admin namespace's words.
 */

export interface AuditWords {
	/** The page's translator (the admin and common namespaces). */
	t: (key: string, options?: Record<string, unknown>) => string;
	formatDate: (iso: string, style?: 'dateTime' | 'date') => string;
	/** A content language's name for its code. */
	languageName: (code: string) => string;
	/** The names of the page's ids (audit-names.ts); without them, an id shows as stored. */
	names?: AuditNames;
}

export interface AuditDetailLine {
	label: string;
	value: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const languageKeys = new Set(['language', 'captions', 'defaultLanguages']);
const roleKeys = new Set(['role', 'groupRole']);
/** Keys whose values are codes with words of their own (`administration.audit.values`). */
const codeKeys = new Set(['format', 'reason', 'source', 'chart', 'change', 'fields']);
/** A code, not a sentence: a lead's own reason for setting a record aside is shown as written. */
const CODE = /^[a-zA-Z]+$/;

/**
 * The detail of an audit entry as lines in words: each fact a label and a value; a change
 * (`before` and `after` holding facts) one line a fact, "before → after" where it changed.
 * Dates read in the reader's language, yes and no in words, formats, reasons and other codes
 * in words (a code without words, as stored), ids as their names ("a briefing since deleted"
 * when the organisation has no such briefing). `subjectType` is what the entry is about: a
 * region's before and after are regions' ids.
 */
export function auditDetailLines(
	detail: Record<string, unknown>,
	words: AuditWords,
	subjectType = ''
): AuditDetailLine[] {
	const { t } = words;
	const label = (key: string) => t(`admin:${auditDetailKey(key)}`, { defaultValue: key });
	const shown = (key: string, value: unknown): string => {
		if (value === null || value === undefined || value === '') return '–';
		if (typeof value === 'boolean') return t(`admin:administration.audit.${value ? 'yes' : 'no'}`);
		if (Array.isArray(value))
			return value.length
				? value.map((v) => shown(key, v)).join(isFacts(value[0]) ? '; ' : ', ')
				: '–';
		if (isFacts(value))
			return Object.entries(value)
				.map(([k, v]) =>
					t('admin:administration.audit.line', { label: label(k), value: shown(k, v) })
				)
				.join(', ');
		const text = String(value);
		if (typeof value === 'string') {
			const kind = idKindOf(key, subjectType);
			const named = kind && words.names && nameInWords(kind, text, words.names, t);
			if (named) return named;
			if (languageKeys.has(key)) return words.languageName(text);
			if (roleKeys.has(key)) return t(`common:role.${text}`, { defaultValue: text });
			if (codeKeys.has(key) && CODE.test(text))
				return t(`admin:administration.audit.values.${key}.${text}`, { defaultValue: text });
			if (INSTANT.test(text)) return words.formatDate(text, 'dateTime');
			if (DAY.test(text)) return words.formatDate(text, 'date');
		}
		return text;
	};
	const lines: AuditDetailLine[] = [];
	const { before, after, ...rest } = detail;
	const changeOfFacts =
		(isFacts(before) || isFacts(after)) &&
		(isFacts(before) || before == null) &&
		(isFacts(after) || after == null);
	if (changeOfFacts) {
		const was = (before ?? {}) as Record<string, unknown>;
		const now = (after ?? {}) as Record<string, unknown>;
		const both = isFacts(before) && isFacts(after);
		for (const key of new Set([...Object.keys(now), ...Object.keys(was)])) {
			const from = shown(key, was[key]);
			const to = shown(key, now[key]);
			const value = !both
				? isFacts(after)
					? to
					: from
				: from === to
					? to
					: t('admin:administration.audit.changed', { before: from, after: to });
			lines.push({ label: label(key), value });
		}
	} else {
		if ('before' in detail) lines.push({ label: label('before'), value: shown('before', before) });
		if ('after' in detail) lines.push({ label: label('after'), value: shown('after', after) });
	}
	for (const [key, value] of Object.entries(rest))
		lines.push({ label: label(key), value: shown(key, value) });
	return lines;
}
