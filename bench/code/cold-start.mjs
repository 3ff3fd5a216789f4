// One cold start, in this fresh process: `flowloom` (the first Code node run,
// timed from creating the sandbox to the finished execution; the workflow is
// parsed before)
// or `reference` (starting the node:vm worker and its first run). Prints the
// milliseconds; code.bench.mjs runs this several times and takes the median.
const which = process.argv[2];
if (which === 'flowloom') {
  const { createEngine, silentLogger } = await import('../../packages/engine/dist/index.js');
  const { createNodeCodeSandbox } = await import('../../packages/engine/dist/node/index.js');
  const { codeWorkflow, TRIVIAL } = await import('./vm-reference.mjs');
  const parser = createEngine({ logger: silentLogger });
  const workflow = parser.parseWorkflow(codeWorkflow(TRIVIAL));
  const t0 = performance.now();
  const sandbox = createNodeCodeSandbox();
  const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger });
  const execution = await engine.run(workflow, { input: [{ json: {} }] });
  const ms = performance.now() - t0;
  if (execution.status !== 'success') throw new Error(JSON.stringify(execution.error));
  console.log(ms);
  await sandbox.close();
} else {
  const { vmReference, TRIVIAL } = await import('./vm-reference.mjs');
  const t0 = performance.now();
  const vm = vmReference();
  await vm.run(TRIVIAL, [{ json: {} }]);
  console.log(performance.now() - t0);
  await vm.close();
}
