// Test support: the deployment manifests (Dockerfile, deploy/compose.yaml, deploy/helm/flowloom) read into the
// Flowloom processes they start: each one's command line, environment, replicas and health probes, as Docker,
// Compose and Kubernetes would give them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { renderTemplates } from './go-template.js';

/** The checkout's root. */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** One instruction of a Dockerfile, continuation lines joined. */
export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
}

/** A stage of a multi-stage Dockerfile: `FROM <from> AS <name>` and what follows. */
export interface DockerStage {
  from: string;
  name?: string;
  instructions: DockerInstruction[];
}

/** What the image runs: the last stage's entrypoint, command, environment and user. */
export interface Image {
  stages: DockerStage[];
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  user?: string;
  workdir: string;
}

/** A process a manifest starts from the image. */
export interface ManifestProcess {
  /** Where the manifest says so, for messages. */
  where: string;
  /** What follows the image's entrypoint. */
  argv: string[];
  /** The environment: the image's, then the manifest's. */
  env: Record<string, string>;
  /** The variables the manifest sets itself (the others come from the image). */
  sets: string[];
  replicas: number;
  /** HTTP health checks, each a path and the container port it is asked on. */
  probes: { path: string; port: number }[];
}

/** Each stage of a Dockerfile, with `ARG` defaults before the first `FROM` substituted into the `FROM`s. */
export function readDockerfile(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  const args: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    if (/^\s*(#|$)/.test(line)) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)} ${lines[++i]!.trim()}`;
    const [, keyword, rest] = /^\s*(\w+)\s*(.*)$/.exec(line)!;
    const instruction = { keyword: keyword!.toUpperCase(), args: rest!.trim(), line: start + 1 };
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = instruction.args.replace(/\$\{(\w+)\}/g, (_, v: string) => args[v] ?? '').split(/\s+/);
      stages.push({ from: from!, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), instructions: [] });
    } else if (stages.length === 0) {
      const arg = /^ARG\s+(\w+)=(\S+)$/.exec(line.trim());
      if (arg) args[arg[1]!] = arg[2]!;
    } else stages[stages.length - 1]!.instructions.push(instruction);
  }
  return stages;
}

/** `["a", "b"]` (exec form); the shell form is refused, since the shell would not pass SIGTERM on. */
function execForm(instruction: DockerInstruction): string[] {
  if (!instruction.args.startsWith('[')) {
    throw new Error(`Dockerfile:${instruction.line}: ${instruction.keyword} must use the exec form ["...", "..."].`);
  }
  return JSON.parse(instruction.args) as string[];
}

/** The image the Dockerfile's last stage makes. */
export function readImage(text: string): Image {
  const stages = readDockerfile(text);
  const last = stages[stages.length - 1]!;
  const image: Image = { stages, entrypoint: [], cmd: [], env: {}, workdir: '/' };
  for (const instruction of last.instructions) {
    const { keyword, args } = instruction;
    if (keyword === 'ENTRYPOINT') image.entrypoint = execForm(instruction);
    else if (keyword === 'CMD') image.cmd = execForm(instruction);
    else if (keyword === 'USER') image.user = args;
    else if (keyword === 'WORKDIR') image.workdir = posix.resolve(image.workdir, args);
    else if (keyword === 'ENV') {
      const pairs = [...args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g)];
      if (pairs.length === 0) throw new Error(`Dockerfile:${instruction.line}: write ENV as NAME=value.`);
      for (const [, name, value] of pairs) image.env[name!] = value!.startsWith('"') ? (JSON.parse(value!) as string) : value!;
    }
  }
  return image;
}

/** Compose's `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`, `${NAME?error}` and `$$`. */
function interpolate(value: string, variables: Record<string, string>, where: string): string {
  return value.replace(/\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g, (match, name: string | undefined, op: string | undefined, word = '') => {
    if (match === '$$') return '$';
    const given = variables[name!];
    const unset = op?.startsWith(':') ? !given : given === undefined;
    if (!unset) return given!;
    if (op?.endsWith('-')) return word as string;
    if (op?.endsWith('?')) throw new Error(`${where}: ${name} is required: ${word as string}`);
    throw new Error(`${where}: \${${name}} has no value and no default.`);
  });
}

function interpolateAll(value: unknown, variables: Record<string, string>, where: string): unknown {
  if (typeof value === 'string') return interpolate(value, variables, where);
  if (Array.isArray(value)) return value.map((v) => interpolateAll(v, variables, where));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, variables, `${where}.${k}`)]));
  }
  return value;
}

