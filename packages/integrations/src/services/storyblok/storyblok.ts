import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import type { ResourceDefinition, VendorResponse } from '../../kit/service-types.js';
import { EU_HOST, storyblokManagementApi } from './storyblok-credentials.js';
import { storyblokInfo } from './storyblok-info.js';

export { storyblokManagementApi };

/** A numeric ID, written as a number or as its digits (taken as text). */
const id = (label: string, description?: string) =>
  z
    .preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().regex(/^\d+$/, 'must be a number such as 96940'))
    .meta({ label, ...(description ? { description } : {}) });
const space = id('Space ID', 'The number in the space\u2019s settings (Settings \u203a Space).');
const storyId = id('Story ID');

const resources: Record<string, ResourceDefinition> = {
  story: {
    displayName: 'Story',
    operations: {
      getAll: {
        displayName: 'Get many',
        description: 'The stories of a space, each as the Management API lists it (without its content).',
        params: z.object({
          space,
          startsWith: z
            .string()
            .trim()
            .min(1)
            .optional()
            .meta({ label: 'Starts with', description: 'Only stories whose full slug starts with this, such as blog/.' }),
          search: z.string().trim().min(1).optional().meta({ label: 'Search', description: 'Text in the story\u2019s name or slug.' }),
        }),
        request: {
          method: 'GET',
          path: '/v1/spaces/{space}/stories',
          query: { starts_with: param('startsWith'), text_search: param('search') },
        },
        response: { items: 'stories' },
        paginate: { type: 'page', page: { in: 'query', name: 'page', start: 1 }, pageSize: { in: 'query', name: 'per_page', value: 100 } },
      },
      get: {
        displayName: 'Get',
        description: 'One story, with its content.',
        params: z.object({ space, storyId }),
        request: { method: 'GET', path: '/v1/spaces/{space}/stories/{storyId}' },
        response: { items: 'story' },
      },
      publish: {
        displayName: 'Publish',
        description: 'Publish a story (in one language, or for a release, when given); the item is the story.',
        params: z.object({
          space,
          storyId,
          releaseId: id('Release ID', 'Publishes the story in this release instead.').optional(),
          language: z
            .string()
            .trim()
            .min(1)
            .optional()
            .meta({ label: 'Language', description: 'A language code of the space, such as de.' }),
        }),
        request: {
          method: 'GET',
          path: '/v1/spaces/{space}/stories/{storyId}/publish',
          query: { release_id: param('releaseId'), lang: param('language') },
        },
        response: { items: 'story' },
      },
      unpublish: {
        displayName: 'Unpublish',
        description: 'Take a story off the published site; the item is the story.',
        params: z.object({ space, storyId }),
        request: { method: 'GET', path: '/v1/spaces/{space}/stories/{storyId}/unpublish' },
        response: { items: 'story' },
      },
      delete: {
        displayName: 'Delete',
        description: 'Remove a story; the item is the story removed.',
        params: z.object({ space, storyId }),
        request: { method: 'DELETE', path: '/v1/spaces/{space}/stories/{storyId}' },
        response: { items: 'story' },
      },
    },
  },
};

/** Storyblok's errors: `{ error }`, or a list or object of messages about fields, or plain text. */
function storyblokError(response: VendorResponse) {
  if (response.status < 400) return undefined;
  const body = response.body;
  if (typeof body === 'string') return { message: body.slice(0, 300) || `HTTP ${response.status}` };
  if (Array.isArray(body)) return { message: body.map(String).join('; ') || `HTTP ${response.status}` };
  if (typeof body === 'object' && body !== null) {
    const { error, ...fields } = body as Record<string, unknown>;
    if (typeof error === 'string') return { message: error };
    const said = Object.entries(fields).map(
      ([field, messages]) => `${field} ${Array.isArray(messages) ? messages.join(', ') : String(messages)}`,
    );
    if (said.length > 0) return { message: said.join('; ') };
  }
  return { message: `HTTP ${response.status}` };
}

/** The Storyblok node: a space's stories through the Management API. */
export const storyblok = defineService({
  ...storyblokInfo,
  baseUrl: `https://${EU_HOST}`,
  credentials: [storyblokManagementApi],
  resources,
  error: storyblokError,
});
