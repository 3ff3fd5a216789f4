import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The variable naming a server to test against instead of a throwaway cluster. */
export const TEST_POSTGRES_URL_VARIABLE = 'FLOWLOOM_TEST_POSTGRES_URL';

/** A PostgreSQL database for one test file, on a server of its own or on the one `FLOWLOOM_TEST_POSTGRES_URL` names. */
export interface ThrowawayPostgres {
  /** A superuser's connection string to a fresh, empty database. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  /**
   * Creates a login role that is not a superuser and has no BYPASSRLS, allowed
   * to create schemas in the database; returns its connection string.
   */
  createRole(name: string): Promise<string>;
  /** Stops the server process and resolves once it has exited (throwaway clusters only). */
  stopServer(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts the stopped server again on the same port and resolves once it accepts connections. */
  startServer(): Promise<void>;
  /** Stops the server and deletes its files, or, on a given server, drops the database and roles made for the tests. */
  stop(): Promise<void>;
}

const INSTALL_HINT =
  `PostgreSQL tests need a server: install Debian's \`postgresql\` package (its initdb, pg_ctl and postgres are looked for ` +
  `in \`pg_config --bindir\` and /usr/lib/postgresql/*/bin), or set ${TEST_POSTGRES_URL_VARIABLE} to a server where this ` +
  `user may create databases and roles.`;

/** The folder of initdb and pg_ctl: `pg_config --bindir` first, then the newest /usr/lib/postgresql/<version>/bin. */
export function findPostgresBinaries(): string | undefined {
  const usable = (dir: string) => ['initdb', 'pg_ctl', 'postgres', 'pg_isready'].every((b) => existsSync(join(dir, b)));
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (usable(dir)) return dir;
  } catch {
    // No pg_config on PATH: look where Debian installs servers.
  }
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(base, v, 'bin')).find(usable);
}

/** Runs a program to its end; rejects with its output when it fails. */
function run(file: string, args: string[], as?: { uid: number; gid: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], ...as });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${file} ${args.join(' ')} exited with ${signal ?? code}:\n${output}`));
    });
  });
}

/** A TCP port nobody listens on at this moment. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** initdb refuses to run as root: then the cluster belongs to the `postgres` system user and its programs run as that user. */
function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(`initdb refuses to run as root, and there is no 'postgres' user to run it as. ${INSTALL_HINT}`);
  }
}

function urlOf(user: string, host: string, port: number, database: string): string {
  return `postgres://${encodeURIComponent(user)}@${host}:${port}/${encodeURIComponent(database)}`;
}

/** Runs one statement as the superuser, on a connection of its own. */
async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Starts a PostgreSQL cluster for one test file: `initdb` into a fresh
 * temporary folder (trust authentication, listening on 127.0.0.1 only, on a
 * free port, no syncing to disk since nothing outlives the file),
 * `pg_ctl start -w` (which returns once the server accepts connections), and
 * a fresh database. With `FLOWLOOM_TEST_POSTGRES_URL` set, a fresh database
 * on that server instead, unless `local` asks for a server this process may
 * stop and start. Without either, it fails saying what to install; it never
 * skips.
 */
export async function startThrowawayPostgres(options: { local?: boolean } = {}): Promise<ThrowawayPostgres> {
  const given = process.env[TEST_POSTGRES_URL_VARIABLE];
  if (given && !options.local) return onGivenServer(given);
  const bin = findPostgresBinaries();
  if (!bin) {
    throw new Error(
      options.local && given ? `This test stops and starts its own server, so it needs the binaries. ${INSTALL_HINT}` : INSTALL_HINT,
    );
  }
  return startCluster(bin);
}

async function startCluster(bin: string): Promise<ThrowawayPostgres> {
  const owner = clusterOwner();
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const pgCtl = (...args: string[]) => run(join(bin, 'pg_ctl'), ['-D', data, ...args], owner);
  // Should the test process die without stop(), the server goes with it.
  const onExit = () => {
    try {
      execFileSync(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate'], { stdio: 'ignore', ...owner });
    } catch {
      // Not running.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  let port = 0;
  try {
    await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], owner);
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        // Nothing outlives the test file, so the cluster skips syncing to disk; a commit still reaches the
        // write-ahead log before it returns (synchronous_commit stays on), so a killed server loses nothing committed.
        'fsync = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    // Another process may take the port between finding it free and binding it: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      appendFileSync(join(data, 'postgresql.conf'), `port = ${port}\n`);
      try {
        await pgCtl('-l', log, '-w', '-t', '120', 'start');
        break;
      } catch (error) {
        const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
        if (attempt >= 5 || !/could not bind|Address already in use/i.test(text)) throw new Error(`${String(error)}\n${text}`);
      }
    }
    await run(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
  } catch (error) {
    onExit();
    process.removeListener('exit', onExit);
    throw error;
  }

  const host = '127.0.0.1';
  const database = 'flowloom_test';
  await adminQuery(urlOf('postgres', host, port, 'postgres'), `CREATE DATABASE ${database}`);
  const url = urlOf('postgres', host, port, database);
  return {
    url,
    host,
    port,
    database,
    createRole: (name) => createRole(url, name),
    async stopServer(mode = 'fast') {
      await pgCtl('-w', '-m', mode, 'stop');
    },
    async startServer() {
      await pgCtl('-l', log, '-w', '-t', '120', 'start');
      await run(join(bin, 'pg_isready'), ['-h', host, '-p', String(port)]);
    },
    async stop() {
      await pgCtl('-w', '-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      process.removeListener('exit', onExit);
    },
  };
}

async function createRole(url: string, name: string): Promise<string> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const password = randomBytes(12).toString('hex');
  await adminQuery(url, `CREATE ROLE ${pg.escapeIdentifier(name)} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '${password}'`);
  await adminQuery(url, `GRANT CREATE ON DATABASE ${pg.escapeIdentifier(database)} TO ${pg.escapeIdentifier(name)}`);
  target.username = encodeURIComponent(name);
  target.password = password;
  return target.toString();
}

async function onGivenServer(given: string): Promise<ThrowawayPostgres> {
  const suffix = `${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const database = `flowloom_test_${suffix}`;
  await adminQuery(given, `CREATE DATABASE ${database}`);
  const target = new URL(given);
  target.pathname = `/${database}`;
  const url = target.toString();
  const roles: string[] = [];
  const refuse = () => Promise.reject(new Error(`A server named by ${TEST_POSTGRES_URL_VARIABLE} is not stopped or started by tests.`));
  return {
    url,
    host: target.hostname,
    port: Number(target.port || 5432),
    database,
    async createRole(name) {
      // Roles belong to the whole server: give each a name of its own, dropped in stop().
      const role = `${name}_${suffix}`;
      roles.push(role);
      return createRole(url, role);
    },
    stopServer: refuse,
    startServer: refuse,
    async stop() {
      await adminQuery(given, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      for (const role of roles) await adminQuery(given, `DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
    },
  };
}
