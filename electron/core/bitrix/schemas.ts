// Over 300 lines on purpose: every shape a portal's answer is checked against (envelopes, the
// user object's field table with its strict fast path, lenient fallback and last-poll index,
// identity, departments) sits in one file, so a field's reading is changed in one place.
import { Ajv } from 'ajv';
import { z } from 'zod';
import type { Department, RawUser } from './types.js';
import { LastPollIndex } from '../../shared/snapshot/last-poll-index.js';
import { displayText } from '../../shared/display-text.js';

/**
 * Runtime shapes of what a portal answers. Envelopes are strict enough to tell success from
 * failure; user objects are lenient: one odd field degrades one person, never a whole poll.
 */

/** Ids come as numbers or numeric strings depending on the method and portal version. */
export const IdSchema = z.union([
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  z
    .string()
    .regex(/^[1-9]\d{0,15}$/)
    .transform(Number)
    .pipe(z.number().max(Number.MAX_SAFE_INTEGER)),
]);

/** Counts (`total`, `next`): non-negative integers, also as numeric strings. */
const CountSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
]);
const OptionalCount = CountSchema.optional().catch(undefined);

/** `{"error": "CODE", "error_description": "…"}`, from the portal or the OAuth server. */
export const ErrorBodySchema = z.object({
  error: z.string().min(1),
  error_description: z.string().optional().catch(undefined),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** The `time` block; only `operating_reset_at` (Unix seconds) matters for back-off. */
export const TimeSchema = z
  .object({ operating_reset_at: z.number().optional().catch(undefined) })
  .loose()
  .optional()
  .catch(undefined);

export const SuccessEnvelopeSchema = z.object({
  result: z.unknown().refine((value) => value !== undefined, 'result is missing'),
  total: OptionalCount,
  next: OptionalCount,
  time: z.unknown().optional(),
});
export type SuccessEnvelope = z.infer<typeof SuccessEnvelopeSchema>;

/**
 * PHP encodes an empty associative array as `[]` and a list-like one (keys 0..n-1) as a JSON
 * array, so every keyed section of a batch answer may arrive as an object or as an array.
 */
function phpMap<T extends z.ZodType>(value: T) {
  return z
    .union([
      z.record(z.string(), value),
      z
        .array(value)
        .transform((items) =>
          Object.fromEntries(items.map((item, index) => [String(index), item])),
        ),
    ])
    .optional()
    .transform((map) => (map ?? {}) as Record<string, z.output<T>>);
}

export const BatchBodySchema = z.object({
  result: phpMap(z.unknown()),
  // Entries are {error, error_description}; a bare message string is read as one too.
  result_error: phpMap(
    z.union([
      ErrorBodySchema,
      z.string().transform((text): ErrorBody => ({
        error: 'BATCH_COMMAND_ERROR',
        error_description: text,
      })),
    ]),
  ),
  result_total: phpMap(CountSchema),
  result_next: phpMap(CountSchema),
  result_time: phpMap(z.unknown()),
});
export type BatchBody = z.infer<typeof BatchBodySchema>;

/** OAuth token endpoint answer (oauth.bitrix.info). */
export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: CountSchema.optional().catch(undefined),
});

// ---------------------------------------------------------------------------------------------
// User objects

/**
 * Counts fields that were present but unusable during one lenient parse.
 * Module state is safe here: zod parses synchronously and the counter is reset per user.
 */
let oddFields = 0;

/** Missing and null are normal on older portals (no degradation); anything else wrong is odd. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch((ctx): undefined => {
    if (ctx.input !== null) oddFields += 1;
    return undefined;
  });
}

const isParseableDate = (text: string): boolean => !Number.isNaN(Date.parse(text));
/** The ATOM format im.* methods use: `2018-01-29T17:35:31+03:00`. */
const ATOM_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)$/;

