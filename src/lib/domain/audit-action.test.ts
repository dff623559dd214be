import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionKey, auditActions } from './audit-action';
import { uiLanguages } from './language';

const localesDir = join(import.meta.dirname, '../../../locales');
// The audit log is a staff page: in the staff interface languages (patient-only ones have no admin.json).
const languages = uiLanguages;

function lookup(tree: unknown, dotted: string): unknown {
	return dotted
		.split('.')
		.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
}

describe('audit action labels', () => {
	it('lists each action once', () => {
		expect(new Set(auditActions).size).toBe(auditActions.length);
	});

	it.each(languages)('gives every action written words in %s', (language) => {
		const admin: unknown = JSON.parse(
			readFileSync(join(localesDir, language, 'admin.json'), 'utf8')
		);
		const missing = auditActions.filter((action) => {
			const words = lookup(admin, auditActionKey(action));
			return typeof words !== 'string' || words.trim() === '';
		});
		expect(missing).toEqual([]);
	});
});
