import Dexie, { RangeSet, type IndexableType, type ObservabilitySet, type Table } from 'dexie';

/** One new row for one of the device's tables. */
export interface NewRow {
	table: Table;
	row: object;
}

/**
 * Adds rows to several tables in one IndexedDB transaction: all are kept, or none is (a row
 * whose key is already there, storage full: the error is thrown, nothing written).
 *
 * Outside a Dexie transaction, with the database open, the rows go straight to IndexedDB in a
 * transaction committed as soon as its requests are made (`commit()`), and Dexie's observers
 * are then told what changed as Dexie would tell them (`storagemutated`: this page's liveQuery,
 * the sync's counts, other tabs and the service worker). Through Dexie, the same save took
 * about half as long again on the ward tablet (issue #16, tap-to-saved: Dexie starts a
 * transaction a microtask later, runs each add through its middleware, and commits only once
 * each add's answer has come back to the page). Inside a Dexie transaction (which these rows
 * must join) or with the database closed (Dexie opens it, or says why not), Dexie does it.
 *
 * Nothing else may hook these tables' writes (Dexie's `hook('creating')` and middleware are
 * bypassed), and the device database keeps no liveQuery cache (device-db.ts), which a write
 * made past Dexie would leave stale.
 */
export async function addTogether(db: Dexie, rows: readonly NewRow[]): Promise<void> {
	const transaction = straightTransaction(db, rows);
	if (!transaction) {
		const tables = [...new Set(rows.map((r) => r.table))];
		await db.transaction('rw', tables, () => Promise.all(rows.map((r) => r.table.add(r.row))));
		return;
	}
	await new Promise<void>((resolve, reject) => {
		transaction.oncomplete = () => resolve();
		// A request's error (a key already there) aborts the transaction with that error.
		transaction.onabort = () =>
			reject(transaction.error ?? new DOMException('The rows were not kept', 'AbortError'));
		try {
			for (const { table, row } of rows) transaction.objectStore(table.name).add(row);
			transaction.commit?.();
		} catch (error) {
			// A row IndexedDB cannot take (no valid key, not cloneable): none of them is kept.
			transaction.abort();
			reject(error);
		}
	});
	// A task later, as the confirmation is drawn first; the rows are safe already.
	setTimeout(() => Dexie.on.storagemutated.fire(mutatedParts(db.name, rows)));
}

/** A read-write IndexedDB transaction over the rows' tables, or null where Dexie must do it. */
function straightTransaction(db: Dexie, rows: readonly NewRow[]): IDBTransaction | null {
	if (Dexie.currentTransaction || !db.isOpen()) return null;
	try {
		const stores = [...new Set(rows.map((r) => r.table.name))];
		return db.backendDB().transaction(stores, 'readwrite');
	} catch {
		// Closing for an upgrade, say: Dexie knows what to do then.
		return null;
	}
}

/**
 * What the rows changed, in the form Dexie's own commits announce it: for each table, the new
 * primary keys (`idb://db/table/`) and each index's new keys (`idb://db/table/index`).
 */
export function mutatedParts(dbName: string, rows: readonly NewRow[]): ObservabilitySet {
	const parts = new Map<string, RangeSet>();
	const add = (part: string, keys: IndexableType[]) => {
		if (keys.length > 0) parts.set(part, (parts.get(part) ?? new RangeSet()).addKeys(keys));
	};
	for (const { table, row } of rows) {
		const prefix = `idb://${dbName}/${table.name}/`;
		const { primaryKey, indexes } = table.core.schema;
		add(prefix, keysOf(primaryKey.extractKey?.(row), false));
		// Not Dexie's virtual indexes (a compound index's first part): its reads name the real one.
		for (const index of indexes.filter((i) => (i.lowLevelIndex ?? i).name === i.name))
			add(`${prefix}${index.name}`, keysOf(index.extractKey?.(row), index.multiEntry));
	}
	return Object.fromEntries(parts);
}

/** The index keys a value gives: none when a part is missing (IndexedDB indexes nothing then). */
function keysOf(value: unknown, multiEntry = false): IndexableType[] {
	const valid = (key: unknown): key is IndexableType =>
		key !== undefined &&
		key !== null &&
		typeof key !== 'boolean' &&
		(!Array.isArray(key) || key.every(valid));
	if (multiEntry && Array.isArray(value)) return value.filter(valid);
	return valid(value) ? [value] : [];
}