/** ATOM date, or false / empty string for "not set"; other date formats are accepted if parseable. */
const LenientDate = lenient(
  z.union([
    z.literal(false),
    z.literal('').transform(() => false as const),
    z.string().refine(isParseableDate),
  ]),
);
const LenientString = lenient(z.string());
/** Bitrix24 sends booleans; very old portals sent Y/N. */
const LenientFlag = lenient(
  z.union([z.boolean(), z.enum(['Y', 'N']).transform((flag) => flag === 'Y')]),
);

/**
 * The user object's fields besides `id`, and how each is read: the one list the lenient schema,
 * the strict JSON schema, pickUser and sameUserInput follow (`satisfies` keeps it equal to
 * RawUser's fields; pickUser's and the sameness check's own are checked against it).
 * - flag: boolean (Y/N on very old portals); text: string; date: ATOM date or false;
 * - position: text that current portals send as null when empty;
 * - ids: department ids.
 */
const USER_FIELDS = {
  active: 'flag',
  name: 'text',
  first_name: 'text',
  last_name: 'text',
  work_position: 'position',
  color: 'text',
  avatar: 'text',
  avatar_hr: 'text',
  gender: 'text',
  extranet: 'flag',
  bot: 'flag',
  status: 'text',
  idle: 'date',
  last_activity_date: 'date',
  mobile_last_date: 'date',
  desktop_last_date: 'date',
  absent: 'date',
  departments: 'ids',
} as const satisfies Record<
  Exclude<keyof RawUser, 'id'>,
  'flag' | 'text' | 'position' | 'date' | 'ids'
>;
type UserField = keyof typeof USER_FIELDS;
type UserFieldKind = (typeof USER_FIELDS)[UserField];
const USER_FIELD_NAMES = Object.keys(USER_FIELDS) as UserField[];

/** A field table's values, each mapped through `of` (one entry per user field, in table order). */
function perUserField<T extends Record<UserFieldKind, unknown>>(
  of: T,
): { [K in UserField]: T[(typeof USER_FIELDS)[K]] } {
  return Object.fromEntries(USER_FIELD_NAMES.map((field) => [field, of[USER_FIELDS[field]]])) as {
    [K in UserField]: T[(typeof USER_FIELDS)[K]];
  };
}

const LenientUserSchema = z.object({
  id: IdSchema,
  ...perUserField({
    flag: LenientFlag,
    text: LenientString,
    position: LenientString,
    date: LenientDate,
    ids: lenient(z.array(IdSchema)),
  }),
});

/**
 * The fast path: the same shape without fallbacks, as a JSON Schema that ajv compiles into one
 * plain function of typeof checks and five regex tests, far faster than a strict zod schema
 * (tests/bench/engine-cpu.ts, part a, measures it per poll). Almost every user object passes
 * it; it checks every field the model reads, and only an object it rejects goes through the lenient zod schema above, so an odd person still degrades
 * alone, with the same result as before. Compiled on first use (tens of ms, once per process):
 * ajv's code generation needs `new Function`, fine in Node and Electron's main process, never
 * loaded by the panel.
 */
const ATOM_PATTERN = ATOM_DATE.source;
const idJsonSchema = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as const;
const STRICT_USER_JSON_SCHEMA = {
  type: 'object',
  required: ['id'],
  properties: {
    id: idJsonSchema,
    ...perUserField({
      flag: { type: 'boolean' },
      text: { type: 'string' },
      // Current portals send null for an empty position: normal, not a reason for the slow path.
      position: { type: ['string', 'null'] },
      date: { anyOf: [{ const: false }, { type: 'string', pattern: ATOM_PATTERN }] },
      ids: { type: 'array', items: idJsonSchema },
    }),
  },
} as const;

/** What the strict check guarantees about an object that passes it. */
type StrictUserInput = { readonly [K in keyof RawUser]: RawUser[K] } & {
  readonly departments?: number[];
};

let strictUserCheck: ((value: unknown) => value is StrictUserInput) | null = null;

