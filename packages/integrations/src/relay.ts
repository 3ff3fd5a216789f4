// `@flowloom/integrations/relay`: the fetch port a page gives its engine to reach vendors through the host's relay route.
export { relayFetch, type RelayFetchOptions } from './relay-fetch.js';