/** HTTP health checks in a command: each `http://127.0.0.1:<port>/<path>` it calls. */
function probesIn(command: unknown[]): { path: string; port: number }[] {
  return [...command.join(' ').matchAll(/http:\/\/(?:127\.0\.0\.1|localhost):(\d+)(\/[^'"\s)]*)/g)].map((m) => ({
    path: m[2]!,
    port: Number(m[1]),
  }));
}

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new Error(`${where} must be a list of strings.`);
  return value as string[];
}

/** A Compose file as Compose reads it: merge keys applied, variables interpolated. */
export function readCompose(text: string, variables: Record<string, string>): Record<string, unknown> {
  return interpolateAll(parse(text, { merge: true }), variables, 'deploy/compose.yaml') as Record<string, unknown>;
}

interface ComposeService {
  build?: string | { context?: string };
  command?: unknown;
  entrypoint?: unknown;
  environment?: Record<string, unknown> | string[];
  deploy?: { replicas?: number };
  healthcheck?: { test?: unknown[]; disable?: boolean };
}

/** The Compose services built from the repository's Dockerfile: the Flowloom processes. */
export function composeProcesses(compose: Record<string, unknown>, image: Image): ManifestProcess[] {
  const services = compose['services'] as Record<string, ComposeService>;
  return Object.entries(services)
    .filter(([, service]) => {
      const context = typeof service.build === 'string' ? service.build : service.build?.context;
      return context !== undefined && posix.normalize(posix.join('deploy', context)) === '.';
    })
    .map(([name, service]) => {
      const where = `deploy/compose.yaml: service ${name}`;
      if (service.entrypoint !== undefined) throw new Error(`${where} replaces the image's entrypoint.`);
      const environment = Array.isArray(service.environment)
        ? Object.fromEntries(service.environment.map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)]))
        : (service.environment ?? {});
      const env = { ...image.env };
      for (const [key, value] of Object.entries(environment)) {
        if (value === null || typeof value === 'object') throw new Error(`${where}: environment ${key} has no value.`);
        env[key] = String(value);
      }
      return {
        where,
        argv: service.command === undefined ? image.cmd : stringList(service.command, `${where}: command`),
        env,
        sets: Object.keys(environment),
        replicas: service.deploy?.replicas ?? 1,
        probes: service.healthcheck?.disable ? [] : probesIn(service.healthcheck?.test ?? []),
      };
    });
}

/** A Kubernetes object as the chart renders it. */
export interface KubeObject {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** Chart.yaml's fields as templates see them: `.Chart.Name`, `.Chart.AppVersion`... */
function chartFields(chart: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(chart).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v]));
}

function merge(base: unknown, over: unknown): unknown {
  if (!base || !over || typeof base !== 'object' || typeof over !== 'object' || Array.isArray(base) || Array.isArray(over)) {
    return over === undefined ? base : over;
  }
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) merged[k] = merge(merged[k], v);
  return merged;
}

/**
 * Renders a chart as `helm template <release> <dir> --set ...` would, with values.yaml under `values`, and
 * reads the YAML files it gives into objects (NOTES.txt is rendered too, to check it renders).
 */
export function renderChart(
  dir: string,
  values: Record<string, unknown>,
  release = { Name: 'flowloom', Namespace: 'default' },
): KubeObject[] {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const files = Object.fromEntries(readdirSync(join(dir, 'templates')).map((f) => [`templates/${f}`, read(`templates/${f}`)]));
  const root = {
    Values: merge(parse(read('values.yaml')), values),
    Release: { ...release, Service: 'Helm' },
    Chart: chartFields(parse(read('Chart.yaml')) as Record<string, unknown>),
  };
  const objects: KubeObject[] = [];
  for (const [file, text] of Object.entries(renderTemplates(files, root))) {
    if (!file.endsWith('.yaml')) continue;
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) throw new Error(`${file} renders YAML that does not parse: ${document.errors[0]!.message}\n${text}`);
      const object = document.toJS() as KubeObject | null;
      if (object) objects.push(object);
    }
  }
  return objects;
}

interface Container {
  name: string;
  command?: unknown;
  args?: unknown;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  startupProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
}

/** A Secret's values, from `stringData` or `data` (base64). */
function secretData(objects: KubeObject[], name: string, where: string): Record<string, string> {
  const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === name);
  if (!secret) throw new Error(`${where} reads the Secret ${name}, which the chart does not make.`);
  const data = Object.entries((secret['data'] ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]);
  return { ...Object.fromEntries(data), ...((secret['stringData'] ?? {}) as Record<string, string>) };
}

