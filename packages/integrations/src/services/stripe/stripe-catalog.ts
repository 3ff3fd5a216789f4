// Stripe in the catalog: stand-ins for its node, its trigger and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService, lazyTrigger } from '../catalog-parts.js';
import { stripeInfo } from './stripe-info.js';

const credentials = () => import('./stripe-credentials.js');

/** Stand-in of the Stripe secret key credential type. */
export const stripeApiKey = lazyCredential('stripeApi', 'Stripe secret key', async () => (await credentials()).stripeApiKey);
/** Stand-in of the Stripe webhook signing secret credential type, which checks the trigger's events. */
export const stripeWebhookSecret = lazyCredential(
  'stripeWebhookSecret',
  'Stripe webhook signing secret',
  async () => (await credentials()).stripeWebhookSecret,
);

/** Stand-in of the Stripe node. */
export const stripe = lazyService(stripeInfo, [stripeApiKey], async () => (await import('./stripe.js')).stripe.node);
/** Stand-in of the Stripe Trigger: events checked with the webhook signing secret. */
export const stripeTrigger = lazyTrigger(stripeInfo, stripeWebhookSecret, async () => (await import('./stripe-trigger.js')).stripeTrigger);

/** Stripe's node types, for the catalog's `allIntegrations`. */
export const stripeNodeTypes: readonly NodeType[] = [stripe, stripeTrigger];
/** Stripe's credential types, for the catalog's `allIntegrationCredentials`. */
export const stripeCredentialTypes: readonly LazyCredentialType[] = [stripeApiKey, stripeWebhookSecret];
