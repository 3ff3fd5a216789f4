/** Who reads an option: the single-process server over SQLite, or a queue-mode process of a role. */
export type ServeMode = 'standalone' | 'main' | 'worker' | 'webhook';

const ALL: readonly ServeMode[] = ['standalone', 'main', 'worker', 'webhook'];
const QUEUE: readonly ServeMode[] = ['main', 'worker', 'webhook'];
const API: readonly ServeMode[] = ['standalone', 'main'];
const RUNS: readonly ServeMode[] = ['standalone', 'worker'];

/** One command-line option of `flowloom serve`, with the environment variable that gives it when the flag is absent. */
export interface ServeOption {
  flag: `--${string}`;
  /** Read when the flag is not given. */
  env?: `FLOWLOOM_${string}`;
  /** The value's placeholder in the usage (`<file>`); absent for a switch. */
  value?: string;
  /** May be given several times. */
  repeatable?: true;
  /** Who reads it. A flag given to a process that does not read it is refused; a variable is ignored. */
  modes: readonly ServeMode[];
  help: string;
}

/** An environment variable read without a flag. */
export interface ServeVariable {
  env: `FLOWLOOM_${string}`;
  modes: readonly ServeMode[];
  /** Whether queue-mode processes cannot start without it. */
  requiredInQueueMode?: true;
  help: string;
}

/**
 * Every option of `flowloom serve` and `npx @flowloom/server`, in one place:
 * the parser, the usage text and docs/deploy.md are all read from it, and a
 * deployment manifest can be checked against it.
 */
export const SERVE_OPTIONS: readonly ServeOption[] = [
  { flag: '--db', env: 'FLOWLOOM_DB', value: '<file>', modes: ['standalone'], help: 'the SQLite file, created when missing' },
  {
    flag: '--role',
    env: 'FLOWLOOM_ROLE',
    value: '<main|worker|webhook>',
    modes: QUEUE,
    help: 'queue mode: main serves the API and queues runs, worker runs them, webhook answers webhooks only',
  },
  {
    flag: '--postgres',
    env: 'FLOWLOOM_DATABASE_URL',
    value: '<url>',
    modes: QUEUE,
    help: 'queue mode: the PostgreSQL database every process shares (postgres://user:password@host:5432/db)',
  },
  {
    flag: '--redis',
    env: 'FLOWLOOM_REDIS_URL',
    value: '<url>',
    modes: QUEUE,
    help: 'queue mode: the Redis every process shares (redis://host:6379)',
  },
  {
    flag: '--concurrency',
    env: 'FLOWLOOM_WORKER_CONCURRENCY',
    value: '<n>',
    modes: ['worker'],
    help: 'executions a worker runs at once (default 10)',
  },
  {
    flag: '--queue-prefix',
    env: 'FLOWLOOM_QUEUE_PREFIX',
    value: '<prefix>',
    modes: QUEUE,
    help: "prefix of the installation's Redis keys (default flowloom); installations sharing a Redis differ by it",
  },
  {
    flag: '--job-lock',
    env: 'FLOWLOOM_JOB_LOCK_MS',
    value: '<ms>',
    modes: ['worker'],
    help: "how long a job's lock lasts unrenewed (default 30000): a worker silent that long is taken for dead",
  },
  {
    flag: '--port',
    env: 'FLOWLOOM_PORT',
    value: '<n>',
    modes: ALL,
    help: 'the port (default 5678); 0 picks a free one; a worker serves health there',
  },
  {
    flag: '--host',
    env: 'FLOWLOOM_HOST',
    value: '<address>',
    modes: ALL,
    help: 'the address to listen on (default 127.0.0.1, this machine only)',
  },
  { flag: '--tenant', value: '<id>', modes: API, help: "the tenant of the owner API key made on first start (default 'default')" },
  {
    flag: '--create-api-key',
    modes: API,
    help: 'make a new owner API key at this start even if the database holds keys (shown once)',
  },
  {
    flag: '--embed-jwks-url',
    env: 'FLOWLOOM_EMBED_JWKS_URL',
    value: '<url>',
    modes: API,
    help: 'accept embed tokens signed with a key of this JWKS',
  },
  {
    flag: '--embed-issuer',
    env: 'FLOWLOOM_EMBED_ISSUER',
    value: '<iss>',
    modes: API,
    help: 'the iss embed tokens must carry; needed with embed tokens',
  },
  {
    flag: '--embed-audience',
    env: 'FLOWLOOM_EMBED_AUDIENCE',
    value: '<aud>',
    modes: API,
    help: "the aud embed tokens must carry (default 'flowloom')",
  },
  { flag: '--cors-origin', value: '<origin>', repeatable: true, modes: API, help: 'a page origin that may call the API from the browser' },
  { flag: '--nodes', value: '<module>', repeatable: true, modes: ALL, help: 'a module whose exports are node types' },
  {
    flag: '--allow-private-networks',
    modes: ALL,
    help: 'let HTTP Request reach loopback, private and link-local addresses',
  },
  { flag: '--in-process', modes: RUNS, help: 'run executions in the process instead of isolated worker threads' },
  {
    flag: '--executions-per-worker',
    env: 'FLOWLOOM_EXECUTIONS_PER_WORKER',
    value: '<n>',
    modes: RUNS,
    help: 'executions of one tenant a worker thread carries at once (default 1): more per second on few cores, but a run that ends its thread (deadline, cancel, heap) ends the others on it',
  },
  {
    flag: '--shutdown-timeout',
    value: '<ms>',
    modes: ALL,
    help: 'how long running executions may go on after SIGINT or SIGTERM (default 30000)',
  },
  { flag: '--help', modes: ALL, help: 'print this text' },
];

/** The environment variables read without a flag. */
export const SERVE_VARIABLES: readonly ServeVariable[] = [
  {
    env: 'FLOWLOOM_ENCRYPTION_KEY',
    modes: ALL,
    requiredInQueueMode: true,
    help: 'the key credentials are encrypted with, 64 hexadecimal digits; the same in every process of an installation',
  },
  { env: 'FLOWLOOM_EMBED_SECRET', modes: API, help: 'accept embed tokens signed with this HMAC secret (32 characters or more)' },
];

/** Every environment variable `flowloom serve` reads, flags' included. */
export function serveEnvironment(): { env: string; modes: readonly ServeMode[]; help: string }[] {
  return [
    ...SERVE_OPTIONS.filter((o): o is ServeOption & { env: `FLOWLOOM_${string}` } => o.env !== undefined).map((o) => ({
      env: o.env,
      modes: o.modes,
      help: o.help,
    })),
    ...SERVE_VARIABLES,
  ];
}

/** The options part of the usage text, one line per option. */
export function optionsUsage(): string {
  const lines = SERVE_OPTIONS.map((o) => {
    const left = `${o.flag}${o.value ? ` ${o.value}` : ''}`;
    const env = o.env ? ` (or ${o.env})` : '';
    const modes = o.modes.length === ALL.length ? '' : ` [${o.modes.join(', ')}]`;
    return `${left.padEnd(30)} ${o.help}${env}${o.repeatable ? '; repeatable' : ''}${modes}`;
  });
  const variables = SERVE_VARIABLES.map((v) => `${v.env.padEnd(30)} ${v.help}${v.requiredInQueueMode ? ' (required in queue mode)' : ''}`);
  return `${lines.join('\n')}\n\nEnvironment variables without a flag:\n${variables.join('\n')}`;
}
