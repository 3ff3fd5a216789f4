// `@flowloom/integrations/kit`: what a service is made of, for hosts writing their own.
export { defineService } from './define-service.js';
export {
  operationSchema,
  CUSTOM_OPERATION,
  CUSTOM_RESOURCE,
  type OperationContext,
  type LoadOptionsDefinition,
  type OperationDefinition,
  type RateLimitRules,
  type ResourceDefinition,
  type Service,
  type ServiceDefinition,
  type VendorError,
  type VendorResponse,
} from './service-types.js';
export {
  binaryFile,
  param,
  type BinaryRef,
  type HttpMethod,
  type PageField,
  type PaginationSpec,
  type ParamRef,
  type RequestSpec,
  type ResponseSpec,
  type ValueSpec,
} from './request-spec.js';
export { definePollingTrigger, type PollingTriggerDefinition } from './define-poll.js';
export { defineTrigger, type CallJson, type TriggerDefinition } from './define-trigger.js';
export { concatBytes, constantTimeEqual, hmac, toBase64, toHex } from './signature.js';
export { iconFromPath, monogram } from './icons.js';
