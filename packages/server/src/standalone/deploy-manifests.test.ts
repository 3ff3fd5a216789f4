import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../adapters/src/postgres/testing/throwaway-postgres.js';
import { QUEUE_ROLES } from '../queue/queue-process.js';
import { startThrowawayRedis, type ThrowawayRedis } from '../queue/testing/throwaway-redis.js';
import { WEBHOOK_ROUTES } from '../routes/webhooks.js';
import {
  chartProcesses,
  composeProcesses,
  ingressRoutes,
  readCompose,
  readImage,
  renderChart,
  REPO,
  type DockerStage,
  type ManifestProcess,
} from '../testing/deploy-manifests.js';
import { startTestServer } from '../testing/test-server.js';
import { runServe } from './serve-command.js';
import { SERVE_OPTIONS, SERVE_VARIABLES, serveEnvironment } from './serve-options.js';

// The manifests are checked against SERVE_OPTIONS and SERVE_VARIABLES (what `flowloom serve` reads, and which
// role reads it), against the packages' package.json files, against the server's route table, and by starting
// each process they describe, in this process, with its command line and environment, over a throwaway
// PostgreSQL and Redis.

const read = (path: string) => readFileSync(join(REPO, path), 'utf8');
const image = readImage(read('Dockerfile'));
/** What deploy/.env gives Compose. */
const composeVariables = {
  FLOWLOOM_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  POSTGRES_PASSWORD: 'compose-password',
  REDIS_PASSWORD: 'compose-password',
};
const compose = readCompose(read('deploy/compose.yaml'), composeVariables);
/** What `helm install --set` gives the chart (the ingress on, so it is rendered and checked). */
const chart = renderChart(join(REPO, 'deploy/helm/flowloom'), {
  encryptionKey: { value: randomBytes(32).toString('hex') },
  connections: { databaseUrl: 'postgres://flowloom:secret@postgres:5432/flowloom', redisUrl: 'redis://:secret@redis:6379' },
  ingress: { enabled: true },
});
const imageDefault: ManifestProcess = {
  where: "Dockerfile: the image's default command",
  argv: image.cmd,
  env: image.env,
  sets: Object.keys(image.env),
  replicas: 1,
  probes: [],
};
const composed = composeProcesses(compose, image);
const charted = chartProcesses(chart, image);
const processes: ManifestProcess[] = [imageDefault, ...composed, ...charted];

const option = (flag: string) => SERVE_OPTIONS.find((o) => o.flag === flag);

/** An option's value as the process gets it: its flag, else its environment variable. */
function setting(p: ManifestProcess, flag: string): string | undefined {
  const o = option(flag);
  if (!o) throw new Error(`SERVE_OPTIONS has no ${flag}.`);
  const i = p.argv.indexOf(flag);
  return i >= 0 ? p.argv[i + 1] : o.env && p.env[o.env];
}

/** The role the process runs, or `standalone` without one. */
const modeOf = (p: ManifestProcess) => setting(p, '--role') ?? 'standalone';

const totals = (list: ManifestProcess[]) => {
  const counts: Record<string, number> = {};
  for (const p of list) counts[modeOf(p)] = (counts[modeOf(p)] ?? 0) + p.replicas;
  return counts;
};

