import type { TextDirection } from '$lib/domain/language';

/** What every format's editor is given besides its draft. */
export interface EditorContext {
	language: string;
	dir: TextDirection;
	/** The English text of each field, by field name, when editing a translation. */
	english: Record<string, string> | null;
	/** The translated error for a field, if it has one. */
	errorOf: (field: string) => string | undefined;
	label: (key: string, values?: Record<string, unknown>) => string;
	onintent: (intent: string) => void;
	symbols: ReadonlyArray<{ id: string; alt: string; annotation: string }>;
	uploadMaxBytes: number;
	/** A recording's limit: its own, or the server's upload limit when that is less. */
	audioMaxBytes: number;
}
