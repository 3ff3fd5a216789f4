import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import type { RequestSpec } from '../../kit/request-spec.js';
import type { Service, VendorResponse } from '../../kit/service-types.js';
import { googleDriveOAuth2, googleDriveServiceAccount } from '../google/google-credentials.js';
import { googleError } from '../google/google-error.js';
import { DRIVE_API, MULTIPART_MAX_BYTES, downloadFile, uploadFile } from './google-drive-files.js';
import { googleDriveInfo } from './google-drive-info.js';

export { googleDriveOAuth2, googleDriveServiceAccount };

export const FOLDER_MIME_TYPE = 'application/vnd.google-apps.folder';
/** The file fields asked for unless the user names others. */
export const FILE_FIELDS = 'id,name,mimeType,size,parents,webViewLink,createdTime,modifiedTime,trashed';

/** Drive's parameter names, where they differ from the node's. */
const PARAMETERS = { q: 'searchQuery' };

const fileId = z.string().trim().min(1).meta({ label: 'File ID', description: 'The ID in the file\u2019s URL (a folder\u2019s too).' });
const fields = z
  .string()
  .trim()
  .min(1)
  .default(FILE_FIELDS)
  .meta({ label: 'Fields', description: 'The file fields to return, comma-separated (Drive\u2019s `fields` syntax).' });
const folderId = z
  .string()
  .trim()
  .min(1)
  .meta({ label: 'Folder', description: 'A folder\u2019s ID; `root` is My Drive.', loadOptions: 'folders' });
const binaryProperty = z.string().trim().min(1).default('data').meta({ label: 'Binary property' });

/** A value in a Drive query, quoted as Drive's `q` syntax wants (backslash and single quote escaped). */
function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

interface ListParams {
  folderId?: string | undefined;
  nameContains?: string | undefined;
  mimeType?: string | undefined;
  searchQuery?: string | undefined;
  includeTrashed: boolean;
  orderBy?: string | undefined;
  fields: string;
}

/** The `q` of a search: each filter the user set, and theirs, all required. */
export function driveQuery(p: Omit<ListParams, 'orderBy' | 'fields'>): string {
  const parts: string[] = [];
  if (p.folderId) parts.push(`${quoted(p.folderId)} in parents`);
  if (p.nameContains) parts.push(`name contains ${quoted(p.nameContains)}`);
  if (p.mimeType) parts.push(`mimeType = ${quoted(p.mimeType)}`);
  if (!p.includeTrashed) parts.push('trashed = false');
  if (p.searchQuery) parts.push(parts.length > 0 ? `(${p.searchQuery})` : p.searchQuery);
  return parts.join(' and ');
}

function listRequest(p: ListParams): RequestSpec {
  const q = driveQuery(p);
  return {
    method: 'GET',
    path: '/files',
    query: {
      ...(q ? { q } : {}),
      ...(p.orderBy ? { orderBy: p.orderBy } : {}),
      fields: `nextPageToken,files(${p.fields})`,
      supportsAllDrives: true,
      includeItemsFromAllDrives: true,
    },
  };
}

const pageByToken = (items: string) => ({
  paginate: {
    type: 'cursor' as const,
    next: 'nextPageToken',
    send: { in: 'query' as const, name: 'pageToken' },
    pageSize: { in: 'query' as const, name: 'pageSize', value: 100 },
  },
  response: { items },
});

