// A notebook-style reader of the warehouse: DuckDB's own Node.js client
// opens the snapshot (disclosure.snapshot.duckdb beside disclosure.duckdb)
// read-only, as a notebook, R or the DuckDB CLI would, and counts rows.
//
//   node check.mjs SNAPSHOT           read once and exit
//   node check.mjs --hold SNAPSHOT    read, keep the file open until stdin ends, read again
//
// --hold shows that a reader with the snapshot open does not stop the
// pipeline from publishing a new one (it keeps reading the copy it opened).
// Each read prints one line:
//   read SNAPSHOT: N reports, M rows in requests_summary (government 2, town 1)
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
const hold = args[0] === '--hold';
const path = hold ? args[1] : args[0];
if (!path) {
  console.error('usage: node check.mjs [--hold] SNAPSHOT');
  process.exit(2);
}

async function read(connection) {
  const reports = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM reports');
  const kinds = await connection.runAndReadAll(`SELECT coalesce(agency_kind, '?') AS kind, count(*)::INTEGER AS n
    FROM requests_summary GROUP BY ALL ORDER BY n DESC, kind`);
  const byKind = kinds.getRowObjectsJS();
  const rows = byKind.reduce((sum, r) => sum + r.n, 0);
  const detail = byKind.map((r) => `${r.kind} ${r.n}`).join(', ');
  console.log(`read ${path}: ${reports.getRowObjectsJS()[0].n} reports, ${rows} rows in requests_summary (${detail})`);
}

async function stdinEnds() {
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on('end', resolve));
}

try {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  await read(connection);
  if (hold) {
    await stdinEnds();
    await read(connection);
  }
  connection.closeSync();
  instance.closeSync();
} catch (err) {
  console.error(`${path}: ${err.message}`);
  process.exit(1);
}
