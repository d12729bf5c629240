import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/db/open-database.js';

/**
 * PostgreSQL for these tests: TEST_DATABASE_URL when set (it must answer), else the local server these
 * machines run, as root or as postgres. Null, with the reason printed, when there is none.
 */
export async function findPostgres(): Promise<string | null> {
  const given = process.env.TEST_DATABASE_URL;
  const candidates = given ? [given] : ['postgres://root@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'];
  const failures: string[] = [];
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return url;
    } catch (err) {
      failures.push(`${url.replace(/:[^:@/]*@/, ':***@')}: ${(err as Error).message || (err as { code?: string }).code}`);
      await client.end().catch(() => {});
    }
  }
  if (given) throw new Error(`TEST_DATABASE_URL does not answer (${failures.join('; ')})`);
  console.warn(`PostgreSQL tests skipped: no server answers (${failures.join('; ')}); set TEST_DATABASE_URL to run them`);
  return null;
}

/** A dialect to run the suite on: each `fresh()` is an empty database (a temp folder, or a new PostgreSQL schema). */
export type Target = { name: string; fresh(): Promise<DatabaseConfig>; cleanup(): Promise<void> };

export function sqliteTarget(): Target {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    async fresh() {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'acord-db-'));
      dirs.push(dataDir);
      return { dataDir };
    },
    async cleanup() {
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

export function postgresTarget(baseUrl: string): Target {
  const schemas: string[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL',
    async fresh() {
      const schema = `acord_test_${randomBytes(6).toString('hex')}`;
      await admin(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      const url = new URL(baseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return { databaseUrl: url.toString(), dataDir: path.join(tmpdir(), 'unused-with-postgres') };
    },
    async cleanup() {
      for (const schema of schemas) await admin(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

