import { describe, expect, it } from 'vitest';
import {
  BatchBodySchema,
  parseDepartments,
  parseRawUser,
  parseRawUserDetailed,
  SuccessEnvelopeSchema,
} from '../../../../../electron/core/bitrix/schemas.js';
import { user } from '../../../../support/fake-portal.js';

describe('envelopes', () => {
  it('reads result, total and next, also as numeric strings', () => {
    const parsed = SuccessEnvelopeSchema.parse({
      result: [1, 2],
      total: '120',
      next: 50,
      time: { start: 1 },
    });
    expect(parsed).toEqual({ result: [1, 2], total: 120, next: 50, time: { start: 1 } });
  });

  it('accepts false and null results but not a missing one', () => {
    expect(SuccessEnvelopeSchema.safeParse({ result: false }).success).toBe(true);
    expect(SuccessEnvelopeSchema.safeParse({ result: null }).success).toBe(true);
    expect(SuccessEnvelopeSchema.safeParse({ time: {} }).success).toBe(false);
  });

  it('drops an unusable total instead of failing the call', () => {
    expect(SuccessEnvelopeSchema.parse({ result: [], total: 'many' }).total).toBeUndefined();
  });

  it('parses a batch answer whose empty sections are PHP [] arrays', () => {
    const parsed = BatchBodySchema.parse({
      result: { a: [1], b: false },
      result_error: [],
      result_total: { a: 1 },
      result_next: [],
      result_time: [],
    });
    expect(parsed).toEqual({
      result: { a: [1], b: false },
      result_error: {},
      result_total: { a: 1 },
      result_next: {},
      result_time: {},
    });
  });

  it('reads list-encoded sections (keys 0..n) and missing sections', () => {
    const parsed = BatchBodySchema.parse({
      result: [['x'], ['y']],
      result_error: [{ error: 'ID_EMPTY' }],
    });
    expect(parsed.result).toEqual({ '0': ['x'], '1': ['y'] });
    expect(parsed.result_error['0']?.error).toBe('ID_EMPTY');
    expect(parsed.result_total).toEqual({});
  });

  it('reads a bare string as a command error', () => {
    expect(
      BatchBodySchema.parse({ result: [], result_error: { a: 'Access denied' } }).result_error.a,
    ).toEqual({
      error: 'BATCH_COMMAND_ERROR',
      error_description: 'Access denied',
    });
  });

  it('rejects a batch answer that is not a batch', () => {
    expect(BatchBodySchema.safeParse('nope').success).toBe(false);
    expect(BatchBodySchema.safeParse({ result: 'x' }).success).toBe(false);
  });
});

describe('parseRawUser', () => {
  it('keeps the documented fields and drops the rest', () => {
    const parsed = parseRawUser(user(7, { idle: '2026-11-23T11:50:00+03:00' }));
    expect(parsed).toEqual({
      id: 7,
      active: true,
      name: 'Person 7',
      first_name: 'Person',
      last_name: '7',
      work_position: 'Engineer',
      color: '#df532d',
      avatar: '',
      avatar_hr: '',
      gender: 'M',
      extranet: false,
      bot: false,
      status: 'online',
      idle: '2026-11-23T11:50:00+03:00',
      last_activity_date: '2026-11-23T11:55:00+03:00',
      mobile_last_date: false,
      desktop_last_date: false,
      absent: false,
      departments: [1],
    });
    expect(parseRawUserDetailed(user(7)).degraded).toBe(false);
  });

  it('accepts numeric-string ids and department ids', () => {
    expect(parseRawUser(user(1, { id: '42', departments: ['3', 4] }))).toMatchObject({
      id: 42,
      departments: [3, 4],
    });
  });

  it.each([
    undefined,
    null,
    'x',
    42,
    [],
    {},
    { id: 0 },
    { id: -3 },
    { id: 1.5 },
    { id: '07' },
    { id: 'abc' },
    { id: true },
  ])('rejects %j (no usable id)', (value) => {
    expect(parseRawUser(value)).toBeNull();
    expect(parseRawUserDetailed(value)).toEqual({ user: null, degraded: true });
  });

  it('turns odd fields into undefined and marks the user degraded, keeping everything else', () => {
    const parsed = parseRawUserDetailed(
      user(9, {
        name: 12,
        bot: 'maybe',
        last_activity_date: 'yesterday-ish',
        idle: 17,
        departments: ['x'],
        color: { hex: 1 },
      }),
    );
    expect(parsed.degraded).toBe(true);
    expect(parsed.user).toMatchObject({
      id: 9,
      first_name: 'Person',
      status: 'online',
      mobile_last_date: false,
    });
    for (const field of [
      'name',
      'bot',
      'last_activity_date',
      'idle',
      'departments',
      'color',
    ] as const) {
      expect(parsed.user?.[field]).toBeUndefined();
    }
  });

  it('treats missing and null fields as normal (older portals), empty dates as "not set"', () => {
    const parsed = parseRawUserDetailed({
      id: 5,
      name: 'Old Portal',
      work_position: null,
      idle: '',
      absent: null,
    });
    expect(parsed.degraded).toBe(false);
    expect(parsed.user).toEqual({ id: 5, name: 'Old Portal', idle: false });
  });

  it('accepts Y/N flags and non-ATOM but parseable dates', () => {
    const parsed = parseRawUser({
      id: 5,
      active: 'N',
      extranet: 'Y',
      last_activity_date: '2024-07-23 08:08:50',
    });
    expect(parsed).toMatchObject({
      active: false,
      extranet: true,
      last_activity_date: '2024-07-23 08:08:50',
    });
  });

  it('parses 5,000 users, every one of them', () => {
    const users = Array.from({ length: 5000 }, (_, index) => user(index + 1));
    const parsed = users.map((value) => parseRawUser(value));
    expect(parsed.filter((value) => value !== null)).toHaveLength(5000);
    expect(parsed.map((value) => value?.id)).toEqual(users.map((_, index) => index + 1));
  });
});

describe('parseDepartments', () => {
  it('reads the documented list with lower-case fields', () => {
    expect(
      parseDepartments([
        {
          id: 51,
          name: 'New York Branch',
          full_name: 'New York Branch / Bitrix',
          manager_user_id: 11,
        },
      ]),
    ).toEqual([{ id: 51, name: 'New York Branch' }]);
  });

  it('reads a map keyed by id with upper-case fields, and falls back to full_name or a placeholder', () => {
    expect(
      parseDepartments({
        '3': { NAME: 'Sales' },
        '4': { full_name: 'Ops / HQ' },
        '5': {},
        x: { name: 'no id' },
      }),
    ).toEqual([
      { id: 3, name: 'Sales' },
      { id: 4, name: 'Ops / HQ' },
      { id: 5, name: 'Department 5' },
    ]);
  });

  it('cleans department names like people names: no controls or bidi overrides, capped', () => {
    expect(
      parseDepartments([
        { id: 6, name: 'Sales \u202Eksed\u202C\u001B[2J' },
        { id: 7, name: 'x'.repeat(500) },
        { id: 8, name: '\u0007 ' },
      ]),
    ).toEqual([
      { id: 6, name: 'Sales ksed[2J' },
      { id: 7, name: `${'x'.repeat(99)}…` },
      { id: 8, name: 'Department 8' },
    ]);
  });

  it('returns nothing for unusable results', () => {
    expect(parseDepartments(false)).toEqual([]);
    expect(parseDepartments('x')).toEqual([]);
  });
});
