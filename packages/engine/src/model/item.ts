import { z } from 'zod';

/** A file attached to an item. `data` is base64 for small files; `id` refers to a binary store. */
export const binaryRefSchema = z
  .object({
    mimeType: z.string(),
    fileName: z.string().optional(),
    fileExtension: z.string().optional(),
    fileSize: z.number().int().nonnegative().optional(),
    data: z.string().optional(),
    id: z.string().optional(),
  })
  .strict();
export type BinaryRef = z.infer<typeof binaryRefSchema>;

/** Which input item an output item came from. */
export const pairedItemSchema = z
  .object({ item: z.number().int().nonnegative(), input: z.number().int().nonnegative().optional() })
  .strict();
export type PairedItem = z.infer<typeof pairedItemSchema>;

/**
 * The unit of data flowing between nodes, compatible with n8n's item model.
 * Items are treated as immutable once emitted: the engine never copies them
 * between nodes, so a node that changes an item must build a new one.
 */
export const itemSchema = z
  .object({
    json: z.record(z.string(), z.unknown()),
    binary: z.record(z.string(), binaryRefSchema).optional(),
    pairedItem: z.union([pairedItemSchema, z.array(pairedItemSchema)]).optional(),
  })
  .strict();

export interface Item {
  json: Record<string, unknown>;
  binary?: Record<string, BinaryRef>;
  pairedItem?: PairedItem | PairedItem[];
}

export const itemListSchema = z.array(itemSchema);

/** Items per output (or input) port name. */
export type PortItems = Record<string, Item[]>;
