// Shared helpers for benchmarks: timing with warm-up, and printing a figure
// beside its plain-JS reference measured in the same run.

import { request } from 'node:http';

/** Runs `fn` repeatedly for at least `minMs` after `warmup` runs; returns the median ms per run. */
export async function time(fn, { warmup = 3, minMs = 300, minRuns = 5, maxRuns = 1000 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  const start = performance.now();
  while ((samples.length < minRuns || performance.now() - start < minMs) && samples.length < maxRuns) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/**
 * Times several functions in alternation (one run of each per round, after
 * `warmup` rounds) until every one has `minRuns` samples and `minMs` have
 * passed; returns each one's median ms per run. Figures compared with each
 * other then share the machine's ups and downs instead of meeting them at
 * different moments.
 */
export async function timeInterleaved(fns, { warmup = 2, minMs = 1000, minRuns = 7, maxRuns = 1000 } = {}) {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const samples = fns.map(() => []);
  const start = performance.now();
  while ((samples[0].length < minRuns || performance.now() - start < minMs) && samples[0].length < maxRuns) {
    for (let i = 0; i < fns.length; i++) {
      const t0 = performance.now();
      await fns[i]();
      samples[i].push(performance.now() - t0);
    }
  }
  return samples.map((list) => {
    list.sort((a, b) => a - b);
    return list[Math.floor(list.length / 2)];
  });
}

/** Formats a number with thousands separators and `digits` decimals. */
export function fmt(n, digits = 0) {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Prints a section title. */
export function section(title) {
  console.log(`\n## ${title}`);
}

/**
 * Prints one comparison row: the measured figure, the reference, and the
 * ratio (how many times slower than the reference; lower is better).
 */
export function row(label, ms, refMs, extra = '') {
  const ratio = ms / refMs;
  console.log(
    `${label.padEnd(48)} ${fmt(ms, 2).padStart(10)} ms   reference ${fmt(refMs, 2).padStart(9)} ms   ratio ${ratio.toFixed(2)}x${extra ? `   ${extra}` : ''}`,
  );
  return ratio;
}

/** One POST of `body` (JSON text) over a keep-alive agent; resolves with the status once the whole answer is read. */
function postJson(url, body, agent) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Closed-loop HTTP load for `ms`: each of `connections` sends its next POST of `body` once the last is
 * answered. Gives answers per second (status 200 only), p50 and p99 latency in ms, the calls made and the failures.
 */
export async function closedLoopLoad(url, { body, ms, connections, agent }) {
  const latencies = [];
  let failures = 0;
  const end = performance.now() + ms;
  const loop = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const status = await postJson(url, body, agent);
      if (status === 200) latencies.push(performance.now() - t0);
      else failures++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), calls: latencies.length + failures, failures };
}

/**
 * Load from autocannon (a well-known HTTP load generator, run in this process): CONNECTIONS keep-alive connections,
 * each sending its next POST when the last one is answered, for `ms`. Calls per second count the 2xx answers only.
 */
export async function autocannonLoad(url, { body, ms, connections }) {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    pipelining: 1,
    duration: ms / 1000,
  });
  const ok = result['2xx'];
  const failures = result.non2xx + result.errors + result.timeouts;
  return { perSecond: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, calls: ok + failures, failures };
}
