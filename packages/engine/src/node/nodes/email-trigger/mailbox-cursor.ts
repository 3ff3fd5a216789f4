/**
 * Where an Email Trigger left off in a mailbox: the mailbox's UIDVALIDITY
 * and the greatest UID it has read. UIDs only grow while UIDVALIDITY stays
 * the same; when it changes (the mailbox was rebuilt), the old UIDs mean
 * nothing and reading starts over.
 */
export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

function isCursor(value: unknown): value is MailboxCursor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as MailboxCursor).uidValidity === 'string' &&
    Number.isInteger((value as MailboxCursor).lastUid)
  );
}

/** The UID to read after, or undefined when there is no cursor for this UIDVALIDITY. */
export function startAfter(cursor: unknown, uidValidity: string): number | undefined {
  return isCursor(cursor) && cursor.uidValidity === uidValidity ? cursor.lastUid : undefined;
}

/**
 * The UIDs to read this time among those the search found: only those after
 * the cursor (a search from `n:*` also returns the last message when its
 * UID is below n), in ascending order, at most `max` of them: the oldest,
 * so the next poll goes on from there, or with `newest` the most recent.
 */
export function chooseUids(found: readonly number[], after: number | undefined, max: number, newest = false): number[] {
  const sorted = [...new Set(found)].filter((uid) => after === undefined || uid > after).sort((a, b) => a - b);
  return newest ? sorted.slice(-max) : sorted.slice(0, max);
}

/** Where the next poll starts: past the UIDs read, or where this one started. */
export function nextCursor(uidValidity: string, after: number | undefined, read: readonly number[]): MailboxCursor {
  return { uidValidity, lastUid: Math.max(after ?? 0, ...read) };
}
