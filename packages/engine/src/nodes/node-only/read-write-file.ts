import { z } from 'zod';
import { describeNodeOnly } from './describe-node-only.js';

const show = (operation: 'read' | 'write') => ({ displayOptions: { show: { operation: [operation] } } });

/** The Read/Write Files node's parameters. */
export const readWriteFileProperties = z
  .object({
    operation: z
      .enum(['read', 'write'])
      .default('read')
      .meta({
        label: 'Operation',
        options: [
          { value: 'read', label: 'Read File(s) From Disk', description: 'An item per file a pattern matches.' },
          { value: 'write', label: 'Write File to Disk', description: 'Write a file of each item to a path.' },
        ],
      }),
    fileSelector: z
      .string()
      .default('')
      .meta({
        label: 'File(s) Selector',
        placeholder: 'reports/**/*.csv',
        description: 'A path or a pattern (*, **, ?, [abc], {a,b}), relative to the files root.',
        ...show('read'),
      }),
    fileName: z
      .string()
      .default('')
      .meta({
        label: 'File Path and Name',
        placeholder: 'exports/orders.json',
        description: 'Relative to the files root.',
        ...show('write'),
      }),
    binaryProperty: z.string().min(1, 'must not be empty').default('data').meta({
      label: 'Binary Field',
      description: "Read: the key the file is put under in the item's binary data. Write: the key of the file to write.",
    }),
    append: z
      .boolean()
      .default(false)
      .meta({ label: 'Append', description: 'Add to the end of an existing file instead of replacing it.', ...show('write') }),
  })
  .superRefine((p, ctx) => {
    if (p.operation === 'read' && p.fileSelector.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['fileSelector'], message: 'must name a file or a pattern to read' });
    }
    if (p.operation === 'write' && p.fileName.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['fileName'], message: 'must name the file to write' });
    }
  });

/** The Read/Write Files node's parameters, defaults applied. */
export type ReadWriteFileParams = z.output<typeof readWriteFileProperties>;

/**
 * Read/Write Files from Disk (`core.readWriteFile`): reads the files a path
 * or pattern matches into items, or writes a file of each item, inside the
 * folder the host sets. Runs on engines made with `createNodeEngine`.
 */
export const readWriteFileDescription = describeNodeOnly({
  type: 'core.readWriteFile',
  version: 1,
  displayName: 'Read/Write Files from Disk',
  description: "Reads files matching a pattern into items, or writes an item's file to a path, inside the folder the host allows.",
  group: 'data',
  icon: 'hard-drive',
  inputs: ['main'],
  outputs: ['main'],
  properties: readWriteFileProperties,
});
