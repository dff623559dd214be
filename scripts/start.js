// `npm start`: serves the built toolkit on http://localhost:3000 with its SQLite file under
// ./data (both overridable: PORT, HOST, DATA_DIR; see README).
process.env.PORT ??= '3000';
process.env.DATA_DIR ??= './data';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;

await import('../build/index.js');
console.log(`Patient safety-briefing toolkit: ${process.env.ORIGIN}`);
