import { Migrator, sql, type Kysely, type Migration, type MigrationResult } from 'kysely';
import { DatabaseError } from './database-error.js';
import type { Dialect } from './database-tables.js';

/**
 * The schema's history, oldest first (the Migrator runs them in name order). The same migrations run on
 * both dialects; only an auto-numbered key is written differently.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-submissions-documents-flags-events': {
      // A migration sees the tables as they were when it was written, not today's types.
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('submissions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('insured_name', 'text')
          // The last four digits only: a whole tax id is kept nowhere but inside submission_json.
          .addColumn('fein_last4', 'text', (c) => c.check(sql`length(fein_last4) = 4`))
          .addColumn('effective_date', 'text')
          .addColumn('broker_name', 'text')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('packet_folder', 'text')
          .addColumn('submission_json', 'text')
          .addColumn('report_json', 'text')
          .addColumn('outcome_json', 'text')
          .addColumn('duplicate_of', 'text', (c) => c.references('submissions.id'))
          .execute();
        await db.schema.createIndex('submissions_by_received').on('submissions').columns(['received_at', 'id']).execute();
        await db.schema.createIndex('submissions_by_state').on('submissions').columns(['state', 'received_at']).execute();

        await db.schema
          .createTable('documents')
          .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('file_name', 'text', (c) => c.notNull())
          .addColumn('byte_size', 'bigint', (c) => c.notNull())
          .addColumn('store_path', 'text', (c) => c.notNull())
          .addColumn('kind', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('error_code', 'text')
          .addColumn('error_message', 'text')
          .addColumn('error_retryable', 'integer')
          .addPrimaryKeyConstraint('documents_pk', ['submission_id', 'sha256'])
          .execute();
        // Duplicate detection looks documents up by their bytes' hash alone.
        await db.schema.createIndex('documents_by_sha256').on('documents').column('sha256').execute();

        await db.schema
          .createTable('flags')
          .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
          .addColumn('flag_id', 'text', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('needed_for', 'text', (c) => c.notNull())
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('value', 'text')
          .addColumn('source_json', 'text')
          .addColumn('resolution_json', 'text')
          .addPrimaryKeyConstraint('flags_pk', ['submission_id', 'flag_id'])
          .execute();

        await db.schema
          .createTable('events')
          .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('detail_json', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('events_by_submission').on('events').columns(['submission_id', 'id']).execute();
      },
    },
    '0002-intake-keys': {
      // What the inbox took, by its key (an original's sha256, or the hash of a folder's, zip's or group's
      // originals): the same entry dropped again after a restart is known as a duplicate.
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('intake_keys')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
          .addColumn('taken_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0003-clearance': {
      // Each submission's clearance keys, and its name words and ZIPs as terms ("W:ACME", "Z:62704"):
      // a new submission's candidates are found through the terms' index, not by reading every name.
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('clearance_keys')
          .addColumn('submission_id', 'text', (c) => c.primaryKey().references('submissions.id').onDelete('cascade'))
          .addColumn('tax_id_hash', 'text')
          .addColumn('name_key', 'text', (c) => c.notNull())
          .addColumn('keys_json', 'text', (c) => c.notNull())
          .addColumn('complete_at', 'text')
          .addColumn('result_json', 'text')
          .execute();
        await db.schema.createIndex('clearance_by_tax_id').on('clearance_keys').column('tax_id_hash').execute();
        await db.schema.createIndex('clearance_by_name').on('clearance_keys').column('name_key').execute();
        await db.schema
          .createTable('clearance_terms')
          .addColumn('term', 'text', (c) => c.notNull())
          .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
          .addPrimaryKeyConstraint('clearance_terms_pk', ['term', 'submission_id'])
          .execute();
        await db.schema.createIndex('clearance_terms_by_submission').on('clearance_terms').column('submission_id').execute();
      },
    },
    '0004-renewal-diff': {
      // The renewal diff is worked out once, when the submission is finished (its previous submission may be
      // gone from the look-back by the time it is reassembled), and kept beside its clearance.
      async up(db: Kysely<any>) {
        await db.schema.alterTable('clearance_keys').addColumn('renewal_json', 'text').execute();
      },
    },
  };
}

/**
 * On PostgreSQL, the schema the tables go in (the first of the search_path). The Migrator must be told it:
 * it looks for its own tables in every schema, so another schema's history in the same database would
 * pass for this one's.
 */
async function migrationSchema(db: Kysely<any>, dialect: Dialect, where: string): Promise<{ migrationTableSchema?: string }> {
  if (dialect !== 'postgres') return {};
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new DatabaseError('migration-failed', `${where}: the search_path names no schema that exists; create it or fix the options in DATABASE_URL`);
  return { migrationTableSchema: schema };
}

/** Brings the tables up to date; returns the migrations it ran (none when they already were). */
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect, where: string): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(dialect) }, ...(await migrationSchema(db, dialect, where)) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const detail = error instanceof Error ? error.message : String(error);
    throw new DatabaseError('migration-failed', `${where}: could not update the tables${failed ? ` (migration ${failed})` : ''}: ${detail}. Check the database user may create tables, or restore the database from a backup.`, { cause: error });
  }
  return results;
}
