import type { Item, NodeExecutionError } from '@flowloom/engine';
import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import type { OperationContext, OperationDefinition } from '../../kit/service-types.js';
import { download, upload } from './dropbox-content.js';
import { API_HOST, dropboxOAuth2 } from './dropbox-credentials.js';
import { dropboxError } from './dropbox-errors.js';
import { dropboxInfo } from './dropbox-info.js';

export { dropboxOAuth2 };

type Params = Record<string, unknown>;

/** A path in the account (`/Reports/june.pdf`), a file ID (`id:...`) or a namespace path (`ns:123/...`). */
const dropboxPath = (label: string, placeholder: string) =>
  z
    .string()
    .trim()
    .regex(/^(\/.*|id:.+|ns:\d+(\/.*)?)$/s, 'must be a Dropbox path such as /Reports/june.pdf (or id:...)')
    .meta({ label, placeholder });
const path = dropboxPath('Path', '/Reports/june.pdf');
const binaryProperty = z
  .string()
  .min(1)
  .default('data')
  .meta({ label: 'Binary property', description: 'The item\u2019s file to upload, or where to put the downloaded one.' });
const listParams = {
  returnAll: z.boolean().default(false).meta({ label: 'Return all', description: 'Follow every page; otherwise stop at the limit.' }),
  limit: z.number().int().min(1).default(50).meta({ label: 'Limit', description: 'The most items to return.' }),
};
/** The most entries Dropbox returns in one page of a folder listing. */
const MAX_PAGE = 2000;

/** A folder as `list_folder` takes it: the root is the empty path, and no path ends with a slash. */
const asFolder = (value: unknown) => String(value ?? '').replace(/\/+$/, '');

/** Lists a folder, then follows `list_folder/continue` with each page's cursor while `has_more` says so. */
async function listFolder({ params: p, request }: OperationContext<Params>): Promise<Item[]> {
  const limit = p['returnAll'] === true ? Infinity : Number(p['limit']);
  const out: Item[] = [];
  let page = await request({
    method: 'POST',
    path: '/files/list_folder',
    body: {
      path: asFolder(p['folderPath']),
      recursive: p['recursive'] === true,
      ...(Number.isFinite(limit) ? { limit: Math.min(MAX_PAGE, limit) } : {}),
    },
  });
  for (;;) {
    const { entries = [], cursor, has_more } = page.body as { entries?: Params[]; cursor?: string; has_more?: boolean };
    for (const json of entries) if (out.length < limit) out.push({ json });
    if (!has_more || !cursor || out.length >= limit) return out;
    page = await request({ method: 'POST', path: '/files/list_folder/continue', body: { cursor } });
  }
}

