// DeepL in the catalog: stand-ins for its node and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { deeplInfo } from './deepl-info.js';

/** Stand-in of the DeepL API key credential type. */
export const deepLApiKey = lazyCredential('deepLApi', 'DeepL API key', async () => (await import('./deepl-credentials.js')).deepLApiKey);

/** Stand-in of the DeepL node. */
export const deepl = lazyService(deeplInfo, [deepLApiKey], async () => (await import('./deepl.js')).deepl.node);

/** DeepL's node types, for the catalog's `allIntegrations`. */
export const deeplNodeTypes: readonly NodeType[] = [deepl];
/** DeepL's credential types, for the catalog's `allIntegrationCredentials`. */
export const deeplCredentialTypes: readonly LazyCredentialType[] = [deepLApiKey];
