import { FlowloomError } from '../../../errors/flowloom.error.js';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import { implementNode, type NodeType } from '../../../nodes/define-node.js';
import { readWriteFileDescription, type ReadWriteFileParams } from '../../../nodes/node-only/read-write-file.js';
import type { NodeContext } from '../../../nodes/node-context.js';
import type { NodeOnlyHost } from '../host.js';
import type { FilesRoot } from './files-root.js';

function refused(ctx: NodeContext): NodeExecutionError {
  return new NodeExecutionError(
    `Node '${ctx.node.name}': reading and writing files is turned off on this engine. The host turns it on with createNodeEngine({ files: { root: '/path/to/folder' } }), which confines every path to that folder.`,
    { code: 'FILES_DISABLED', retryable: false },
  );
}

/** A path problem of one item, naming the node, the parameter and the item. */
function pathError(ctx: NodeContext, parameter: string, error: unknown, itemIndex: number): unknown {
  if (!(error instanceof FlowloomError) || error instanceof NodeExecutionError) return error;
  return new NodeExecutionError(`Node '${ctx.node.name}': parameter '${parameter}': ${error.message} (item ${itemIndex}).`, {
    code: error.code,
    retryable: false,
    details: { parameter, itemIndex },
    cause: error,
  });
}

/**
 * Read/Write Files from Disk (`core.readWriteFile`, described in
 * `nodes/node-only/`): reads the files a path or pattern matches into items,
 * or writes a file of each item to a path, all inside the folder the host
 * sets (`createNodeEngine({ files: { root } })`). Refused when it sets none.
 */
export function readWriteFileNode(host: NodeOnlyHost): NodeType {
  let root: Promise<FilesRoot> | undefined;
  return implementNode(readWriteFileDescription, {
    async execute(ctx) {
      const files = host.files;
      if (!files) throw refused(ctx);
      const { FilesRoot, readFiles, writeFile } = await import('./file-operations.js');
      // The root is checked once, on first use; a root that cannot be used is retried next time.
      root ??= FilesRoot.open(files).catch((error: unknown) => {
        root = undefined;
        throw error;
      });
      let opened: FilesRoot;
      try {
        opened = await root;
      } catch (error) {
        throw new NodeExecutionError(`Node '${ctx.node.name}': ${(error as Error).message}`, {
          code: 'FILES_ROOT_INVALID',
          retryable: false,
        });
      }
      const items = ctx.input();
      const out = [];
      for (let i = 0; i < Math.max(1, items.length); i++) {
        const p = ctx.params(i) as ReadWriteFileParams;
        const parameter = p.operation === 'read' ? 'fileSelector' : 'fileName';
        try {
          if (p.operation === 'read') out.push(...(await readFiles(opened, p.fileSelector, p.binaryProperty, i)));
          else out.push(await writeFile(ctx, opened, items[i], p.fileName, p.binaryProperty, p.append, i));
        } catch (error) {
          throw pathError(ctx, parameter, error, i);
        }
      }
      return out;
    },
  });
}
