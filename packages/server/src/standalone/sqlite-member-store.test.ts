import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Members } from '../members/members.js';
import { describeMemberStore } from '../testing/member-store-suite.js';
import { openSqliteServerStores, type SqliteServerStores } from './sqlite-server-stores.js';

const dir = mkdtempSync(join(tmpdir(), 'flowloom-member-store-'));
const opened: SqliteServerStores[] = [];
afterAll(() => {
  for (const stores of opened) stores.close();
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
const open = async (file = join(dir, `members-${n++}.sqlite`)) => {
  const stores = await openSqliteServerStores(file);
  opened.push(stores);
  return stores;
};

describeMemberStore('SQLite', async () => (await open()).members);

describe('the SQLite member store', () => {
  it('keeps members, teams and invites across a reopen of the file', async () => {
    const file = join(dir, 'reopen.sqlite');
    const first = await open(file);
    const members = new Members(first.members);
    const team = await members.createTeam('acme', { name: 'Ops' });
    const { token } = await members.invite('acme', { email: 'ada@example.com', role: 'editor', teamIds: [team.id] }, 'key_1');
    first.close();

    const second = await open(file);
    const again = new Members(second.members);
    const { member } = await again.accept('acme', token, 'u-ada');
    expect(member).toMatchObject({ userId: 'u-ada', role: 'editor', teamIds: [team.id] });
    expect((await second.members.read('globex')).members).toEqual([]);
  });

  it('lets two connections to one file change a tenant in turn, neither losing the other’s change', async () => {
    const file = join(dir, 'shared.sqlite');
    const [a, b] = [await open(file), await open(file)];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).members.update('acme', (directory) => {
          directory.members.push({ userId: `u-${i}`, role: 'viewer', joinedAt: 'x', updatedAt: 'x' });
          return { directory, result: undefined };
        }),
      ),
    );
    expect((await a.members.read('acme')).members).toHaveLength(20);
  });
});