/** The settings given, as Dropbox names them; a password makes the link require it. */
function linkSettings(p: Params): Params {
  const settings: Params = {
    audience: p['audience'],
    require_password: p['password'] ? true : undefined,
    link_password: p['password'],
    expires: p['expires'],
    allow_download: p['allowDownload'],
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
}

/** Creates a shared link; when the file already has one and no settings were asked for, that link is the answer. */
async function createSharedLink({ params: p, request }: OperationContext<Params>): Promise<Item[]> {
  const settings = linkSettings(p);
  const body = { path: p['path'] as string, ...(Object.keys(settings).length > 0 ? { settings } : {}) };
  try {
    return [
      { json: (await request({ method: 'POST', path: '/sharing/create_shared_link_with_settings', body: body as never })).body as Params },
    ];
  } catch (error) {
    const answer = (error as NodeExecutionError).details as { body?: { error?: Params } } | undefined;
    const existing = answer?.body?.error?.['shared_link_already_exists'] as { metadata?: Params } | undefined;
    if (existing?.metadata && Object.keys(settings).length === 0) return [{ json: existing.metadata }];
    throw error;
  }
}

const content =
  (run: typeof upload, label: string): OperationDefinition['execute'] =>
  (op) =>
    run(op as OperationContext<Params>, label);

/** Dropbox: files uploaded (in sessions when large), downloaded, moved and deleted, folders listed, links shared. */
export const dropbox = defineService({
  ...dropboxInfo,
  baseUrl: `https://${API_HOST}/2`,
  credentials: [dropboxOAuth2],
  error: dropboxError,
  resources: {
    file: {
      displayName: 'File',
      operations: {
        upload: {
          displayName: 'Upload',
          description: 'The item\u2019s file, to a path in Dropbox.',
          params: z.object({
            path,
            binaryProperty,
            mode: z
              .enum(['add', 'overwrite'])
              .default('add')
              .meta({
                label: 'If the file exists',
                options: [
                  { value: 'add', label: 'Keep both' },
                  { value: 'overwrite', label: 'Overwrite' },
                ],
              }),
            autorename: z
              .boolean()
              .default(false)
              .meta({ label: 'Rename on conflict', description: 'Add a number to the name rather than fail.' }),
            mute: z.boolean().default(false).meta({ label: 'Mute', description: 'Do not notify the account\u2019s desktop apps.' }),
            chunkSize: z.number().int().min(1).max(150).default(8).meta({
              label: 'Chunk size (MiB)',
              description: 'A larger file is sent in an upload session, in chunks of this size (Dropbox takes up to 150 MiB a call).',
            }),
          }),
          execute: content(upload, 'Dropbox file.upload'),
        },
        download: {
          displayName: 'Download',
          description: 'A file, into the item\u2019s binary, with its metadata.',
          params: z.object({ path, binaryProperty }),
          execute: content(download, 'Dropbox file.download'),
        },
        move: {
          displayName: 'Move',
          description: 'A file or folder, to another path (renaming it).',
          params: z.object({
            fromPath: dropboxPath('From path', '/Inbox/june.pdf'),
            toPath: dropboxPath('To path', '/Reports/2026/june.pdf'),
            autorename: z
              .boolean()
              .default(false)
              .meta({ label: 'Rename on conflict', description: 'Add a number to the name rather than fail.' }),
          }),
          request: {
            method: 'POST',
            path: '/files/move_v2',
            body: { from_path: param('fromPath'), to_path: param('toPath'), autorename: param('autorename') },
          },
          response: { items: 'metadata' },
        },
        delete: {
          displayName: 'Delete',
          description: 'A file or folder (a folder with everything in it).',
          params: z.object({ path }),
          request: { method: 'POST', path: '/files/delete_v2', body: { path: param('path') } },
          response: { items: 'metadata' },
        },
      },
    },
    folder: {
      displayName: 'Folder',
      operations: {
        list: {
          displayName: 'List',
          description: 'Its files and folders (and theirs, when recursive), every page followed.',
          params: z.object({
            folderPath: z
              .string()
              .trim()
              .regex(/^(\/.*|id:.+|ns:\d+(\/.*)?)?$/s, 'must be a Dropbox folder path such as /Reports, or empty for the root')
              .default('')
              .meta({ label: 'Folder path', placeholder: '/Reports', description: 'Empty (or /) for the root.' }),
            recursive: z.boolean().default(false).meta({ label: 'Recursive', description: 'Include what is in sub-folders.' }),
            ...listParams,
          }),
          execute: listFolder as OperationDefinition['execute'],
        },
      },
    },
    sharedLink: {
      displayName: 'Shared link',
      operations: {
        create: {
          displayName: 'Create',
          description: 'A link to a file or folder (the existing one, when it has one and no settings are given).',
          params: z.object({
            path,
            audience: z.enum(['public', 'team', 'no_one']).optional().meta({ label: 'Who may open it' }),
            password: z.string().min(1).optional().meta({ label: 'Link password', description: 'Those who open the link must give it.' }),
            expires: z
              .string()
              .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'must be a UTC time such as 2026-07-01T00:00:00Z')
              .optional()
              .meta({ label: 'Expires', placeholder: '2026-07-01T00:00:00Z' }),
            allowDownload: z.boolean().optional().meta({ label: 'Allow download' }),
          }),
          execute: createSharedLink as OperationDefinition['execute'],
        },
      },
    },
  },
});
