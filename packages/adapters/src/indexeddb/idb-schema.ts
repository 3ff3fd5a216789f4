import type { IDBPDatabase, IDBPTransaction } from 'idb';

/** Object store names. */
export const STORES = {
  workflows: 'workflows',
  workflowVersions: 'workflowVersions',
  executions: 'executions',
  executionDetails: 'executionDetails',
  nodeRuns: 'nodeRuns',
  variables: 'variables',
  credentials: 'credentials',
  credentialAudit: 'credentialAudit',
  runStates: 'runStates',
  triggerState: 'triggerState',
  keyValues: 'keyValues',
  vectors: 'vectors',
} as const;

type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/** One schema version: what `upgrade` does to go from the version before it to this one. */
export interface IdbSchemaStep {
  version: number;
  description: string;
  apply(db: IDBPDatabase, tx: UpgradeTx): void;
}

/**
 * The schema as idb versions. Opening a database runs, in idb's `upgrade`
 * callback, every step above the version the browser has; a shipped step is
 * never edited.
 */
export const IDB_SCHEMA_STEPS: readonly IdbSchemaStep[] = [
  {
    version: 1,
    description: 'workflows with versions, executions with details and node runs, variables, credentials',
    apply(db) {
      db.createObjectStore(STORES.workflows, { keyPath: ['tenantId', 'id'] });
      db.createObjectStore(STORES.workflowVersions, { keyPath: ['tenantId', 'workflowId', 'version'] });
      // Summaries only, so cursors over lists never load node data or workflow snapshots.
      const executions = db.createObjectStore(STORES.executions, { keyPath: ['tenantId', 'id'] });
      executions.createIndex('byStart', ['tenantId', 'startedAt', 'id']);
      executions.createIndex('byWorkflow', ['tenantId', 'workflowId', 'startedAt', 'id']);
      executions.createIndex('byStatus', ['tenantId', 'status', 'startedAt', 'id']);
      db.createObjectStore(STORES.executionDetails, { keyPath: ['tenantId', 'id'] });
      db.createObjectStore(STORES.nodeRuns, { keyPath: ['tenantId', 'executionId', 'seq'] });
      db.createObjectStore(STORES.variables, { keyPath: ['tenantId', 'workflowId', 'key'] });
      db.createObjectStore(STORES.credentials, { keyPath: ['tenantId', 'id'] });
    },
  },
  {
    version: 2,
    description: 'credential audit trail',
    apply(db) {
      const audit = db.createObjectStore(STORES.credentialAudit, { autoIncrement: true });
      audit.createIndex('byTenant', 'tenantId');
    },
  },
  {
    version: 3,
    description: 'executions by workflow and status together, the history view’s usual filter',
    apply(_db, tx) {
      tx.objectStore(STORES.executions).createIndex('byWorkflowStatus', ['tenantId', 'workflowId', 'status', 'startedAt', 'id']);
    },
  },
  {
    version: 4,
    description: 'run state of running executions, one record each, replaced with every node run',
    apply(db) {
      // Apart from the details, so replacing the state never rewrites the workflow snapshot.
      db.createObjectStore(STORES.runStates, { keyPath: ['tenantId', 'id'] });
    },
  },
  {
    version: 5,
    description: 'where polling triggers left off',
    apply(db) {
      db.createObjectStore(STORES.triggerState, { keyPath: ['tenantId', 'workflowId', 'nodeId'] });
    },
  },
  {
    version: 6,
    description: 'key-value records nodes keep across executions (AI chat memory)',
    apply(db) {
      db.createObjectStore(STORES.keyValues, { keyPath: ['tenantId', 'namespace', 'key'] });
    },
  },
  {
    version: 7,
    description: 'vector collections (texts with their embeddings, for an AI vector store)',
    apply(db) {
      db.createObjectStore(STORES.vectors, { keyPath: ['tenantId', 'collection', 'id'] });
    },
  },
];

/** The schema version this code writes. */
export const IDB_SCHEMA_VERSION = IDB_SCHEMA_STEPS.at(-1)!.version;

/** Runs the steps between two versions (idb's `upgrade` callback). */
export function upgradeSchema(db: IDBPDatabase, oldVersion: number, newVersion: number, tx: UpgradeTx, steps = IDB_SCHEMA_STEPS): void {
  for (const step of steps) if (step.version > oldVersion && step.version <= newVersion) step.apply(db, tx);
}
