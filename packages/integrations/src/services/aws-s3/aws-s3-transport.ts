// How the S3 operations send their requests. S3 takes bytes (a file, a part of one) and answers with bytes or XML,
// which the kit's JSON-minded request layer does not carry, so the operations send through the node's credential
// directly, with the kit's rules kept: signed by the credential (the engine's destination binding, audit and
// redirects apply), a slow-down answer waited out on the engine's clock, and S3's error as a node error naming the
// node, the operation, the status, S3's code and the parameter at fault.
import { nodeError } from '../../kit/call.js';
import { waitFor } from '../../kit/http.js';
import type { OperationContext } from '../../kit/service-types.js';
import { errorOf } from './aws-s3-answers.js';
import { placeholderUrl } from './aws-s3-endpoint.js';
import { amzDate } from './aws-s3-signer.js';

/** The credential slot of the S3 node (its credential type's name). */
export const SLOT = 'awsS3Api';

/** One S3 request: an object (or bucket, or the service) and what to send it. */
export interface S3Request {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  bucket?: string;
  key?: string;
  /** In the order the AWS SDK writes them. */
  query?: readonly (readonly [string, string])[];
  /** Unset values are left out. */
  headers?: Readonly<Record<string, string | undefined>>;
  body?: Uint8Array<ArrayBuffer> | string;
  /** S3 may report this request's failure in a 200 answer's body (CompleteMultipartUpload, CopyObject). */
  errorIn200?: boolean;
}

/** S3's answer. */
export interface S3Answer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
}

/** Who sends: the operation, its name in messages, and the parameters S3's error codes point at. */
export interface S3Caller {
  op: OperationContext<Record<string, unknown>>;
  /** `AWS S3 object.get`. */
  label: string;
  parameters?: Readonly<Record<string, string>>;
}

const MAX_RETRIES = 3;
const MAX_WAIT_MS = 60_000;
/** The parameter each of S3's error codes is about, unless the operation says otherwise. */
const PARAMETERS: Readonly<Record<string, string>> = {
  NoSuchBucket: 'bucket',
  InvalidBucketName: 'bucket',
  NoSuchKey: 'key',
  NotFound: 'key',
  KeyTooLongError: 'key',
  NoSuchVersion: 'versionId',
};
/** Codes that mean the credential names another region than the bucket's. */
const WRONG_REGION = new Set(['PermanentRedirect', 'AuthorizationHeaderMalformed', 'IllegalLocationConstraintException']);

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends one S3 request signed with the node's credential, with the payload's SHA-256 and the engine clock's time,
 * as the AWS SDK sends it. Waits and tries again when S3 asks to slow down (503, or 429), up to three times.
 */
export async function s3Send(caller: S3Caller, request: S3Request): Promise<S3Answer> {
  const { ctx } = caller.op;
  const url = placeholderUrl(request.bucket, request.key, request.query).href;
  const body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
  const payloadHash = await sha256Hex(body ?? new Uint8Array());
  for (let attempt = 0; ; attempt++) {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers.set(name, value);
    headers.set('x-amz-content-sha256', payloadHash);
    headers.set('x-amz-date', amzDate(ctx.now()));
    const response = await ctx.authenticatedFetch(SLOT, url, { method: request.method, headers, ...(body ? { body } : {}) });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const answer: S3Answer = { status: response.status, headers: response.headers, bytes, text: new TextDecoder().decode(bytes) };
    const failed = response.status >= 300 || (request.errorIn200 === true && errorOf(answer.text) !== undefined);
    const error = failed ? (errorOf(answer.text) ?? bodilessError(response)) : undefined;
    // S3 answers 503 (SlowDown, or a HEAD's bare 503) when a prefix gets more requests than it takes: try again later.
    const slowDown = response.status === 429 || response.status === 503;
    if (slowDown && attempt < MAX_RETRIES) {
      const waitMs = waitFor({ status: response.status, headers: response.headers, body: undefined }, {}, ctx.now(), attempt);
      if (waitMs > MAX_WAIT_MS) {
        throw nodeError(
          ctx,
          `${caller.label}: S3 asks to slow down for ${Math.ceil(waitMs / 1000)} s, longer than the ${MAX_WAIT_MS / 1000} s allowed.`,
          'RATE_LIMITED',
          undefined,
          true,
        );
      }
      ctx.logger.info(`${caller.label}: S3 asked to slow down (HTTP ${response.status}); trying again in ${waitMs} ms.`);
      await ctx.sleep(waitMs);
      continue;
    }
    if (error) throw s3Failure(caller, answer, error);
    return answer;
  }
}

/** A HEAD answer, or a proxy's, has no error document: its status names the error. */
function bodilessError(response: Response): { code: string; message: string } {
  const text = response.statusText || `HTTP ${response.status}`;
  return { code: text.replace(/\s+/g, ''), message: text };
}

function s3Failure(caller: S3Caller, answer: S3Answer, error: { code: string; message: string }) {
  const parameter = caller.parameters?.[error.code] ?? PARAMETERS[error.code];
  const at = parameter ? ` (parameter '${parameter}')` : '';
  const hint = WRONG_REGION.has(error.code) ? ' The credential\u2019s region must be the bucket\u2019s.' : '';
  return nodeError(
    caller.op.ctx,
    `${caller.label} failed: HTTP ${answer.status} ${error.code}: ${error.message}${at}${hint}`,
    'SERVICE_ERROR',
    undefined,
    answer.status === 429 || answer.status >= 500,
    { service: 's3', status: answer.status, vendorCode: error.code, parameter, body: answer.text },
  );
}