function strictUser(): (value: unknown) => value is StrictUserInput {
  if (strictUserCheck === null) {
    // No error messages (only pass/fail is used), no meta-schema check of a constant schema,
    // and plain regexes: the pattern is ASCII.
    const ajv = new Ajv({
      messages: false,
      validateSchema: false,
      unicodeRegExp: false,
      addUsedSchema: false,
    });
    strictUserCheck = ajv.compile<StrictUserInput>(STRICT_USER_JSON_SCHEMA);
  }
  return strictUserCheck;
}

/**
 * The documented fields only, in one fixed shape (one hidden class for everyone: the model's
 * property reads stay monomorphic). The departments array is the parsed answer's own: nothing
 * else holds it and RawUser is read-only. Written out rather than looped over USER_FIELDS: a
 * loop's keyed loads and stores cost many times more per person (tests/bench/engine-cpu.ts); the
 * `satisfies` below keeps the list equal to the table.
 */
function pickUser(value: StrictUserInput): RawUser {
  return {
    id: value.id,
    active: value.active,
    name: value.name,
    first_name: value.first_name,
    last_name: value.last_name,
    work_position: value.work_position,
    color: value.color,
    avatar: value.avatar,
    avatar_hr: value.avatar_hr,
    gender: value.gender,
    extranet: value.extranet,
    bot: value.bot,
    status: value.status,
    idle: value.idle,
    last_activity_date: value.last_activity_date,
    mobile_last_date: value.mobile_last_date,
    desktop_last_date: value.desktop_last_date,
    absent: value.absent,
    departments: value.departments,
  } satisfies Required<Record<keyof RawUser, unknown>>;
}

export interface RawUserParse {
  readonly user: RawUser | null;
  /** The object was rejected, or some present field was unusable. */
  readonly degraded: boolean;
}

export function parseRawUserDetailed(value: unknown): RawUserParse {
  if (strictUser()(value)) return { user: pickUser(value), degraded: false };
  return lenientParse(value);
}

/** The slow path: zod's lenient schema, for objects the strict check rejects. */
function lenientParse(value: unknown): RawUserParse {
  oddFields = 0;
  const parsed = LenientUserSchema.safeParse(value);
  if (!parsed.success) return { user: null, degraded: true };
  return { user: parsed.data, degraded: oddFields > 0 };
}

/**
 * Named reads of every field pickUser keeps: the same monomorphic loads as pickUser itself.
 * tests/unit/electron/core/presence/model.reuse.test.ts changes each of USER_INPUT_FIELDS in turn to prove none is missed.
 */
function sameUserInput(value: Record<string, unknown>, user: RawUser): boolean {
  if (
    value.last_activity_date !== user.last_activity_date ||
    value.id !== user.id ||
    value.active !== user.active ||
    value.name !== user.name ||
    value.first_name !== user.first_name ||
    value.last_name !== user.last_name ||
    value.work_position !== user.work_position ||
    value.color !== user.color ||
    value.avatar !== user.avatar ||
    value.avatar_hr !== user.avatar_hr ||
    value.gender !== user.gender ||
    value.extranet !== user.extranet ||
    value.bot !== user.bot ||
    value.status !== user.status ||
    value.idle !== user.idle ||
    value.mobile_last_date !== user.mobile_last_date ||
    value.desktop_last_date !== user.desktop_last_date ||
    value.absent !== user.absent
  ) {
    return false;
  }
  const before = user.departments;
  const after = value.departments;
  if (before === undefined) return after === undefined;
  if (!Array.isArray(after) || after.length !== before.length) return false;
  for (let i = 0; i < before.length; i++) if (after[i] !== before[i]) return false;
  return true;
}

/** Every RawUser field: what pickUser keeps and sameUserInput compares. */
export const USER_INPUT_FIELDS: readonly (keyof RawUser)[] = ['id', ...USER_FIELD_NAMES];

