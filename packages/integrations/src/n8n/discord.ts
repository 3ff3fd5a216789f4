// n8n's Discord node version 1 (a message sent through a channel webhook) as Flowloom's Discord webhook send.
import { compact, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';

/** n8n's Discord node version 1: a message through a webhook URL, with the webhook's name, avatar and text to speech. */
export const discordMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const o = 'options';
    for (const option of ['allowedMentions', 'attachments', 'components', 'embeds', 'flags', 'json']) ctx.onlyDefault(`${o}.${option}`);
    return {
      type: 'integrations.discord',
      parameters: compact({
        resource: 'webhook',
        operation: 'send',
        webhookUrl: ctx.value('webhookUri', undefined, { asText: true }),
        content: ctx.value('text', undefined, { asText: true }),
        username: ctx.value(`${o}.username`, undefined, { asText: true }),
        avatarUrl: ctx.value(`${o}.avatarUrl`, undefined, { asText: true }),
        tts: ctx.literal<boolean>(`${o}.tts`, 'boolean'),
      }),
    };
  },
};
