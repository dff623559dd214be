import { readConfig, type Config } from './config';
import { migrate, openDatabase, type Db } from './db/database';
import { ensureInitialData } from './seed/initial-data';

export interface ServerApp {
	db: Db;
	config: Config;
}

/** Opens the database, applies migrations and seeds on first start. */
export async function startServerApp(
	env: Record<string, string | undefined>,
	log: (line: string) => void = console.log
): Promise<ServerApp> {
	const config = readConfig(env);
	const db = openDatabase(config.databaseFile);
	const applied = await migrate(db);
	if (applied.length) log(`Database ${config.databaseFile}: applied ${applied.join(', ')}`);
	await ensureInitialData(db, config, log);
	return { db, config };
}
