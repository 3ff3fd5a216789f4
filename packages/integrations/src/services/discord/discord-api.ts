// What every Discord call shares, whether signed with the bot token or sent to a webhook: the API's address, its rate limits and its errors.
import type { RateLimitRules, VendorError, VendorResponse } from '../../kit/service-types.js';

export const DISCORD_API = 'https://discord.com/api/v10';

/** Discord's 429 carries `Retry-After` (whole seconds) and `X-RateLimit-Reset-After` (fractional seconds). */
export const discordRateLimit: RateLimitRules = { retryAfterHeaders: ['x-ratelimit-reset-after'] };

/** The node parameter that sets each request field Discord may complain about. */
const PARAMETER_OF_FIELD: Record<string, string> = {
  content: 'content',
  embeds: 'embeds',
  tts: 'tts',
  message_reference: 'replyTo',
  name: 'name',
  type: 'channelType',
  topic: 'topic',
  parent_id: 'parentId',
  username: 'username',
  avatar_url: 'avatarUrl',
};

/** Discord's "Unknown ..." codes, by the parameter holding the id it did not find. */
const PARAMETER_OF_CODE: Record<number, string> = {
  10003: 'channelId',
  10004: 'guildId',
  10007: 'userId',
  10008: 'messageId',
  10011: 'roleId',
  10013: 'userId',
  10015: 'webhookUrl',
};

interface DiscordErrorBody {
  code?: number;
  message?: string;
  errors?: unknown;
}

/** The field errors of Discord's `errors` tree (`{ embeds: { 0: { title: { _errors: [...] } } } }`), with their dotted paths. */
function* fieldErrors(tree: unknown, path = ''): Generator<{ path: string; message: string }> {
  if (typeof tree !== 'object' || tree === null) return;
  for (const [key, value] of Object.entries(tree)) {
    if (key === '_errors' && Array.isArray(value)) {
      for (const error of value as { message?: string; code?: string }[]) yield { path, message: error.message ?? error.code ?? '' };
    } else {
      yield* fieldErrors(value, path ? `${path}.${key}` : key);
    }
  }
}

/**
 * Reads Discord's error answer, `{ code, message, errors }`: the code is
 * Discord's JSON error code (50035 Invalid Form Body, 10003 Unknown Channel),
 * and the parameter comes from the first field in `errors`, or from the code
 * when it names an unknown object.
 */
export function discordError(response: VendorResponse): VendorError | undefined {
  if (response.status < 400) return undefined;
  const body: DiscordErrorBody = typeof response.body === 'object' && response.body !== null ? response.body : {};
  const fields = [...fieldErrors(body.errors)];
  const detail = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
  const title =
    body.message ?? (typeof response.body === 'string' && response.body ? response.body.slice(0, 300) : `HTTP ${response.status}`);
  const field = fields.find((f) => PARAMETER_OF_FIELD[f.path.split('.')[0]!]);
  const parameter = field
    ? PARAMETER_OF_FIELD[field.path.split('.')[0]!]
    : body.code !== undefined
      ? PARAMETER_OF_CODE[body.code]
      : undefined;
  return {
    ...(body.code !== undefined ? { code: String(body.code) } : {}),
    message: detail ? `${title}: ${detail}` : title,
    ...(parameter ? { parameter } : {}),
  };
}
