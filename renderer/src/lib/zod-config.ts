import { z } from 'zod';

/**
 * Must be the panel's first import. Zod compiles fast parsers with `new Function` unless told
 * not to, and merely probing for it makes the strict CSP (no 'unsafe-eval') report a violation.
 * Zod reads this flag when each schema is built, so it has to be set before the contract loads.
 */
z.config({ jitless: true });
