import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import {
  ColleagueSchema,
  eventChannels,
  requestChannels,
  RequestErrorSchema,
} from '../../../../../electron/shared/contract.js';
import {
  fastEvents,
  fastResponses,
  isColleague,
  isRequestError,
  type Check,
} from '../../../../../renderer/src/lib/fast-checks.js';
import { applySettingsUpdate as panelApply } from '../../../../../renderer/src/lib/settings-update.js';
import {
  applySettingsUpdate,
  DEFAULT_SETTINGS,
  SettingsSchema,
  SettingsUpdateSchema,
  type Settings,
  type SettingsUpdate,
} from '../../../../../electron/shared/settings/schema.js';

/**
 * The panel's exact-shape checks against the contract's zod schemas. For every value: a check
 * that says true means zod accepts it and returns an equal value (so skipping zod changes
 * nothing); and every value generated from the schema itself (z.toJSONSchema, so a field added
 * to the contract shows up here) passes the check (so the fast path is really taken).
 */
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema | false;
  /** A tuple (z.tuple): these items, in order (`items: false`: nothing after them). */
  prefixItems?: JsonSchema[];
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  pattern?: string;
};

/** Values the schema accepts, as the host would send them (no extra keys). */
function valid(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map(valid));
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type) => valid({ ...schema, type })));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.oneof(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: 12 }),
        fc.constantFrom(
          ...['', 'Анна', '👩🏽‍💻', '__proto__', 'constructor'].filter(
            (text) => text.length >= (schema.minLength ?? 0),
          ),
        ),
      );
    case 'integer': {
      const min =
        schema.exclusiveMinimum !== undefined
          ? schema.exclusiveMinimum + 1
          : (schema.minimum ?? Number.MIN_SAFE_INTEGER);
      const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
      const wide =
        max - min > 1e6
          ? [fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) })]
          : [];
      return fc.oneof(
        fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) }),
        fc.constantFrom(min, max),
        ...wide,
      );
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'array':
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map(valid));
      return fc.array(valid(schema.items || {}), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'object': {
      if (schema.propertyNames) {
        const value = valid(schema.additionalProperties as JsonSchema);
        return fc.dictionary(valid(schema.propertyNames) as fc.Arbitrary<string>, value, {
          maxKeys: 4,
        });
      }
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) record[key] = valid(property);
      return fc.record(record, { requiredKeys: [...required] });
    }
    default:
      return fc.anything();
  }
}

