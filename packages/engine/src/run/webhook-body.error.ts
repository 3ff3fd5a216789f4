import { FlowloomError } from '../errors/flowloom.error.js';

/**
 * A webhook request's body could not be read as its content type says
 * (JSON that does not parse, a broken multipart form). Code
 * `WEBHOOK_BODY_INVALID`; the caller gets a 400 answer with the message.
 */
export class WebhookBodyError extends FlowloomError {
  static override readonly kind: string = 'WebhookBodyError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('WEBHOOK_BODY_INVALID', message, options);
    this.name = 'WebhookBodyError';
  }
}
