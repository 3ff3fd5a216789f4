import type { z } from 'zod';

/**
 * UI hints a node type attaches to its parameter schema with zod's `.meta()`,
 * so the editor can generate a form from the schema alone.
 *
 * @example
 * properties: z.object({
 *   url: z.string().meta({ label: 'URL', placeholder: 'https://api.example.com' }),
 *   method: z.enum(['GET', 'POST']).default('GET').meta({ label: 'Method' }),
 *   body: z.string().optional().meta({ label: 'Body', editor: 'json', displayOptions: { show: { method: ['POST'] } } }),
 * })
 */
export interface ParameterUiHints {
  /** Field label; defaults to the property key in Title Case. */
  label?: string;
  /** Help text under the field. */
  description?: string;
  placeholder?: string;
  /** Choices for enum-like fields when labels differ from values. */
  options?: { value: string | number | boolean; label: string; description?: string }[];
  /**
   * Show or hide this field depending on other parameters' values:
   * `{ show: { mode: ['advanced'] } }` shows it only when `mode` is 'advanced'.
   */
  displayOptions?: {
    show?: Record<string, readonly unknown[]>;
    hide?: Record<string, readonly unknown[]>;
  };
  /** Which editor to use for a string field. */
  editor?: 'text' | 'multiline' | 'code' | 'json' | 'html' | 'sql';
  /** Language of a code editor. */
  language?: string;
  /**
   * The value is taken as written (default false): `{{ }}` in it is text for
   * every item, the workflow checks read it as a literal, and the editor
   * offers no expression mode. On an object or array it covers everything
   * inside. For code, and for values the node evaluates itself later
   * (`ctx.evaluate`).
   */
  noExpression?: boolean;
  /**
   * Choices that come from the service (a Salesforce object's fields, an
   * Airtable base's tables): the name of a method in the node type's
   * `loadOptions`, which `engine.loadOptions` calls with the node's
   * credential and current parameters. The editor offers them in a
   * searchable list and still takes free text or an expression.
   */
  loadOptions?: string;
  /** Parameters whose values the `loadOptions` method reads: the editor asks again when one changes. */
  loadOptionsDependsOn?: readonly string[];
  /**
   * For a field that takes any type (`z.unknown()`): the name of a sibling
   * field (in the same object) whose value says what this one holds, so the
   * editor offers the right control and stores the right type. The sibling's
   * value is a type name, or an operator id such as `number:gt` whose part
   * before the colon is the type:
   * - `string`, `date`: a text input, stored as text;
   * - `number`: a number input, stored as a number;
   * - `boolean`: a checkbox, stored as true or false;
   * - `array`, `object`: a JSON editor when the sibling is a type name (for
   *   an operator, a text input whose JSON objects and arrays are parsed);
   * - `expression`: an expression input.
   *
   * Any other value (or none) gives a text input: text is stored as text,
   * except a JSON object or array, stored parsed.
   *
   * @example
   * type: z.enum(['string', 'number', 'boolean']).default('string'),
   * value: z.unknown().optional().meta({ label: 'Value', valueTypeFrom: 'type' }),
   */
  valueTypeFrom?: string;
}

declare module 'zod' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the hints into zod's metadata type
  interface GlobalMeta extends ParameterUiHints {}
}

/** A zod schema describing a node's parameters. */
export type PropertiesSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;
