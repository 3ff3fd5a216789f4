// What the palette needs of Postgres, without loading its node or its credential type.
import { monogram } from '../../kit/icons.js';

/** Postgres as the palette lists it. */
export const postgresInfo = {
  id: 'postgres',
  displayName: 'Postgres',
  description: 'Run SQL queries and insert, update, upsert, select or delete rows in a PostgreSQL database (Node.js only).',
  icon: monogram('Pg', '336791'),
  docsUrl: 'https://www.postgresql.org/docs/current/sql-commands.html',
};