const shareParams = z
  .object({
    fileId,
    role: z
      .enum(['reader', 'commenter', 'writer', 'fileOrganizer', 'organizer', 'owner'])
      .default('reader')
      .meta({ label: 'Role', description: 'fileOrganizer and organizer are for shared drives.' }),
    type: z.enum(['user', 'group', 'domain', 'anyone']).default('user').meta({ label: 'Share with' }),
    emailAddress: z.string().trim().min(1).optional().meta({ label: 'Email address', description: 'For a user or a group.' }),
    domain: z.string().trim().min(1).optional().meta({ label: 'Domain', description: 'For a domain: everyone in it.' }),
    allowFileDiscovery: z.boolean().optional().meta({ label: 'Findable in search', description: 'For a domain or anyone.' }),
    sendNotificationEmail: z.boolean().optional().meta({ label: 'Send a notification email' }),
    emailMessage: z.string().optional().meta({ label: 'Message in the email', editor: 'multiline' }),
    transferOwnership: z.boolean().optional().meta({ label: 'Transfer ownership', description: 'Required with the owner role.' }),
  })
  .superRefine((p, ctx) => {
    if ((p.type === 'user' || p.type === 'group') && !p.emailAddress)
      ctx.addIssue({ code: 'custom', path: ['emailAddress'], message: `is required to share with a ${p.type}` });
    if (p.type === 'domain' && !p.domain) ctx.addIssue({ code: 'custom', path: ['domain'], message: 'is required to share with a domain' });
  });