describe('the deployment manifests', () => {
  it('run only roles that exist, and a role in every Compose service and Deployment', () => {
    const problems = processes
      .filter((p) => !(p === imageDefault ? ['standalone', ...QUEUE_ROLES] : QUEUE_ROLES).includes(modeOf(p) as never))
      .map((p) => `${p.where} runs '${modeOf(p)}'`);
    expect(problems).toEqual([]);
    expect(composed.length).toBeGreaterThan(0);
    expect(charted.length).toBeGreaterThan(0);
  });

  it('give only options of flowloom serve, each one the role of its process reads', () => {
    const problems: string[] = [];
    for (const p of processes) {
      for (let i = 0; i < p.argv.length; i++) {
        const o = option(p.argv[i]!);
        if (!o) problems.push(`${p.where} gives '${p.argv[i]}', which is no option of flowloom serve`);
        else {
          if (!o.modes.includes(modeOf(p) as never)) problems.push(`${p.where}: ${o.flag} is not read by ${modeOf(p)}`);
          if (o.value) i++;
        }
      }
    }
    expect(problems).toEqual([]);
  });

  // The image's own variables are set for its default process, the standalone server; the roles ignore those
  // they do not read, as every role does (so one environment may serve them all).
  it('set only FLOWLOOM_ variables of flowloom serve, each one the role of its process reads', () => {
    const known = serveEnvironment();
    const problems: string[] = [];
    for (const p of processes) {
      for (const name of p.sets.filter((n) => n.startsWith('FLOWLOOM_'))) {
        const variable = known.find((v) => v.env === name);
        if (!variable) problems.push(`${p.where} sets ${name}, which flowloom serve does not read`);
        else if (!variable.modes.includes(modeOf(p) as never)) problems.push(`${p.where} sets ${name}, which ${modeOf(p)} does not read`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('give every queue process the variables queue mode requires', () => {
    const required = SERVE_VARIABLES.filter((v) => v.requiredInQueueMode);
    expect(required.length).toBeGreaterThan(0);
    const problems = processes
      .filter((p) => QUEUE_ROLES.includes(modeOf(p) as never))
      .flatMap((p) => required.filter((v) => !p.env[v.env]).map((v) => `${p.where} lacks ${v.env}`));
    expect(problems).toEqual([]);
  });

  it('probe every process on the port it listens on, on every interface of its container', () => {
    const problems: string[] = [];
    for (const p of [...composed, ...charted]) {
      const port = setting(p, '--port');
      if (p.probes.length === 0) problems.push(`${p.where} has no health check`);
      if (port === undefined) problems.push(`${p.where} does not set its port`);
      for (const probe of p.probes.filter((pr) => String(pr.port) !== port)) {
        problems.push(`${p.where} probes ${probe.path} on port ${probe.port} but listens on ${port}`);
      }
      if (setting(p, '--host') !== '0.0.0.0') problems.push(`${p.where} listens on ${setting(p, '--host') ?? '127.0.0.1'}, not 0.0.0.0`);
    }
    expect(problems).toEqual([]);
  });

  it("point Compose's processes at the PostgreSQL and Redis services of the same file", () => {
    const services = Object.keys(compose['services'] as object);
    for (const p of composed) {
      for (const flag of ['--postgres', '--redis']) {
        const url = setting(p, flag);
        expect(url, `${p.where}: ${flag}`).toBeDefined();
        expect(services, `${p.where}: ${flag} ${url}`).toContain(new URL(url!).hostname);
      }
    }
  });

  it('run 1 main, 2 workers and 1 webhook process in Compose, and 1 main in the chart', () => {
    expect(totals(composed)).toEqual({ main: 1, worker: 2, webhook: 1 });
    expect(totals(charted)['main']).toBe(1);
    expect(Object.keys(totals(charted)).sort()).toEqual([...QUEUE_ROLES].sort());
  });

  it('start the image with the bin of @flowloom/server, copied into the image with the entry it loads', () => {
    const server = JSON.parse(read('packages/server/package.json')) as {
      bin: Record<string, string>;
      exports: Record<string, { default: string }>;
    };
    const [program, bin, ...rest] = image.entrypoint;
    expect(program).toBe('node');
    expect(rest).toEqual([]);
    const binInRepo = posix.relative(image.workdir, bin!);
    expect(Object.values(server.bin).map((b) => posix.join('packages/server', b))).toContain(binInRepo);
    expect(existsSync(join(REPO, binInRepo))).toBe(true);
    // The bin loads the package's ./standalone entry, a file the build makes in dist/.
    const loads = /new URL\('([^']+)', import\.meta\.url\)/.exec(read(binInRepo))?.[1];
    const entry = posix.join('packages/server', server.exports['./standalone']!.default);
    expect(posix.join(posix.dirname(binInRepo), loads!)).toBe(entry);
    const build = stageRunning(/\bnpm run build\b/);
    const buildDir = lineage(build)
      .flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'WORKDIR').reverse())
      .at(0)?.args;
    expect(buildDir, 'the build stage works in the folder the image runs in').toBe(image.workdir);
    expect(copiedFrom(build, binInRepo), `${binInRepo} is copied from the build stage`).toBe(true);
    expect(copiedFrom(build, entry), `${entry} is copied from the build stage`).toBe(true);
  });

  it('install the production dependencies of exactly the workspaces the server loads, built where a compiler is', () => {
    const root = JSON.parse(read('package.json')) as { workspaces: string[] };
    const manifests = new Map(
      root.workspaces.map((dir) => {
        const pkg = JSON.parse(read(`${dir}/package.json`)) as { name: string; dependencies?: object; peerDependencies?: object };
        return [pkg.name, { dir, deps: Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }) }];
      }),
    );
    const needed = new Set<string>(['@flowloom/server']);
    for (const name of needed) for (const dep of manifests.get(name)!.deps) if (manifests.has(dep)) needed.add(dep);

    const deps = stageRunning(/\bnpm ci\b.*--omit=dev/);
    const install = deps.instructions.find((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args))!.args;
    const workspaces = [...install.matchAll(/(?:--workspace[= ]|-w )(\S+)/g)].map((m) => m[1]);
    expect(new Set(workspaces)).toEqual(needed);
    // npm ci checks the lockfile against every workspace, so each one's package.json must be there.
    const copied = deps.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    for (const { dir } of manifests.values()) expect(copied, dir).toContainEqual(`${dir}/package.json ${dir}/`);
    expect(copiedFrom(deps, 'node_modules')).toBe(true);
    for (const name of needed) {
      const { dir } = manifests.get(name)!;
      expect(copiedFrom(deps, `${dir}/package.json`), `${dir}/package.json`).toBe(true);
      expect(copiedFrom(stageRunning(/\bnpm run build\b/), `${dir}/dist`), `${dir}/dist`).toBe(true);
    }
    // better-sqlite3 is compiled when no prebuilt binary fits: both stages that install need python3, make and g++.
    for (const stage of [deps, stageRunning(/\bnpm run build\b/)]) {
      const toolchain = lineage(stage).some((s) =>
        s.instructions.some((i) => /apt-get install.*\bpython3\b.*\bmake\b.*\bg\+\+/.test(i.args)),
      );
      expect(toolchain, `stage ${stage.name}`).toBe(true);
    }
    const runtime = image.stages[image.stages.length - 1]!;
    expect(runtime.from).toMatch(/^node:20[\w.-]*-slim$/);
    expect(image.user).toBeDefined();
    expect(['root', '0']).not.toContain(image.user!.split(':')[0]);
  });

  it('send the webhook routes to webhook processes and every other route of the API to main', async () => {
    const server = await startTestServer();
    const apiPaths = server.app.routes.map((r) => r.path).filter((path) => path !== '*' && path !== '/*');
    await server.close();
    const roleOf = new Map(charted.map((p) => [p.deployment, modeOf(p)]));
    const routes = ingressRoutes(chart);
    expect(routes.length).toBeGreaterThan(0);
    /** The role of the Deployment the Ingress sends a request path to: the longest matching path wins, element by element. */
    const routedTo = (path: string) => {
      const elements = (p: string) => p.split('/').filter(Boolean);
      const matching = routes.filter((r) => {
        if (r.pathType === 'Exact') return r.path === path;
        if (r.pathType !== 'Prefix') throw new Error(`An Ingress path of type ${r.pathType} cannot be checked.`);
        const prefix = elements(r.path);
        return prefix.every((e, i) => elements(path)[i] === e);
      });
      const best = matching.sort((a, b) => elements(b.path).length - elements(a.path).length)[0];
      return best && roleOf.get(best.deployment);
    };
    /** A request path a route pattern answers: each parameter and wildcard filled in. */
    const sample = (pattern: string) => pattern.replace(/:[^/]+/g, 'x').replace(/\*/g, 'x');
    for (const route of WEBHOOK_ROUTES) expect(routedTo(sample(route)), route).toBe('webhook');
    const others = [...new Set(apiPaths)].filter((path) => !(WEBHOOK_ROUTES as readonly string[]).includes(path));
    expect(others).toContain('/workflows');
    for (const path of others) expect(routedTo(sample(path)), path).toBe('main');
  });
});

