/**
 * The HTTP boundary: what may come in (inbound.ts, applied by proxy.ts and the local endpoint's
 * server), what the server may call out to (outbound.ts), their settings, and the route wrapper
 * and JSON body reader every app route uses.
 */
export { awsServiceOf, checkRequest, refusalResponse, type AwsService, type RequestFacts } from "./inbound";
export { boundarySettings, parseHostList, type BoundarySettings, type HostRule } from "./settings";
export { parseSigV4Authorization } from "./sigv4-header";
export { ipLiteralOf } from "./addresses";
export { addressRefusal, checkOutboundUrl, defaultPort, guardedAgents, isHostAllowed, OutboundHttp, OutboundRefusedError, type OutboundAnswer } from "./outbound";
export { readJsonBody, route } from "./route";
