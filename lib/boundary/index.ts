/**
 * The HTTP boundary: the route wrapper and the JSON body reader every app route uses.
 */
export { MAX_JSON_DEPTH, readJsonBody, route } from "./route";
