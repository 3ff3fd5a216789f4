import type { LoadedOption, LoadOptionsRequest } from '@flowloom/engine';

/**
 * Lists a parameter's choices for the editor (the tables of a base, the
 * fields of a table). The default calls the editor's engine
 * (`engine.loadOptions`); a host whose credentials live on its server
 * supplies one that asks the server, which calls `engine.loadOptions` there.
 * It rejects with an error whose message the editor shows under the field.
 *
 * @example
 * editor.optionsLoader = async (request) => {
 *   const { signal, ...body } = request;
 *   const response = await fetch('/api/load-options', { method: 'POST', body: JSON.stringify(body), signal });
 *   if (!response.ok) throw new Error((await response.json()).message);
 *   return response.json();
 * };
 */
export type OptionsLoader = (request: LoadOptionsRequest & { signal: AbortSignal }) => Promise<readonly LoadedOption[]>;
