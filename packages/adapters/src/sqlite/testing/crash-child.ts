// Runs the crash workflow against a SQLite file until the gate node hangs; the parent test kills it there.
// With `wait` as a fourth argument, runs the waiting workflow instead, which ends `waiting`, and exits.
import { createEngine, silentLogger } from '@flowloom/engine';
import { openSqliteStorage } from '../index.js';
import { crashWorkflow, gate, loggedStep, waitingWorkflow } from './crash-nodes.js';

const [file, log, hang, mode] = process.argv.slice(2) as [string, string, string, string | undefined];
const storage = await openSqliteStorage(file);
const engine = createEngine({
  storage,
  nodeTypes: [loggedStep, gate],
  logger: silentLogger,
  executions: { instanceId: `child-${process.pid}` },
});
if (mode === 'wait') {
  const waiting = await engine.run(waitingWorkflow(log), { input: [{ json: { n: 0 } }] });
  await storage.close();
  process.stdout.write(`${waiting.status} ${waiting.id}\n`);
} else {
  await engine.run(crashWorkflow(log, hang), { mode: 'webhook', input: [{ json: { n: 0 } }, { json: { n: 5 } }] });
  process.stdout.write('FINISHED\n');
}
