// zod-config first: zod must be told jitless before any schema is built (see zod-config.ts).
import './zod-config.js';

/*
 * zod and the contract's schemas: a chunk of its own, loaded by validating-bridge.ts when a
 * message fails its exact-shape check, and otherwise once the panel is idle after its first
 * paint. Nothing else in the panel may import zod or a schema module eagerly, or zod would be
 * back in the start-up bundle and built before zod-config.ts ran.
 */
export { RequestErrorSchema, parseEvent, requestChannels } from '$shared/contract.js';