/** The stage with a RUN that matches. */
function stageRunning(pattern: RegExp): DockerStage {
  const stage = image.stages.find((s) => s.instructions.some((i) => i.keyword === 'RUN' && pattern.test(i.args)));
  if (!stage?.name) throw new Error(`The Dockerfile has no named stage that runs ${pattern}.`);
  return stage;
}

/** A stage and the stages it is built FROM. */
function lineage(stage: DockerStage): DockerStage[] {
  const parent = image.stages.find((s) => s.name === stage.from);
  return parent ? [stage, ...lineage(parent)] : [stage];
}

/** Whether the image's last stage copies a path of the checkout, or a folder holding it, from a stage to the same place under the image's WORKDIR. */
function copiedFrom(stage: DockerStage, path: string): boolean {
  const target = posix.join(image.workdir, path);
  return image.stages[image.stages.length - 1]!.instructions.some((i) => {
    const words = i.args.split(/\s+/);
    if (i.keyword !== 'COPY' || words[0] !== `--from=${stage.name}` || words.length !== 3) return false;
    const [, source, destination] = words;
    const to = posix.resolve(image.workdir, destination!);
    return source === to && (target === to || target.startsWith(`${to}/`));
  });
}

describe('each process of the manifests, started as they start it', () => {
  let postgres: ThrowawayPostgres;
  let redis: ThrowawayRedis;
  let dir: string;
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis()]);
    dir = mkdtempSync(join(tmpdir(), 'flowloom-deploy-'));
  });
  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The process's command line and environment, with this test's services, a free port and the loopback address. */
  function forTest(p: ManifestProcess): { argv: string[]; env: Record<string, string> } {
    const argv = [...p.argv];
    const env = { ...p.env };
    const given = { '--postgres': postgres.url, '--redis': redis.url, '--db': join(dir, 'flowloom.sqlite'), '--host': '127.0.0.1' };
    const always = { '--port': '0', '--queue-prefix': redis.prefix };
    for (const [flag, value] of Object.entries({ ...given, ...always })) {
      const o = option(flag)!;
      const i = argv.indexOf(flag);
      if (i >= 0) argv[i + 1] = value;
      else if (o.env && (o.env in env || flag in always)) env[o.env] = value;
    }
    return { argv, env };
  }

  for (const p of processes) it(`${p.where} starts and answers its probes`, () => startAndProbe(p));

  async function startAndProbe(p: ManifestProcess) {
    const { argv, env } = forTest(p);
    let output = '';
    let stop!: (reason: string) => void;
    let listening!: (url: string) => void;
    const url = new Promise<string>((resolve) => (listening = resolve));
    const exit = runServe(argv, {
      stdout: (text) => (output += text),
      stderr: (text) => (output += text),
      cwd: dir,
      env,
      name: 'flowloom-server',
      stop: new Promise<string>((resolve) => (stop = resolve)),
      onListening: (server) => listening(server.url),
      onQueueProcess: (started) => listening(started.url),
    });
    const started = await Promise.race([url, exit.then((code) => ({ code }))]);
    if (typeof started !== 'string') throw new Error(`${p.where} stopped with exit code ${started.code} before it listened:\n${output}`);
    try {
      for (const probe of p.probes) {
        const answer = await fetch(`${started}${probe.path}`);
        expect(answer.status, `GET ${probe.path}: ${await answer.text()}`).toBe(200);
      }
    } finally {
      stop('SIGTERM');
    }
    expect(await exit, output).toBe(0);
  }
});
