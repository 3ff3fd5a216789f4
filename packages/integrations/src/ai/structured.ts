// Structured answers: the model is asked for an object matching a schema (the provider's own structured output
// through the AI SDK), the answer is checked, and an answer that does not parse or match is sent back once with
// what is wrong; a second miss fails the node, naming the parameter that holds the schema.
import { JSONParseError, NoObjectGeneratedError, Output, TypeValidationError, type ModelMessage } from 'ai';
import { converse, type Conversation, type ConversationResult } from './run-model.js';
import { sdkSchema, type UserSchema } from './schema.js';
import { aiError } from './supplies.js';

/** Why a structured answer was refused, for the model and for the node's error. */
function reasonOf(error: NoObjectGeneratedError): string {
  const cause = error.cause;
  if (TypeValidationError.isInstance(cause)) {
    const inner = (cause as { cause?: unknown }).cause;
    return `it does not match the schema: ${inner instanceof Error ? inner.message : cause.message}`;
  }
  if (JSONParseError.isInstance(cause)) return `it is not valid JSON (${(cause as JSONParseError).message.split('\n')[0]})`;
  return error.text ? 'it could not be read as the object asked for' : 'it was empty';
}

/** What `askStructured` takes: a conversation without tools, and the schema with the parameter it came from. */
export interface StructuredRequest extends Omit<Conversation, 'output' | 'tools'> {
  schema: UserSchema;
  /** The parameter named in the error when the answer never matches (`jsonSchema`, `attributes`). */
  parameter: string;
}

/** Asks for an object matching the schema; sends a refused answer back once with the reason. */
export async function askStructured(request: StructuredRequest): Promise<ConversationResult & { output: unknown; repaired: boolean }> {
  const { schema, parameter, ...conversation } = request;
  const output = Output.object({ schema: sdkSchema(schema) });
  try {
    const result = await converse({ ...conversation, output });
    return { ...result, output: result.output, repaired: false };
  } catch (error) {
    if (!NoObjectGeneratedError.isInstance(error)) throw error;
    const reason = reasonOf(error);
    request.ctx.logger.info(`Node '${request.ctx.node.name}': the model's answer was refused (${reason}); asking once more.`);
    const messages: ModelMessage[] = [
      ...conversation.messages,
      { role: 'assistant', content: error.text ?? '' },
      {
        role: 'user',
        content: `Your answer was refused: ${reason}. Answer again with only the corrected JSON object, matching the schema.`,
      },
    ];
    try {
      const result = await converse({ ...conversation, messages, output });
      return { ...result, output: result.output, repaired: true };
    } catch (again) {
      if (!NoObjectGeneratedError.isInstance(again)) throw again;
      const answer = (again.text ?? '').slice(0, 500);
      throw aiError(
        request.ctx,
        `the model's answer did not match the schema of parameter '${parameter}', even after it was asked once more (item ${request.item}): ${reasonOf(again)}. Its last answer: ${JSON.stringify(answer)}`,
        'AI_OUTPUT_INVALID',
        { details: { item: request.item, answer } },
      );
    }
  }
}
