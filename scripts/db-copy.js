// `npm run db:copy -- --from <sqlite file> --to <postgres url> [--replace]`: copies an install
// into PostgreSQL (src/lib/server/cli/db-copy.ts), built as scripts/cli-build.js explains.
import { runCli } from './cli-build.js';

await runCli('db-copy');
