/**
 * Entry of the Code node's `worker_threads` Worker (Node), built as a
 * CommonJS file (`code-worker.cjs`) that loads QuickJS with `require` as it
 * starts: a CommonJS worker starts several milliseconds sooner than an ES
 * module one, and nothing is left to import when the first request lands.
 *
 * The host compiles the QuickJS WebAssembly module once per process and posts
 * it here while the worker starts (compiled code is shared by every worker);
 * without it the worker compiles the module itself. Each tenant's instance
 * then only costs an instantiation.
 */
import './quiet-stdio.js';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import * as variantPackage from '@jitl/quickjs-wasmfile-release-sync';
import * as emscriptenPackage from '@jitl/quickjs-wasmfile-release-sync/emscripten-module';
import type { QuickJSSyncVariant } from 'quickjs-emscripten-core';
import 'quickjs-emscripten-core';
import { syncVariant } from '../code-sandbox/quickjs-runner.js';
import { serveSandbox } from '../code-sandbox/serve-sandbox.js';

type ModuleLoader = Awaited<ReturnType<QuickJSSyncVariant['importModuleLoader']>>;
const loader = (emscriptenPackage as { default?: unknown }).default ?? emscriptenPackage;
// The package's own loader is an `import()`, which would start the ES module loader in this worker (several ms).
const variant: QuickJSSyncVariant = { ...syncVariant(variantPackage), importModuleLoader: () => Promise.resolve(loader as ModuleLoader) };

const port = parentPort!;
const hostSends = (workerData as { hostCompilesWasm?: boolean } | undefined)?.hostCompilesWasm === true;
let received: (module: object | null) => void = () => {};
const fromHost = new Promise<object | null>((resolve) => (received = resolve));
port.on('message', (message: { type?: string; module?: object | null }) => {
  if (message?.type === 'wasm') received(message.module ?? null);
});

const compileHere = () =>
  readFile(createRequire(__filename).resolve('@jitl/quickjs-wasmfile-release-sync/wasm')).then((bytes) =>
    (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object> } }).WebAssembly.compile(bytes),
  );
let compiled: Promise<object> | undefined;
const wasmModule = () => (compiled ??= hostSends ? fromHost.then((module) => module ?? compileHere()) : compileHere());

serveSandbox(
  {
    onMessage: (listener) => port.on('message', listener),
    postMessage: (message) => port.postMessage(message),
  },
  { wasmModule, variant: () => variant },
);
