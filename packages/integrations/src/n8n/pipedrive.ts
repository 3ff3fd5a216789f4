// n8n's Pipedrive node (version 1) as Flowloom's Pipedrive node: records read by ID.
import type { MapContext, MappedNode, NodeMapping } from '@flowloom/engine/n8n';
import { noOperation, slotFor } from './n8n-parameters.js';

/** n8n's resources Flowloom's node reads the same way (`GET /<path>/{id}`), with the parameter holding the ID. */
const GET_ID: Record<string, string> = {
  deal: 'dealId',
  person: 'personId',
  organization: 'organizationId',
  activity: 'activityId',
  product: 'productId',
};

function credential(ctx: MapContext): MappedNode['credential'] {
  const auth = ctx.choice('authentication', ['apiToken', 'oAuth2'], 'apiToken');
  return auth === 'oAuth2' ? slotFor('pipedriveOAuth2Api') : slotFor('pipedriveApi');
}

/**
 * n8n's Pipedrive node: a deal, person, organization, activity or product read by its ID. n8n reads Pipedrive's API
 * v1 and can rename custom fields after their names (`resolveProperties`); Flowloom's node reads the v2 API, which
 * keeps custom fields under `custom_fields` by their keys, so a node that renames them has no equivalent.
 */
export const pipedriveMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const slot = credential(ctx);
    const resource = ctx.literal<string>('resource', 'string', 'deal');
    const operation = ctx.literal<string>('operation', 'string', 'create');
    const idPath = GET_ID[resource];
    if (operation !== 'get' || !idPath) noOperation(ctx, 'Pipedrive', resource, operation);
    if (ctx.literal<boolean>('resolveProperties', 'boolean', false)) {
      ctx.fail(
        'resolveProperties',
        "renaming custom fields after their names has no equivalent: Flowloom's Pipedrive node returns them under custom_fields by their keys, as Pipedrive's API v2 does",
      );
    }
    ctx.onlyDefault('encodeProperties', false);
    ctx.warn(
      undefined,
      'api-version',
      "n8n's node reads Pipedrive's API v1; Flowloom's reads the v2 API, whose records group custom fields under custom_fields and name some fields differently",
    );
    return {
      type: 'integrations.pipedrive',
      parameters: { resource, operation: 'get', id: ctx.value(idPath, undefined, { asText: true }) },
      credential: slot,
    };
  },
};
