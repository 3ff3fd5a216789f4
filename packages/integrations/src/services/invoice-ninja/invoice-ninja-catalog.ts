// Invoice Ninja in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { invoiceNinjaInfo } from './invoice-ninja-info.js';

/** Stand-in of the Invoice Ninja webhook secret credential type, which checks the trigger's calls. */
export const invoiceNinjaWebhookSecret = lazyCredential(
  'invoiceNinjaWebhookSecret',
  'Invoice Ninja webhook secret',
  async () => (await import('./invoice-ninja-credentials.js')).invoiceNinjaWebhookSecret,
);

/** Stand-in of the Invoice Ninja Trigger: calls checked with the secret in the webhook's URL. */
export const invoiceNinjaTrigger = lazyTrigger(
  invoiceNinjaInfo,
  invoiceNinjaWebhookSecret,
  async () => (await import('./invoice-ninja-trigger.js')).invoiceNinjaTrigger,
);

/** Invoice Ninja's node types, for the catalog's `allIntegrations`. */
export const invoiceNinjaNodeTypes: readonly NodeType[] = [invoiceNinjaTrigger];
/** Invoice Ninja's credential types, for the catalog's `allIntegrationCredentials`. */
export const invoiceNinjaCredentialTypes: readonly LazyCredentialType[] = [invoiceNinjaWebhookSecret];
