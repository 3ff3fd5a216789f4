/**
 * Entry of the Code node's `worker_threads` Worker (Node). The host compiles
 * the QuickJS WebAssembly module once per process and posts it here while the
 * worker starts (compiled code is then shared by every worker); without it the
 * worker compiles the module itself. Each tenant's instance only costs an
 * instantiation.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { serveSandbox } from '../sandbox/serve-sandbox.js';

const port = parentPort!;
const hostSends = (workerData as { hostCompilesWasm?: boolean } | undefined)?.hostCompilesWasm === true;
let received: (module: object | null) => void = () => {};
const fromHost = new Promise<object | null>((resolve) => (received = resolve));
port.on('message', (message: { type?: string; module?: object | null }) => {
  if (message?.type === 'wasm') received(message.module ?? null);
});

const compileHere = () =>
  readFile(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm')).then((bytes) =>
    (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object> } }).WebAssembly.compile(bytes),
  );
let compiled: Promise<object> | undefined;
const wasmModule = () => (compiled ??= hostSends ? fromHost.then((module) => module ?? compileHere()) : compileHere());

serveSandbox(
  {
    onMessage: (listener) => port.on('message', listener),
    postMessage: (message) => port.postMessage(message),
  },
  { wasmModule },
);