/**
 * parseRawUserDetailed that remembers the last poll, for the objects a poll sees again: most people's user
 * object is the same as in the previous poll. An object whose every field pickUser keeps is the
 * same primitive (`===`) as in the object that last passed the strict check for its id (and
 * whose departments hold the same ids) would pass it again and pick to the same values, so it
 * gets the earlier RawUser itself, check skipped. A previous value that passed the check is
 * never an object (departments aside, compared item by item), so `===` is equality of values,
 * and anything odd in the new object fails the comparison and goes through the full check.
 * Only strict passes are remembered: a degraded person is parsed afresh every time.
 *
 * The same RawUser object is also the signal downstream: the model (PresenceModel) reuses its
 * work for a RawUser it saw last poll, and the tracker's diff skips the same Colleague.
 * Entries are found in the last poll's order (LastPollIndex), not by a map lookup per person.
 *
 * One per connection (the source keeps it); `sweep` ends a fetch, and only what it saw is kept.
 */
export class UserChecks {
  // The RawUsers themselves, no wrapper: one object fewer to reach per person.
  private readonly lastPoll = new LastPollIndex<RawUser>();

  parse(value: unknown): RawUserParse {
    if (typeof value === 'object' && value !== null) {
      const id = (value as { id?: unknown }).id;
      const before = typeof id === 'number' ? this.lastPoll.find(id) : undefined;
      if (before !== undefined && sameUserInput(value as Record<string, unknown>, before)) {
        this.lastPoll.keep(before);
        return { user: before, degraded: false };
      }
    }
    if (!strictUser()(value)) return lenientParse(value);
    const user = pickUser(value);
    this.lastPoll.keep(user);
    return { user, degraded: false };
  }

  /** Ends a fetch: forgets the ids it did not see. */
  sweep(): void {
    this.lastPoll.endPoll();
  }

  /** People remembered (for tests and the memory bench). */
  get size(): number {
    return this.lastPoll.size;
  }
}

/** A user object from im.* methods, or null when it has no usable id. */
export function parseRawUser(value: unknown): RawUser | null {
  return parseRawUserDetailed(value).user;
}

// ---------------------------------------------------------------------------------------------
// Identity and departments

/** `profile` (scope basic): upper-case fields. */
export const ProfileSchema = z.object({
  ID: IdSchema,
  NAME: LenientString,
  LAST_NAME: LenientString,
});

/** `im.user.get`: one user object. */
export const ImUserSchema = z.object({
  id: IdSchema,
  name: LenientString,
  first_name: LenientString,
  last_name: LenientString,
});

const DepartmentItemSchema = z
  .object({
    id: IdSchema.optional().catch(undefined),
    ID: IdSchema.optional().catch(undefined),
    name: LenientString,
    NAME: LenientString,
    full_name: LenientString,
  })
  .transform((item): Partial<Department> & { id?: number } => {
    const id = item.id ?? item.ID;
    const name = item.name ?? item.NAME ?? item.full_name;
    return { ...(id === undefined ? {} : { id }), ...(name === undefined ? {} : { name }) };
  });

/** `im.department.get`: documented as a list, seen keyed by id; both are accepted. */
export function parseDepartments(result: unknown): Department[] {
  const entries: [string | null, unknown][] = Array.isArray(result)
    ? result.map((item) => [null, item])
    : result !== null && typeof result === 'object'
      ? Object.entries(result)
      : [];
  const departments: Department[] = [];
  for (const [key, item] of entries) {
    const parsed = DepartmentItemSchema.safeParse(item);
    if (!parsed.success) continue;
    const keyId = key === null ? undefined : IdSchema.safeParse(key).data;
    const id = parsed.data.id ?? keyId;
    if (id === undefined) continue;
    departments.push({
      id,
      name:
        (parsed.data.name === undefined ? '' : displayText(parsed.data.name)) || `Department ${id}`,
    });
  }
  return departments;
}
