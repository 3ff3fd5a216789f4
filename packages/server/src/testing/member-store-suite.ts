// Test support: what every MemberStore must do, run against each implementation by its own test file.
import { describe, expect, it } from 'vitest';
import type { MemberRecord, MemberStore } from '../members/member-store.js';

const member = (userId: string): MemberRecord => ({
  userId,
  role: 'viewer',
  joinedAt: '2026-06-01T12:00:00.000Z',
  updatedAt: '2026-06-01T12:00:00.000Z',
});

/** Runs the store contract's tests against `create` (a fresh, empty store each time). */
export function describeMemberStore(name: string, create: () => Promise<MemberStore>): void {
  describe(`${name} member store`, () => {
    it('reads an empty directory for a tenant it has never seen', async () => {
      const store = await create();
      expect(await store.read('acme')).toEqual({ members: [], teams: [], invites: [], workspaces: [] });
    });

    it('keeps the directory a change returns, and resolves with the change’s result', async () => {
      const store = await create();
      const result = await store.update('acme', (directory) => {
        directory.members.push(member('u-1'));
        directory.teams.push({ id: 't-1', name: 'Ops', memberIds: ['u-1'], createdAt: 'x', updatedAt: 'x' });
        return { directory, result: 'done' };
      });
      expect(result).toBe('done');
      const read = await store.read('acme');
      expect(read.members).toEqual([member('u-1')]);
      expect(read.teams).toEqual([{ id: 't-1', name: 'Ops', memberIds: ['u-1'], createdAt: 'x', updatedAt: 'x' }]);
    });

    it('keeps each tenant’s directory apart', async () => {
      const store = await create();
      await store.update('acme', (directory) => ({ directory: { ...directory, members: [member('u-acme')] }, result: undefined }));
      await store.update('globex', (directory) => ({ directory: { ...directory, members: [member('u-globex')] }, result: undefined }));
      expect((await store.read('acme')).members.map((m) => m.userId)).toEqual(['u-acme']);
      expect((await store.read('globex')).members.map((m) => m.userId)).toEqual(['u-globex']);
    });

    it('keeps nothing of a change that throws, and rejects with its error', async () => {
      const store = await create();
      await store.update('acme', (directory) => ({ directory: { ...directory, members: [member('u-1')] }, result: undefined }));
      const refused = store.update('acme', (directory) => {
        directory.members.push(member('u-2'));
        throw new Error('refused');
      });
      await expect(refused).rejects.toThrow('refused');
      expect((await store.read('acme')).members.map((m) => m.userId)).toEqual(['u-1']);
    });

    it('gives each change the directory as the one before it left it, however many run at once', async () => {
      const store = await create();
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          store.update('acme', (directory) => {
            directory.members.push(member(`u-${i}`));
            return { directory, result: directory.members.length };
          }),
        ),
      );
      expect((await store.read('acme')).members).toHaveLength(25);
    });

    it('hands out copies: changing what it read changes nothing stored', async () => {
      const store = await create();
      await store.update('acme', (directory) => ({ directory: { ...directory, members: [member('u-1')] }, result: undefined }));
      const read = await store.read('acme');
      read.members[0]!.role = 'owner';
      expect((await store.read('acme')).members[0]!.role).toBe('viewer');
    });
  });
}
