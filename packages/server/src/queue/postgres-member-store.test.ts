import { openPostgresStorage, type PostgresStorage } from '@flowloom/adapters/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../adapters/src/postgres/testing/throwaway-postgres.js';
import { ApiError } from '../errors/api.error.js';
import { Members } from '../members/members.js';
import { describeMemberStore } from '../testing/member-store-suite.js';
import { postgresMemberStore, postgresMemberTable } from './postgres-member-store.js';
import { openPostgresServerStores } from './postgres-server-stores.js';

// A throwaway cluster, or a fresh database on the server FLOWLOOM_TEST_POSTGRES_URL names.
let postgres: ThrowawayPostgres;
let one: PostgresStorage;
let two: PostgresStorage;
beforeAll(async () => {
  postgres = await startThrowawayPostgres();
  // Two storages over one schema, each with its own pool: two processes of one installation.
  one = await openPostgresStorage({ connectionString: postgres.url, schema: 'flowloom', max: 4 });
  two = await openPostgresStorage({ connectionString: postgres.url, schema: 'flowloom', max: 4 });
});
afterAll(async () => {
  await one?.close();
  await two?.close();
  await postgres?.stop();
});

// Each store of the contract's tests in a schema of its own.
let n = 0;
describeMemberStore('PostgreSQL', async () => {
  const schema = `"members_${n++}"`;
  await one.pool.query(`CREATE SCHEMA ${schema}`);
  await one.pool.query(postgresMemberTable(schema));
  return postgresMemberStore(one.pool, schema);
});

describe('the PostgreSQL member store', () => {
  it('is shared by the processes of an installation, changes from each following one another', async () => {
    const [a, b] = [(await openPostgresServerStores(one)).members, (await openPostgresServerStores(two)).members];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).update('acme', (directory) => {
          directory.members.push({ userId: `u-${i}`, role: 'viewer', joinedAt: 'x', updatedAt: 'x' });
          return { directory, result: undefined };
        }),
      ),
    );
    expect((await b.read('acme')).members).toHaveLength(20);
    expect((await a.read('globex')).members).toEqual([]);
  });

  it('admits one user with an invite accepted by two at once from two processes', async () => {
    const [a, b] = [new Members((await openPostgresServerStores(one)).members), new Members((await openPostgresServerStores(two)).members)];
    const { token } = await a.invite('initech', { email: 'race@example.com', role: 'editor' }, 'key_1');
    const outcomes = await Promise.allSettled([a.accept('initech', token, 'u-a'), b.accept('initech', token, 'u-b')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')?.reason as ApiError;
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused.code).toBe('INVITE_USED');
    expect((await a.read('initech')).members).toHaveLength(1);
  });
});
