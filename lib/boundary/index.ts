/**
 * The HTTP boundary: what may come in (inbound.ts, applied by proxy.ts and the local endpoint's
 * server), with its settings, and the route wrapper and JSON body reader every app route uses.
 */
export { awsServiceOf, checkRequest, refusalResponse, type AwsService, type Refusal, type RequestFacts } from "./inbound";
export { appBodyLimit, AWS_REQUEST_BODY_LIMIT, LARGEST_BODY_LIMIT } from "./limits";
export { boundarySettings, parseHostAndPort, parseHostList, readBoundarySettings, type BoundarySettings, type HostRule } from "./settings";
export { parseSigV4Authorization, type SigV4Authorization } from "./sigv4-header";
export { MAX_JSON_DEPTH, readJsonBody, route } from "./route";
