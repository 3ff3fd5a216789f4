// Window Memory: the last messages of each conversation, kept in the engine's storage (`keyValue`) under the
// workflow and a session key, so a conversation goes on across executions and restarts, within the tenant.
import { defineNode, type NodeContext } from '@flowloom/engine';
import type { ModelMessage } from 'ai';
import { z } from 'zod';
import { memoryInfo } from './ai-info.js';
import { aiError, brand, textOrField, type MemorySupply } from './supplies.js';

/** Where memories are kept in the storage's key-value records. */
export const MEMORY_NAMESPACE = 'ai.memory';

/** One conversation as stored: its last messages, oldest first. */
interface StoredConversation {
  messages: { role: 'user' | 'assistant'; content: string }[];
}

const properties = z.object({
  sessionKey: z.string().optional().meta({
    label: 'Session key',
    description: 'Names the conversation; items with the same key share its messages. Left empty: the item\u2019s sessionId field.',
  }),
  windowSize: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .meta({ label: 'Exchanges kept', description: 'How many of the last question-and-answer pairs the model is given.' }),
});

function isStored(value: unknown): value is StoredConversation {
  return typeof value === 'object' && value !== null && Array.isArray((value as StoredConversation).messages);
}

/** The key of a conversation: the workflow's id and the session key, so two workflows never share one by accident. */
export const memoryKey = (workflowId: string, sessionKey: string) => `${workflowId}/${sessionKey}`;

/** The Window Memory node: supplies one conversation's messages to the agent it is attached to. */
export const windowMemory = defineNode({
  ...memoryInfo,
  properties,
  execute() {
    return [];
  },
  supply(ctx: NodeContext<z.output<typeof properties>>, itemIndex: number): MemorySupply {
    const p = ctx.params(itemIndex);
    const sessionKey = textOrField(ctx, p.sessionKey, itemIndex, 'sessionKey', 'sessionId');
    const { windowSize } = p;
    const store = ctx.keyValue;
    if (!store) {
      throw aiError(
        ctx,
        'the engine\u2019s storage keeps no key-value records, so there is nowhere to keep the conversation; use a storage that does (memory, SQLite, IndexedDB).',
        'STORAGE_UNAVAILABLE',
      );
    }
    const key = memoryKey(ctx.workflow.id, sessionKey);
    const read = async () => {
      const value = await store.get(MEMORY_NAMESPACE, key);
      return isStored(value) ? value.messages : [];
    };
    return brand.memory({
      sessionKey,
      async load(): Promise<ModelMessage[]> {
        const messages = (await read()).slice(-2 * windowSize);
        ctx.addLogs([
          {
            level: 'info',
            message: `Memory '${sessionKey}': ${messages.length} message(s) given to the model`,
            data: { kind: 'memory-load', item: itemIndex, node: ctx.node.name, sessionKey, messages },
          },
        ]);
        return messages;
      },
      async save(user, assistant) {
        const messages = [...(await read()), { role: 'user' as const, content: user }, { role: 'assistant' as const, content: assistant }];
        await store.set(MEMORY_NAMESPACE, key, { messages: messages.slice(-2 * windowSize) } satisfies StoredConversation);
      },
    });
  },
});
