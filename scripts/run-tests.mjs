#!/usr/bin/env node
// `npm test`: runs every check and every suite, even after one fails, then
// reports each one and the failures together. One red suite never hides the
// others. Exit code 1 when anything failed.
//
//   node scripts/run-tests.mjs            every step
//   node scripts/run-tests.mjs vitest e2e  only the named steps (build runs first when a suite needs it)
import { spawn } from 'node:child_process';

/**
 * The steps in order. `counts` reads the number of passed and failed tests
 * from a suite's output; a check without tests has none.
 * @type {{ name: string, command: string, counts?: (output: string) => { passed: number, failed: number } | undefined }[]}
 */
const STEPS = [
  { name: 'build', command: 'npm run build' },
  { name: 'typecheck', command: 'npm run typecheck' },
  { name: 'lint', command: 'npm run lint' },
  { name: 'format', command: 'npm run format:check' },
  { name: 'vitest', command: 'npx vitest run', counts: vitestCounts },
  { name: 'browser', command: 'npm run test:browser', counts: webTestRunnerCounts },
  { name: 'e2e', command: 'npm run test:e2e', counts: nodeTestCounts },
];

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!STEPS.some((s) => s.name === name)) {
    console.error(`Unknown step '${name}'. Steps: ${STEPS.map((s) => s.name).join(', ')}.`);
    process.exit(2);
  }
}
const steps = wanted.length === 0 ? STEPS : STEPS.filter((s) => s.name === 'build' || wanted.includes(s.name));

const results = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command}\n`);
  const started = performance.now();
  const { code, output } = await run(step.command);
  const seconds = (performance.now() - started) / 1000;
  results.push({ step, code, seconds, counts: step.counts?.(stripAnsi(output)) });
}

console.log('\n=== Summary\n');
let passed = 0;
let failed = 0;
for (const { step, code, seconds, counts } of results) {
  const tests = counts ? ` (${counts.passed} passed, ${counts.failed} failed)` : '';
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'}  ${step.name.padEnd(10)} ${seconds.toFixed(1).padStart(6)} s${tests}`);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
}
const red = results.filter((r) => r.code !== 0);
if (red.length > 0) console.log(`\nFailed: ${red.map((r) => r.step.name).join(', ')} (scroll up to each step's output).`);
// A step that failed without a failed test (a check, a crash, a file that did not load) counts as one failure.
failed += red.filter((r) => !r.counts || r.counts.failed === 0).length;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(red.length > 0 ? 1 : 0);

/** Runs a shell command, streaming its output and keeping it. */
function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk, out) => {
      out.write(chunk);
      output += chunk.toString();
      if (output.length > 4_000_000) output = output.slice(-2_000_000);
    };
    child.stdout.on('data', (c) => keep(c, process.stdout));
    child.stderr.on('data', (c) => keep(c, process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function stripAnsi(text) {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function lastMatch(text, pattern) {
  const all = [...text.matchAll(pattern)];
  return all.at(-1);
}

/** `Tests  12 failed | 1200 passed (1212)` */
function vitestCounts(output) {
  const line = lastMatch(output, /^\s*Tests\s+(.*)$/gm);
  if (!line) return undefined;
  const n = (word) => Number(line[1].match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
  return { passed: n('passed'), failed: n('failed') };
}

/** `Finished running tests in 12.3s, all tests passed!` or `... 3 passed, 1 failed ...` per file, summed at the end as `141 passed, 0 failed`. */
function webTestRunnerCounts(output) {
  const line = lastMatch(output, /(\d+) passed, (\d+) failed/g);
  if (line) return { passed: Number(line[1]), failed: Number(line[2]) };
  const passed = lastMatch(output, /(\d+) passed/g);
  return passed ? { passed: Number(passed[1]), failed: 0 } : undefined;
}

/** node --test: `# pass 25` and `# fail 0` (or `ℹ pass 25` with the spec reporter). */
function nodeTestCounts(output) {
  const pass = lastMatch(output, /^[#ℹ] pass (\d+)$/gm);
  const fail = lastMatch(output, /^[#ℹ] fail (\d+)$/gm);
  if (!pass || !fail) return undefined;
  return { passed: Number(pass[1]), failed: Number(fail[1]) };
}
