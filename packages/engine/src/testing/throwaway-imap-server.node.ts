import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlowloomError } from '../errors/flowloom.error.js';

// A real IMAP server for the Email Trigger's tests: Dovecot (Debian's `dovecot-imapd`), started on a free port of
// 127.0.0.1 with a configuration, users and Maildir folders of its own in a temporary folder, and stopped after.

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((path) => existsSync(path));

/** Why the tests cannot run, or undefined when Dovecot is installed. */
export const IMAP_SERVER_MISSING = DOVECOT
  ? undefined
  : 'The Email Trigger tests need an IMAP server: install Debian’s `dovecot-imapd` package (its /usr/sbin/dovecot is started on a free port of 127.0.0.1).';

/** A running Dovecot with one user. */
export interface ThrowawayImapServer {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Puts a message (RFC 5322 text) in the user's inbox as new mail, the way a delivery agent does. */
  deliver(message: string | Uint8Array): void;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once the port takes a connection, or rejects when the process ends first. */
async function accepting(port: number, child: ChildProcess, log: () => string): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new FlowloomError('IMAP_SERVER_FAILED', `dovecot exited before listening on ${port}: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    // Dovecot forks its listeners in a few milliseconds; ask again at once after a turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Starts Dovecot with one user (`ada`), or throws `IMAP_SERVER_MISSING`. */
export async function startImapServer(): Promise<ThrowawayImapServer> {
  if (!DOVECOT) throw new FlowloomError('IMAP_SERVER_MISSING', IMAP_SERVER_MISSING!);
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-imap-'));
  // Dovecot's auth worker runs as its own user and must read the users file in here.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'ada';
  const password = 'mailbox-password-5678';
  const root = process.getuid?.() === 0;
  // As root, Dovecot's own users run it and mail belongs to nobody; as anyone else, that user runs everything.
  const owner = root ? { uid: 65534, gid: 65534, name: 'nobody' } : { uid: process.getuid!(), gid: process.getgid!(), name: '' };
  for (const sub of ['run', 'state', 'home', `mail/${user}/new`, `mail/${user}/cur`, `mail/${user}/tmp`])
    mkdirSync(join(dir, sub), { recursive: true });
  if (root)
    for (const sub of ['home', 'mail', `mail/${user}`, `mail/${user}/new`, `mail/${user}/cur`, `mail/${user}/tmp`])
      chownSync(join(dir, sub), owner.uid, owner.gid);
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  const self = root
    ? []
    : [`default_internal_user = ${process.env['USER'] ?? 'root'}`, `default_login_user = ${process.env['USER'] ?? 'root'}`];
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/log`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `mail_location = maildir:${dir}/mail/%u`,
      'first_valid_uid = 1',
      ...self,
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/users\n}`,
      `userdb {\n  driver = static\n  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/home/%u\n}`,
      `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'service anvil {\n  chroot =\n}',
      '',
    ].join('\n'),
  );
  const child = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await accepting(port, child, () => stderr);
  let delivered = 0;
  return {
    port,
    user,
    password,
    deliver(message) {
      // Maildir delivery: written under tmp/, then moved into new/ whole, as the format asks.
      const name = `${++delivered}.P${process.pid}.flowloom`;
      const mailbox = join(dir, 'mail', user);
      writeFileSync(join(mailbox, 'tmp', name), message);
      if (root) chownSync(join(mailbox, 'tmp', name), owner.uid, owner.gid);
      renameSync(join(mailbox, 'tmp', name), join(mailbox, 'new', name));
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
