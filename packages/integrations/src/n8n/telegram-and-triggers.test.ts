// n8n's Telegram node and the webhook triggers (Telegram, GitHub, WooCommerce, PayPal), from real corpus nodes.
import { describe, expect, it } from 'vitest';
import { fixtureNode, importAfterTrigger } from '../testing/n8n-import.js';

describe("n8n's Telegram node, imported", () => {
  it('makes a text message a Flowloom send with its parse mode and options, the credential in its slot', () => {
    const { node, report } = importAfterTrigger(
      fixtureNode('1843_Telegram_Code_Automate_Triggered.json', 'Respond on Telegram in batches'),
    );
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.telegram',
      parameters: {
        resource: 'message',
        operation: 'send',
        text: '{{ $string($json.text) }}',
        parseMode: 'MarkdownV2',
        disableNotification: true,
      },
      credentials: { telegramApi: 'ODwnm0QOyG3qSae4' },
    });
  });

  it('makes a photo sent by URL a Flowloom sendPhoto of that file', () => {
    const { node } = importAfterTrigger(fixtureNode('0231_Telegram_Nasa_Send_Scheduled.json', 'Telegram'));
    expect(node?.parameters).toMatchObject({ operation: 'sendPhoto', binaryData: false, chatId: '-485365454' });
  });

  it("warns that n8n's attribution line is not appended", () => {
    const { report } = importAfterTrigger(fixtureNode('1001_Telegram_Stickynote_Automation_Triggered.json', 'Send message'));
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: 'attribution-dropped', parameter: 'additionalFields.appendAttribution' }),
    );
  });

  it('keeps an operation Flowloom lacks as a placeholder naming the operation', () => {
    const { report } = importAfterTrigger(fixtureNode('1485_Telegram_Stickynote_Automate_Triggered.json', 'Send Typing action'));
    expect(report.placeholders).toMatchObject([{ cause: 'parameters', parameter: 'operation' }]);
  });
});

describe("n8n's webhook triggers, imported", () => {
  it("makes a Telegram Trigger a Flowloom one on the same updates, on a path of n8n's webhook id", () => {
    const { node, report } = importAfterTrigger(
      fixtureNode('1103_Googletaskstool_Telegram_Automation_Webhook.json', 'Receber Mensagem Telegram'),
    );
    expect(node).toMatchObject({
      type: 'integrations.telegramTrigger',
      parameters: { path: 'telegram/f2b29356-d5d3-4f5d-9ef1-273001c0a820', events: ['message'] },
      credentials: { telegramApi: 'TAVUHrFXuDIMInWe' },
    });
    expect(report.problems.map((p) => p.code)).toContain('webhook-registration');
    expect(report.problems.map((p) => p.code)).not.toContain('no-trigger');
  });

  it("makes a GitHub Trigger on every event ('*') a Flowloom one on its default, every event", () => {
    const { node } = importAfterTrigger(fixtureNode('0289_GitHub_Stickynote_Update_Triggered.json', 'On any update in repository'));
    expect(node).toMatchObject({ type: 'integrations.githubTrigger', parameters: { path: 'github/9f16fefe-dacf-48b8-a576-48ed0599e911' } });
    expect(node?.parameters).not.toHaveProperty('events');
  });

  it("makes a WooCommerce Trigger's one event the Flowloom trigger's list of one", () => {
    const { node } = importAfterTrigger(fixtureNode('1160_Mautic_Woocommerce_Create_Triggered.json', 'Customer Created or Updated'));
    expect(node).toMatchObject({ type: 'integrations.woocommerceTrigger', parameters: { events: ['customer.updated'] } });
  });

  it('keeps a PayPal Trigger on an event Flowloom does not offer as a placeholder naming the event', () => {
    const node = fixtureNode('0965_Paypal_Update_Triggered.json', 'PayPal Trigger');
    const { report } = importAfterTrigger({ ...node, parameters: { events: ['MERCHANT.PARTNER-CONSENT.REVOKED'] } });
    expect(report.placeholders).toMatchObject([{ cause: 'parameters', parameter: 'events[0]' }]);
    expect(report.placeholders[0]!.reason).toContain('MERCHANT.PARTNER-CONSENT.REVOKED');
  });

  it('keeps a Telegram Trigger that downloads files as a placeholder naming the setting', () => {
    const { report } = importAfterTrigger(fixtureNode('0148_Awstextract_Telegram_Automate_Triggered.json', 'Telegram Trigger'));
    expect(report.placeholders).toMatchObject([{ cause: 'parameters', parameter: 'additionalFields.download' }]);
  });
});