/** A value with one thing changed somewhere: a field replaced, removed or added. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths: Array<Array<string | number>> = [];
  const walk = (value: unknown, path: Array<string | number>): void => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (typeof value === 'object' && value !== null)
      for (const key of Object.keys(value))
        walk((value as Record<string, unknown>)[key], [...path, key]);
  };
  walk(base, []);
  const junk = fc.oneof(
    fc.anything({ maxDepth: 1 }),
    fc.constantFrom(NaN, Infinity, -1, 0, -0, 1.5, 2 ** 53, '', 'x', null, true, [], {}, undefined),
  );
  return fc
    .tuple(
      fc.constantFrom(...paths),
      fc.constantFrom('replace', 'remove', 'add'),
      junk,
      fc.constantFrom('extra', '__proto__', 'id', 'kind'),
    )
    .map(([path, action, value, key]) => {
      const copy = structuredClone(base) as unknown;
      if (path.length === 0) return action === 'replace' ? value : copy;
      let parent = copy as Record<string | number, unknown>;
      for (const step of path.slice(0, -1))
        parent = parent[step] as Record<string | number, unknown>;
      const last = path[path.length - 1] as string | number;
      if (action === 'replace') parent[last] = value;
      else if (action === 'remove' && !Array.isArray(parent)) delete parent[last];
      else {
        const target = parent[last];
        if (typeof target === 'object' && target !== null && !Array.isArray(target))
          Object.defineProperty(target, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else if (Array.isArray(target)) target.push(value);
      }
      return copy;
    });
}

function agrees(name: string, check: Check, schema: z.ZodType, runs = 300): void {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  const claim = (value: unknown): void => {
    if (!check(value)) return;
    const parsed = schema.safeParse(value);
    expect(parsed.success, `${name} passed something zod refuses: ${JSON.stringify(value)}`).toBe(
      true,
    );
    expect(parsed.data).toEqual(value);
  };
  it(`${name}: takes every value the schema generates`, () => {
    fc.assert(
      fc.property(valid(json), (value) => {
        expect(schema.safeParse(value).success).toBe(true);
        expect(check(value), JSON.stringify(value)).toBe(true);
        claim(value);
      }),
      { numRuns: runs },
    );
  });
  it(`${name}: never passes what zod would refuse or change`, () => {
    fc.assert(fc.property(valid(json).chain(mutated), claim), { numRuns: runs * 3 });
    fc.assert(fc.property(fc.anything(), claim), { numRuns: runs });
  });
}

describe('fast checks agree with the contract', () => {
  for (const [channel, check] of Object.entries(fastEvents))
    agrees(`event ${channel}`, check, eventChannels[channel as keyof typeof eventChannels]);
  for (const [channel, check] of Object.entries(fastResponses)) {
    agrees(
      `response ${channel}`,
      check,
      requestChannels[channel as keyof typeof requestChannels].response,
      channel === 'session:get' ? 150 : 300,
    );
  }
  agrees('request error', isRequestError, RequestErrorSchema);
  agrees('colleague (written out)', isColleague, ColleagueSchema, 1000);

  it('knows the shapes it was written for: a colleague with an unknown field is left to zod', () => {
    const colleague = {
      id: 1,
      name: 'A',
      firstName: 'A',
      lastName: '',
      position: '',
      departments: [1],
      avatar: null,
      color: null,
      presence: 'online',
      presenceSince: null,
      lastActivity: null,
      desktop: false,
      status: 'online',
      absentUntil: null,
      bot: false,
      extranet: false,
      gender: null,
      calendar: null,
      timeZone: null,
    };
    const snapshot = { seq: 1, at: 1, colleagues: [colleague] };
    expect(fastEvents.snapshot?.(snapshot)).toBe(true);
    expect(fastEvents.snapshot?.({ ...snapshot, colleagues: [{ ...colleague, extra: 1 }] })).toBe(
      false,
    );
    expect(
      fastEvents.snapshot?.({ ...snapshot, colleagues: [{ ...colleague, presence: 'away' }] }),
    ).toBe(false);
  });

  it('takes a patch with or without its optional activity pairs, and nothing else there', () => {
    const patch = { seq: 2, at: 1, added: [], changed: [], removed: [] };
    expect(fastEvents.patch?.(patch)).toBe(true);
    expect(fastEvents.patch?.({ ...patch, activity: [] })).toBe(true);
    expect(
      fastEvents.patch?.({
        ...patch,
        activity: [
          [1, 10],
          [2, 0],
        ],
      }),
    ).toBe(true);
    const holey: unknown[] = [[1, 10]];
    holey[2] = [2, 0];
    for (const activity of [
      undefined,
      null,
      [[1, null]],
      [[1]],
      [[1, 10, 0]],
      [[0, 10]],
      [{ 0: 1, 1: 10 }],
      holey,
    ]) {
      expect(fastEvents.patch?.({ ...patch, activity }), JSON.stringify(activity)).toBe(false);
    }
    expect(fastEvents.patch?.({ ...patch, removed: undefined, activity: [] })).toBe(false);
  });
});

describe("the panel's applySettingsUpdate (no zod) agrees with the shared one", () => {
  const update = valid(z.toJSONSchema(SettingsUpdateSchema, { io: 'output' }) as JsonSchema);
  const settings = valid(z.toJSONSchema(SettingsSchema, { io: 'output' }) as JsonSchema);
  const outcome = (apply: () => unknown): unknown => {
    try {
      return { value: apply() };
    } catch {
      return 'throws';
    }
  };
  it('gives the same settings, or throws where it throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(DEFAULT_SETTINGS), settings),
        fc.oneof(update, update.chain(mutated)),
        (current, change) => {
          const ours = outcome(() => panelApply(current as Settings, change as SettingsUpdate));
          const shared = outcome(() =>
            applySettingsUpdate(current as Settings, change as SettingsUpdate),
          );
          // An update that is not exactly the contract's (an unknown key the shared one strips):
          // ours may refuse it. It never accepts anything else, nor answers differently.
          const strict = SettingsUpdateSchema.safeParse(change);
          const exact = strict.success && isDeepStrictEqual(strict.data, change);
          if (ours === 'throws' && !exact) return;
          expect(ours).toEqual(shared);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
