import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { Db } from './db.js';
import { DatabaseError } from './database-error.js';
import type { Database } from './database-tables.js';
import { migrateToLatest } from './migrations.js';
import { SqliteImmediateDialect } from './sqlite-immediate-dialect.js';

export type DatabaseConfig = {
  /** A postgres:// or postgresql:// URL (DATABASE_URL); unset or empty for SQLite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
};

export const SQLITE_FILE = 'acord-prep.sqlite';

/** How long a write waits for another process's write to finish before it fails. */
const BUSY_TIMEOUT_MS = 5000;

/** "PostgreSQL at host:port/db": where, never who or with what password. */
function describePostgres(url: URL): string {
  return `PostgreSQL at ${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}`;
}

function openSqlite(dataDir: string): { kysely: Kysely<Database>; where: string } {
  const file = path.join(dataDir, SQLITE_FILE);
  const where = `SQLite at ${file}`;
  let sqlite: BetterSqlite3.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    sqlite = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
    // WAL lets the web read while a worker writes; NORMAL sync is durable across a crash of the process in WAL mode.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (err) {
    throw new DatabaseError('unreachable', `${where}: cannot open it (${(err as Error).message}); check the data folder exists and is writable, or set DATABASE_URL`, { cause: err });
  }
  return { kysely: new Kysely<Database>({ dialect: new SqliteImmediateDialect({ database: sqlite }) }), where };
}

function openPostgres(databaseUrl: string, dataDir: string): { kysely: Kysely<Database>; where: string } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    // Not echoed: the text may hold a password.
    throw new DatabaseError('bad-url', `DATABASE_URL is not a valid URL; write it as postgres://user:password@host:5432/database (percent-encode special characters), or unset it to use SQLite in ${dataDir}`);
  }
  const where = describePostgres(url);
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // An idle connection that breaks (the server restarted) is dropped by the pool and replaced on the next
  // query, whose own error reports the problem; without a listener the event would end the process.
  pool.on('error', () => {});
  return { kysely: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), where };
}

/**
 * The service's database, its tables brought up to date: PostgreSQL when `databaseUrl` is a postgres URL,
 * else the SQLite file `<dataDir>/acord-prep.sqlite`. Open one per process: SQLite's driver is synchronous,
 * so two connections in one process wait on each other's locks without either making progress.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  const url = config.databaseUrl?.trim();
  if (url && !/^postgres(ql)?:\/\//i.test(url)) {
    throw new DatabaseError('bad-url', `DATABASE_URL must be a postgres:// or postgresql:// URL (got "${url.split(':')[0]}:…"); unset it to use SQLite in ${config.dataDir}`);
  }
  const dialect = url ? 'postgres' : 'sqlite';
  const { kysely, where } = url ? openPostgres(url, config.dataDir) : openSqlite(config.dataDir);
  try {
    if (dialect === 'postgres') await reach(kysely, where, config.dataDir);
    await migrateToLatest(kysely, dialect, where);
  } catch (err) {
    await kysely.destroy();
    throw err;
  }
  return new Db(kysely, dialect, where);
}

/** A first query, so that a server that is down or refuses the login is told apart from a failed migration. */
async function reach(kysely: Kysely<Database>, where: string, dataDir: string): Promise<void> {
  try {
    await sql`select 1`.execute(kysely);
  } catch (err) {
    throw new DatabaseError('unreachable', `${where}: cannot connect (${(err as Error).message || (err as { code?: string }).code}); check DATABASE_URL and that the server runs, or unset DATABASE_URL to use SQLite in ${dataDir}`, { cause: err });
  }
}
