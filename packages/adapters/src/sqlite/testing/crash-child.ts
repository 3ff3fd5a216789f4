// Runs the crash workflow against a SQLite file until the gate node hangs; the parent test kills it there.
import { createEngine, silentLogger } from '@flowloom/engine';
import { openSqliteStorage } from '../index.js';
import { crashWorkflow, gate, loggedStep } from './crash-nodes.js';

const [file, log, hang] = process.argv.slice(2) as [string, string, string];
const storage = await openSqliteStorage(file);
const engine = createEngine({
  storage,
  nodeTypes: [loggedStep, gate],
  logger: silentLogger,
  executions: { instanceId: `child-${process.pid}` },
});
await engine.run(crashWorkflow(log, hang), { mode: 'webhook', input: [{ json: { n: 0 } }, { json: { n: 5 } }] });
process.stdout.write('FINISHED\n');
