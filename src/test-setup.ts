// Dexie needs IndexedDB: unit tests get an in-memory one.
import 'fake-indexeddb/auto';