/** Google Drive: files and folders, their sharing, uploads and downloads, through the Drive API v3. */
export const googleDrive: Service = defineService({
  ...googleDriveInfo,
  baseUrl: DRIVE_API,
  credentials: [googleDriveOAuth2, googleDriveServiceAccount],
  error: (response: VendorResponse) => googleError(response, PARAMETERS),
  loadOptions: {
    folders: {
      request: listRequest({ mimeType: FOLDER_MIME_TYPE, includeTrashed: false, fields: 'id,name', orderBy: 'name' }),
      paginate: pageByToken('files').paginate,
      items: 'files',
      value: 'id',
      label: 'name',
    },
  },
  resources: {
    file: {
      displayName: 'File',
      operations: {
        upload: {
          displayName: 'Upload',
          description: `The item\u2019s file, in one request up to ${MULTIPART_MAX_BYTES / 1024 / 1024} MB, resumable in chunks above.`,
          params: z.object({
            binaryProperty: binaryProperty.meta({ label: 'Binary property', description: 'Which of the item\u2019s files to upload.' }),
            fileName: z.string().trim().min(1).optional().meta({ label: 'File name', description: 'Default: the file\u2019s own name.' }),
            folderId: folderId.optional(),
            description: z.string().optional().meta({ label: 'Description' }),
            chunkSizeMiB: z
              .number()
              .int()
              .min(1)
              .max(256)
              .default(8)
              .meta({ label: 'Chunk size (MiB)', description: 'For files over 5 MB, sent in chunks of this size.' }),
            fields,
          }),
          execute: uploadFile(() => googleDrive.definition),
        },
        download: {
          displayName: 'Download',
          description: 'The file\u2019s bytes into the item\u2019s binary (Google Docs files exported).',
          params: z.object({
            fileId,
            binaryProperty: binaryProperty.meta({ label: 'Put the file in', description: 'The item\u2019s binary property.' }),
            exportMimeType: z.string().trim().min(1).optional().meta({
              label: 'Export as',
              placeholder: 'application/pdf',
              description: 'For Google Docs, Sheets and Slides files, which have no bytes of their own.',
            }),
          }),
          execute: downloadFile(() => googleDrive.definition),
        },
        get: {
          displayName: 'Get',
          description: 'A file\u2019s metadata.',
          params: z.object({ fileId, fields }),
          request: { method: 'GET', path: '/files/{fileId}', query: { fields: param('fields'), supportsAllDrives: true } },
        },
        list: {
          displayName: 'List and search',
          description: 'Files matching every filter given, with a Drive query (`q`) for the rest.',
          params: z.object({
            folderId: folderId.optional().meta({ label: 'In folder', loadOptions: 'folders' }),
            nameContains: z.string().min(1).optional().meta({ label: 'Name contains' }),
            mimeType: z.string().trim().min(1).optional().meta({ label: 'MIME type', placeholder: 'application/pdf' }),
            searchQuery: z
              .string()
              .trim()
              .min(1)
              .optional()
              .meta({ label: 'Query', placeholder: "modifiedTime > '2026-01-01T00:00:00'", description: 'Drive search syntax (`q`).' }),
            includeTrashed: z.boolean().default(false).meta({ label: 'Include the trash' }),
            orderBy: z.string().trim().min(1).optional().meta({ label: 'Order by', placeholder: 'modifiedTime desc' }),
            fields,
          }),
          request: (p) => listRequest(p as unknown as ListParams),
          ...pageByToken('files'),
        },
        move: {
          displayName: 'Move',
          description: 'Into another folder, out of the ones it is in.',
          params: z.object({ fileId, folderId, fields }),
          async execute(op) {
            const current = await op.request({
              method: 'GET',
              path: '/files/{fileId}',
              query: { fields: 'parents', supportsAllDrives: true },
            });
            const parents = (current.body as { parents?: string[] }).parents ?? [];
            const moved = await op.request({
              method: 'PATCH',
              path: '/files/{fileId}',
              query: {
                addParents: String(op.params['folderId']),
                ...(parents.length > 0 ? { removeParents: parents.join(',') } : {}),
                fields: String(op.params['fields']),
                supportsAllDrives: true,
              },
              body: {},
            });
            return [{ json: moved.body as Record<string, unknown> }];
          },
        },
        delete: {
          displayName: 'Delete',
          description: 'Moves the file to the trash, or deletes it for good.',
          params: z.object({
            fileId,
            permanently: z
              .boolean()
              .default(false)
              .meta({ label: 'Delete permanently', description: 'Skip the trash; it cannot be undone.' }),
          }),
          request: (p): RequestSpec =>
            p['permanently']
              ? { method: 'DELETE', path: '/files/{fileId}', query: { supportsAllDrives: true } }
              : {
                  method: 'PATCH',
                  path: '/files/{fileId}',
                  query: { fields: FILE_FIELDS, supportsAllDrives: true },
                  body: { trashed: true },
                },
        },
      },
    },
    folder: {
      displayName: 'Folder',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            name: z.string().trim().min(1).meta({ label: 'Name' }),
            parentId: folderId.optional().meta({ label: 'In folder', loadOptions: 'folders' }),
            description: z.string().optional().meta({ label: 'Description' }),
            fields,
          }),
          request: {
            method: 'POST',
            path: '/files',
            query: { fields: param('fields'), supportsAllDrives: true },
            body: {
              name: param('name'),
              mimeType: FOLDER_MIME_TYPE,
              parents: param('parentId', (v) => [v]),
              description: param('description'),
            },
          },
        },
      },
    },
    permission: {
      displayName: 'Sharing',
      operations: {
        share: {
          displayName: 'Share',
          description: 'Gives a user, a group, a domain or anyone a role on the file.',
          params: shareParams,
          request: {
            method: 'POST',
            path: '/files/{fileId}/permissions',
            query: {
              sendNotificationEmail: param('sendNotificationEmail'),
              emailMessage: param('emailMessage'),
              transferOwnership: param('transferOwnership'),
              supportsAllDrives: true,
            },
            body: {
              role: param('role'),
              type: param('type'),
              emailAddress: param('emailAddress'),
              domain: param('domain'),
              allowFileDiscovery: param('allowFileDiscovery'),
            },
          },
        },
        list: {
          displayName: 'List',
          description: 'Who the file is shared with.',
          params: z.object({ fileId }),
          request: {
            method: 'GET',
            path: '/files/{fileId}/permissions',
            query: {
              fields: 'nextPageToken,permissions(id,type,role,emailAddress,domain,displayName)',
              supportsAllDrives: true,
            },
          },
          ...pageByToken('permissions'),
        },
        remove: {
          displayName: 'Remove',
          description: 'Stops sharing the file with one permission\u2019s holder.',
          params: z.object({ fileId, permissionId: z.string().trim().min(1).meta({ label: 'Permission ID' }) }),
          request: { method: 'DELETE', path: '/files/{fileId}/permissions/{permissionId}', query: { supportsAllDrives: true } },
        },
      },
    },
  },
});
