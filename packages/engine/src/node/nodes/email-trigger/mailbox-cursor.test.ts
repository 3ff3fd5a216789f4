import { describe, expect, it } from 'vitest';
import { chooseUids, nextCursor, startAfter } from './mailbox-cursor.js';

describe('where the Email Trigger reads from', () => {
  it('starts after the cursor of the same UIDVALIDITY', () => {
    expect(startAfter({ uidValidity: '7', lastUid: 41 }, '7')).toBe(41);
  });

  it('starts over when the mailbox was rebuilt (another UIDVALIDITY) or there is no cursor', () => {
    expect(startAfter({ uidValidity: '7', lastUid: 41 }, '8')).toBeUndefined();
    expect(startAfter(undefined, '7')).toBeUndefined();
    expect(startAfter({ lastUid: 3 }, '7')).toBeUndefined();
  });

  it('reads only UIDs after the cursor, oldest first (a search from n:* also returns the last message)', () => {
    expect(chooseUids([44, 41, 42], 41, 50)).toEqual([42, 44]);
    expect(chooseUids([41], 41, 50)).toEqual([]);
  });

  it('reads at most the limit: the oldest, so the next poll goes on, or the newest for a manual run', () => {
    expect(chooseUids([5, 1, 4, 2, 3], undefined, 2)).toEqual([1, 2]);
    expect(chooseUids([5, 1, 4, 2, 3], undefined, 2, true)).toEqual([4, 5]);
  });

  it('moves the cursor past what was read, or keeps it', () => {
    expect(nextCursor('7', 41, [42, 44])).toEqual({ uidValidity: '7', lastUid: 44 });
    expect(nextCursor('7', 41, [])).toEqual({ uidValidity: '7', lastUid: 41 });
    expect(nextCursor('8', undefined, [])).toEqual({ uidValidity: '8', lastUid: 0 });
  });
});
