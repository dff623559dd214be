// Dexie needs IndexedDB: unit tests get an in-memory one.
import 'fake-indexeddb/auto';

// The server's JSON log (operations/log.ts) stays quiet in unit tests unless asked for.
process.env.LOG_LEVEL ??= 'silent';
