import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { toBase64, utf8Encode } from '../../../binary/bytes.js';
import { setPath } from '../shared/field-path.js';
import { readItemFile } from '../shared/item-files.js';
import { parameterError, preview } from '../shared/node-error.js';
import { withJson } from '../shared/item-result.js';
import { ALGORITHMS, loadHashes, type Hashes } from './hashes.js';
import { copyJson } from '../shared/copy-json.js';

const show = (...actions: string[]) => ({ show: { action: actions } });

const properties = z.object({
  action: z
    .enum(['hash', 'hmac', 'generate'])
    .default('hash')
    .meta({
      label: 'Action',
      options: [
        { value: 'hash', label: 'Hash', description: 'A digest of a text or a file.' },
        { value: 'hmac', label: 'HMAC', description: 'A keyed digest, such as a webhook signature.' },
        { value: 'generate', label: 'Generate', description: 'A random UUID or random string.' },
      ],
    }),
  algorithm: z
    .enum(ALGORITHMS)
    .default('SHA256')
    .meta({ label: 'Type', displayOptions: show('hash', 'hmac') }),
  binaryData: z
    .boolean()
    .default(false)
    .meta({ label: 'Binary File', description: 'Hash a file of the item instead of a text.', displayOptions: show('hash', 'hmac') }),
  binaryProperty: z
    .string()
    .default('data')
    .meta({
      label: 'Binary Property',
      description: "Key of the file in the item's binary data.",
      displayOptions: { show: { binaryData: [true] } },
    }),
  value: z
    .unknown()
    .optional()
    .meta({
      label: 'Value',
      description: 'The text to hash, usually an expression such as {{ $json.body }}. Objects are hashed as their JSON text.',
      displayOptions: { show: { action: ['hash', 'hmac'], binaryData: [false] } },
    }),
  secret: z
    .string()
    .optional()
    .meta({
      label: 'Secret',
      description: 'The HMAC key. An empty text signs with an empty key (as n8n does when its Secret is left empty).',
      displayOptions: show('hmac'),
    }),
  encoding: z
    .enum(['hex', 'base64'])
    .default('hex')
    .meta({ label: 'Encoding', displayOptions: show('hash', 'hmac') }),
  generateType: z
    .enum(['uuid', 'hex', 'base64'])
    .default('uuid')
    .meta({
      label: 'Type',
      options: [
        { value: 'uuid', label: 'UUID (version 4)' },
        { value: 'hex', label: 'Random hex string' },
        { value: 'base64', label: 'Random base64 string' },
      ],
      displayOptions: show('generate'),
    }),
  length: z
    .number()
    .int()
    .min(1)
    .max(4096)
    .default(32)
    .meta({
      label: 'Length',
      description: 'Characters in the random string.',
      displayOptions: { show: { action: ['generate'], generateType: ['hex', 'base64'] } },
    }),
  dataPropertyName: z
    .string()
    .min(1)
    .default('data')
    .meta({ label: 'Property Name', description: 'The field the result is written to (a dot path).' }),
});

function randomString(kind: 'hex' | 'base64', length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(Math.ceil(length * (kind === 'hex' ? 0.5 : 0.75)) + 2));
  const text = kind === 'hex' ? Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') : toBase64(bytes);
  return text.slice(0, length);
}

/** Hashes and signs values (MD5, SHA-1/2/3, HMAC) and generates random UUIDs and strings. */
export const cryptoNode = defineNode({
  type: 'core.crypto',
  version: 1,
  displayName: 'Crypto',
  description: 'Hashes texts or files (MD5, SHA-1, SHA-2, SHA-3), signs them with HMAC, or generates random UUIDs and strings.',
  group: 'data',
  icon: 'key-round',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const name = ctx.node.name;
    let hashes: Hashes | undefined;
    const out: Item[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const p = ctx.params(i);
      let result: string;
      if (p.action === 'generate') {
        result = p.generateType === 'uuid' ? crypto.randomUUID() : randomString(p.generateType, p.length);
      } else {
        let data: Uint8Array;
        if (p.binaryData) {
          data = readItemFile(name, 'binaryProperty', item, p.binaryProperty, i).bytes;
        } else {
          const v = p.value;
          if (v === undefined || v === null)
            throw parameterError(name, 'value', `is required to ${p.action === 'hmac' ? 'sign' : 'hash'}, got ${preview(v)}`, i);
          data = utf8Encode(typeof v === 'string' ? v : JSON.stringify(v));
        }
        hashes ??= await loadHashes();
        let digest: Uint8Array;
        if (p.action === 'hmac') {
          // An empty key is a valid HMAC key (RFC 2104 pads it with zeros); only a missing one is refused.
          if (p.secret === undefined) throw parameterError(name, 'secret', "is required for HMAC (give '' to sign with an empty key)", i);
          digest = hashes.hmac(p.algorithm, utf8Encode(p.secret), data);
        } else digest = hashes.hash(p.algorithm, data);
        result = p.encoding === 'hex' ? hashes.hex(digest) : toBase64(digest);
      }
      const json = copyJson(item.json);
      setPath(json, p.dataPropertyName, result);
      out[i] = withJson(item, json, i);
    }
    return out;
  },
});
