// A repository's files through the contents API: read one (its bytes become the item's file) and create or update one.
import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import { param } from '../../kit/request-spec.js';
import type { OperationContext, OperationDefinition } from '../../kit/service-types.js';
import { toBase64 } from '../../kit/signature.js';
import { owner, repo } from './github-requests.js';

const filePath = z
  .string()
  .trim()
  .min(1)
  .regex(/^[^/]/, 'must be a path in the repository without a leading slash, such as docs/README.md')
  .meta({ label: 'File path', placeholder: 'docs/README.md' });
const binaryProperty = z.string().default('data').meta({ label: 'Binary property', description: 'Which of the item\u2019s files.' });

const getParams = z.object({
  owner,
  repo,
  filePath,
  ref: z.string().min(1).optional().meta({ label: 'Branch, tag or commit', description: 'Default: the repository\u2019s default branch.' }),
  binaryProperty,
});

const putParams = z
  .object({
    owner,
    repo,
    filePath,
    message: z.string().min(1).meta({ label: 'Commit message' }),
    binaryData: z
      .boolean()
      .default(false)
      .meta({ label: 'Content from a file', description: 'Send the item\u2019s file instead of text.' }),
    content: z.string().optional().meta({ label: 'Content', editor: 'multiline', description: 'Text, sent as UTF-8.' }),
    binaryProperty,
    sha: z
      .string()
      .regex(/^[0-9a-f]{40}$/, 'must be the blob SHA of the file being replaced (40 hex digits), as "Get" returns it')
      .optional()
      .meta({ label: 'SHA of the file replaced', description: 'Required to update a file; leave empty to create one.' }),
    branch: z.string().min(1).optional().meta({ label: 'Branch', description: 'Default: the repository\u2019s default branch.' }),
    committer: z
      .object({ name: z.string().min(1), email: z.string().min(1) })
      .optional()
      .meta({ label: 'Committer', editor: 'json', placeholder: '{"name": "Ada", "email": "ada@example.com"}' }),
  })
  .refine((p) => p.binaryData || p.content !== undefined, { path: ['content'], message: 'is required (or choose a file)' });

/** Reads a file: the item is GitHub's answer, and the file's bytes its binary; a directory gives one item per entry. */
export const getFile: OperationDefinition = {
  displayName: 'Get file',
  description: 'Read a file (its bytes become the item\u2019s file) or list a directory.',
  params: getParams,
  async execute(op) {
    const { params, request } = op as unknown as OperationContext<z.output<typeof getParams>>;
    const answer = await request({ method: 'GET', path: '/repos/{owner}/{repo}/contents/{filePath}', query: { ref: param('ref') } });
    if (Array.isArray(answer.body)) return (answer.body as Record<string, unknown>[]).map((json) => ({ json }));
    const file = answer.body as { type?: string; encoding?: string; content?: string; name?: string; size?: number };
    const item: Item = { json: file as Record<string, unknown> };
    // Files over 1 MB come with encoding "none" and no content: the item then has no binary.
    if (file.type === 'file' && file.encoding === 'base64' && typeof file.content === 'string') {
      item.binary = {
        [params.binaryProperty]: {
          data: file.content.replace(/\s+/g, ''),
          mimeType: 'application/octet-stream',
          ...(file.name ? { fileName: file.name } : {}),
          ...(typeof file.size === 'number' ? { fileSize: file.size } : {}),
        },
      };
    }
    return [item];
  },
};

/** Creates a file, or replaces one given its blob SHA, in one commit. */
export const putFile: OperationDefinition = {
  displayName: 'Create or update file',
  description: 'Commit a file: new, or replacing the one whose SHA is given.',
  params: putParams,
  async execute(op) {
    const { params, item, request, ctx } = op as unknown as OperationContext<z.output<typeof putParams>>;
    let content: string;
    if (params.binaryData) {
      const file = item.binary?.[params.binaryProperty];
      if (!file?.data) {
        throw nodeError(
          ctx,
          `GitHub file.put: parameter 'binaryProperty': the item has no binary '${params.binaryProperty}' with data.`,
          'PARAMETER_INVALID',
        );
      }
      content = file.data.replace(/\s+/g, '');
    } else {
      content = toBase64(new TextEncoder().encode(params.content ?? ''));
    }
    const answer = await request({
      method: 'PUT',
      path: '/repos/{owner}/{repo}/contents/{filePath}',
      body: {
        message: params.message,
        content,
        ...(params.sha ? { sha: params.sha } : {}),
        ...(params.branch ? { branch: params.branch } : {}),
        ...(params.committer ? { committer: params.committer } : {}),
      },
    });
    return [{ json: answer.body as Record<string, unknown> }];
  },
};