/** The Deployments' containers: the Flowloom processes of the chart. */
export function chartProcesses(objects: KubeObject[], image: Image): (ManifestProcess & { deployment: string })[] {
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  return deployments.flatMap((deployment) => {
    const spec = deployment['spec'] as { replicas?: number; template: { spec: { containers: Container[] } } };
    const autoscaler = objects.find(
      (o) =>
        o.kind === 'HorizontalPodAutoscaler' &&
        (o['spec'] as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef.name === deployment.metadata.name,
    );
    return spec.template.spec.containers.map((container) => {
      const where = `deploy/helm/flowloom: Deployment ${deployment.metadata.name}, container ${container.name}`;
      if (container.command !== undefined) throw new Error(`${where} replaces the image's entrypoint.`);
      const own: Record<string, string> = {};
      for (const from of container.envFrom ?? []) {
        if (!from.secretRef) throw new Error(`${where}: envFrom reads Secrets only here.`);
        Object.assign(own, secretData(objects, from.secretRef.name, where));
      }
      for (const variable of container.env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        const value = ref ? secretData(objects, ref.name, where)[ref.key] : variable.value;
        if (value === undefined) throw new Error(`${where}: ${variable.name} has no value.`);
        own[variable.name] = value;
      }
      const port = (p: string | number) => {
        const found = typeof p === 'number' ? p : container.ports?.find((c) => c.name === p)?.containerPort;
        if (found === undefined) throw new Error(`${where}: a probe names the port '${p}', which the container does not have.`);
        return found;
      };
      const probes = [container.startupProbe, container.livenessProbe, container.readinessProbe]
        .map((probe) => probe?.httpGet)
        .filter((get) => get !== undefined)
        .map((get) => ({ path: get.path, port: port(get.port) }));
      const replicas = spec.replicas ?? (autoscaler?.['spec'] as { minReplicas?: number } | undefined)?.minReplicas ?? 1;
      return {
        where,
        deployment: deployment.metadata.name,
        argv: container.args === undefined ? image.cmd : stringList(container.args, `${where}: args`),
        env: { ...image.env, ...own },
        sets: Object.keys(own),
        replicas,
        probes,
      };
    });
  });
}

/** Whether every label a selector asks for is on the pod template of the Deployment. */
function selects(selector: Record<string, string>, deployment: KubeObject): boolean {
  const labels = (deployment['spec'] as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Each path an Ingress routes, with the Deployment whose pods the Service behind it selects. */
export function ingressRoutes(objects: KubeObject[]): { path: string; pathType: string; deployment: string }[] {
  return objects
    .filter((o) => o.kind === 'Ingress')
    .flatMap((ingress) => {
      type Backend = { service: { name: string; port: { name?: string; number?: number } } };
      const rules = (ingress['spec'] as { rules: { http: { paths: { path: string; pathType: string; backend: Backend }[] } }[] }).rules;
      return rules.flatMap((rule) =>
        rule.http.paths.map((p) => {
          const where = `deploy/helm/flowloom: Ingress ${ingress.metadata.name}, path ${p.path}`;
          const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === p.backend.service.name);
          if (!service) throw new Error(`${where} routes to the Service ${p.backend.service.name}, which the chart does not make.`);
          const { selector, ports } = service['spec'] as {
            selector: Record<string, string>;
            ports: { name?: string; port: number; targetPort: string | number }[];
          };
          const targets = objects.filter((o) => o.kind === 'Deployment' && selects(selector, o));
          if (targets.length !== 1) throw new Error(`${where}: its Service selects the pods of ${targets.length} Deployments.`);
          const wanted = p.backend.service.port;
          const port = ports.find((sp) => (wanted.name !== undefined ? sp.name === wanted.name : sp.port === wanted.number));
          if (!port) throw new Error(`${where} names a port the Service ${service.metadata.name} does not have.`);
          const containers = (targets[0]!['spec'] as { template: { spec: { containers: Container[] } } }).template.spec.containers;
          const listens = containers.some((c) =>
            c.ports?.some((cp) =>
              typeof port.targetPort === 'number' ? cp.containerPort === port.targetPort : cp.name === port.targetPort,
            ),
          );
          if (!listens)
            throw new Error(
              `${where}: the Service's targetPort ${port.targetPort} is no port of ${targets[0]!.metadata.name}'s containers.`,
            );
          return { path: p.path, pathType: p.pathType, deployment: targets[0]!.metadata.name };
        }),
      );
    });
}
