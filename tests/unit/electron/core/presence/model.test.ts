import { describe, expect, it } from 'vitest';
import type { RawUser } from '../../../../../electron/core/bitrix/types.js';
import { toColleague } from '../../../../../electron/core/presence/model.js';
import { DISPLAY_NAME_MAX_GRAPHEMES } from '../../../../../electron/shared/display-text.js';

// 2026-11-23 09:00:00 UTC, a Monday; the portal writes Moscow time (+03:00).
const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const LIMIT = { onlineLimitSec: 1440 };

/** ATOM string in +03:00 for `secondsAgo` before NOW. */
function ago(secondsAgo: number): string {
  const local = new Date(NOW - secondsAgo * 1000 + 3 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+03:00`;
}

function user(fields: Partial<RawUser> = {}): RawUser {
  return {
    id: 7,
    name: 'Anna Petrova',
    first_name: 'Anna',
    last_name: 'Petrova',
    work_position: 'Accountant',
    color: '#df532d',
    avatar: 'https://cdn.bitrix24.example/avatar/7.png',
    status: 'online',
    idle: false,
    last_activity_date: ago(60),
    mobile_last_date: false,
    desktop_last_date: false,
    absent: false,
    departments: [1, 5],
    ...fields,
  };
}

const model = (fields: Partial<RawUser> = {}, now = NOW) => toColleague(user(fields), now, LIMIT);

describe('activity: online, no activity, offline (what a current portal allows)', () => {
  it('is online while the last activity is under 5 minutes old', () => {
    const anna = model({ last_activity_date: ago(299) });
    expect(anna.presence).toBe('online');
    expect(anna.presenceSince).toBeNull();
    expect(anna.lastActivity).toBe(NOW - 299_000);
  });

  it('shows no activity from 5 minutes until the online limit, dated from the last activity', () => {
    for (const seconds of [300, 900, 1439]) {
      const anna = model({ last_activity_date: ago(seconds) });
      expect(anna.presence).toBe('idle');
      expect(anna.presenceSince).toBe(NOW - seconds * 1000);
      expect(anna.lastActivity).toBe(NOW - seconds * 1000);
    }
  });

  it('never flaps for someone whose connected messenger the portal refreshes every 240 s', () => {
    // The push server rewrites last_activity_date every 240 s: read every 30 s for 4 hours.
    const refreshedAt = (t: number) => t - (t % 240_000);
    const seen = new Set<string>();
    for (let t = 0; t < 4 * 3_600_000; t += 30_000) {
      const last = NOW - 3_600_000 * 5 + refreshedAt(t);
      const now = NOW - 3_600_000 * 5 + t + 7_000; // polls are not aligned with the refreshes
      seen.add(
        toColleague(user({ last_activity_date: new Date(last).toISOString() }), now, LIMIT)
          .presence,
      );
    }
    expect([...seen]).toEqual(['online']);
  });

  it('a person whose laptop closed 20 minutes ago is offline at the default 900 s limit', () => {
    expect(
      toColleague(user({ last_activity_date: ago(20 * 60) }), NOW, { onlineLimitSec: 900 })
        .presence,
    ).toBe('offline');
    expect(
      toColleague(user({ last_activity_date: ago(10 * 60) }), NOW, { onlineLimitSec: 900 })
        .presence,
    ).toBe('idle');
  });

  it('is offline at exactly the limit, since its last activity', () => {
    const anna = model({ last_activity_date: ago(1440) });
    expect(anna.presence).toBe('offline');
    expect(anna.presenceSince).toBe(NOW - 1_440_000);
  });

  it('uses the configured limit, also below the 5-minute window', () => {
    expect(
      toColleague(user({ last_activity_date: ago(200) }), NOW, { onlineLimitSec: 120 }).presence,
    ).toBe('offline');
    expect(
      toColleague(user({ last_activity_date: ago(119) }), NOW, { onlineLimitSec: 120 }).presence,
    ).toBe('online');
  });

  it('is offline with no last activity at all', () => {
    for (const last_activity_date of [false, undefined] as const) {
      const anna = model({ last_activity_date });
      expect(anna.presence).toBe('offline');
      expect(anna.presenceSince).toBeNull();
      expect(anna.lastActivity).toBeNull();
    }
  });

  it('honours the offset: the same instant written in another zone gives the same result', () => {
    const utc = new Date(NOW - 60_000).toISOString().slice(0, 19) + 'Z';
    const vladivostok = `${new Date(NOW - 60_000 + 10 * 3_600_000).toISOString().slice(0, 19)}+10:00`;
    expect(model({ last_activity_date: utc }).lastActivity).toBe(NOW - 60_000);
    expect(model({ last_activity_date: vladivostok }).lastActivity).toBe(NOW - 60_000);
  });
});

describe('mobile', () => {
  it('is mobile when the mobile app was seen within the limit and within 300 s of the last activity', () => {
    expect(model({ last_activity_date: ago(60), mobile_last_date: ago(359) }).presence).toBe(
      'mobile',
    );
  });

  it('is not mobile when the mobile app was seen 300 s or more before the last activity', () => {
    expect(model({ last_activity_date: ago(60), mobile_last_date: ago(360) }).presence).toBe(
      'online',
    );
  });

  it('is not mobile when the mobile date is older than the online limit', () => {
    // Within 300 s of a last activity that is itself just inside the limit, but past the limit:
    // no sign of activity for 1300 s, then.
    expect(model({ last_activity_date: ago(1300), mobile_last_date: ago(1450) }).presence).toBe(
      'idle',
    );
  });

  it('stays mobile past the 5-minute window while within the limit, as the old messenger showed it', () => {
    expect(model({ last_activity_date: ago(600), mobile_last_date: ago(600) }).presence).toBe(
      'mobile',
    );
  });

  it('mobile needs the person online: an old last activity is offline regardless', () => {
    expect(model({ last_activity_date: ago(1500), mobile_last_date: ago(1500) }).presence).toBe(
      'offline',
    );
  });
});

describe('desktop', () => {
  it('runs while desktop_last_date + 180 s is after now', () => {
    expect(model({ desktop_last_date: ago(179) }).desktop).toBe(true);
    expect(model({ desktop_last_date: ago(180) }).desktop).toBe(false);
    expect(model({ desktop_last_date: false }).desktop).toBe(false);
  });

  it('takes the last im.user.get check where the object has no date (current portals)', () => {
    const checked = (running: boolean | null) => ({
      ...LIMIT,
      desktopOf: (id: number) => (id === 7 ? running : null),
    });
    expect(toColleague(user({ desktop_last_date: false }), NOW, checked(true)).desktop).toBe(true);
    expect(toColleague(user({ desktop_last_date: false }), NOW, checked(false)).desktop).toBe(
      false,
    );
    expect(toColleague(user({ desktop_last_date: false }), NOW, checked(null)).desktop).toBe(false);
    // A date in the object itself is fresher than any earlier check.
    expect(toColleague(user({ desktop_last_date: ago(400) }), NOW, checked(true)).desktop).toBe(
      false,
    );
  });

  it('is never running for someone offline, whatever the last check said', () => {
    const options = { ...LIMIT, desktopOf: () => true };
    expect(toColleague(user({ last_activity_date: ago(3000) }), NOW, options).desktop).toBe(false);
  });
});

describe('idle', () => {
  it('is idle since the idle date while the desktop app runs', () => {
    const anna = model({ idle: ago(600), desktop_last_date: ago(30) });
    expect(anna.presence).toBe('idle');
    expect(anna.presenceSince).toBe(NOW - 600_000);
  });

  it('idle overrides mobile and a chosen status', () => {
    const anna = model({
      idle: ago(600),
      desktop_last_date: ago(30),
      mobile_last_date: ago(60),
      status: 'dnd',
    });
    expect(anna.presence).toBe('idle');
    expect(anna.status).toBe('dnd');
  });

  it('ignores a stale idle date once the desktop app stopped reporting', () => {
    expect(model({ idle: ago(600), desktop_last_date: ago(900) }).presence).toBe('online');
    expect(model({ idle: ago(600), desktop_last_date: false }).presence).toBe('online');
  });

  it('the idle date wins over the 5-minute rule for dating the state', () => {
    const anna = model({
      idle: ago(1000),
      desktop_last_date: ago(30),
      last_activity_date: ago(400),
    });
    expect(anna.presence).toBe('idle');
    expect(anna.presenceSince).toBe(NOW - 1_000_000);
  });

  it('trusts the idle date when the portal does not report desktop_last_date at all', () => {
    expect(model({ idle: ago(600), desktop_last_date: undefined }).presence).toBe('idle');
  });

  it('offline wins over idle', () => {
    expect(
      model({ idle: ago(1600), desktop_last_date: ago(10), last_activity_date: ago(1500) })
        .presence,
    ).toBe('offline');
  });

  it('idle false means not idle', () => {
    expect(model({ idle: false, desktop_last_date: ago(10) }).presence).toBe('online');
  });
});

describe('chosen status', () => {
  it.each(['dnd', 'away', 'break', 'online', 'vacation-custom'])('keeps %s verbatim', (status) => {
    expect(model({ status }).status).toBe(status);
  });

  it('falls back to online when missing or empty', () => {
    expect(model({ status: undefined }).status).toBe('online');
    expect(model({ status: '' }).status).toBe('online');
  });

  it('does not change presence: dnd while active is still online', () => {
    expect(model({ status: 'dnd' }).presence).toBe('online');
  });
});

describe('absence', () => {
  it('`absent` is the midnight after the last day off: the day before it is the last one', () => {
    expect(model({ absent: '2026-12-04T00:00:00+03:00' }).absentUntil).toBe('2026-12-03');
  });

  it('reads the same last day when the portal writes the same instant in another offset', () => {
    for (const absent of [
      '2026-12-03T21:00:00+00:00',
      '2026-12-03T21:00:00Z',
      '2026-12-04T05:00:00+08:00',
      '2026-12-03T16:00:00-05:00',
    ]) {
      expect(model({ absent }).absentUntil).toBe('2026-12-03');
    }
  });

  it('ends the leave at that midnight instant, not a day later', () => {
    const midnight = Date.UTC(2026, 11, 3, 21, 0);
    expect(model({ absent: '2026-12-04T00:00:00+03:00' }, midnight - 1).absentUntil).toBe(
      '2026-12-03',
    );
    expect(model({ absent: '2026-12-04T00:00:00+03:00' }, midnight).absentUntil).toBeNull();
  });

  it('drops a leave that is over', () => {
    expect(model({ absent: '2026-11-23T00:00:00+03:00' }).absentUntil).toBeNull();
  });

  it('is null when not on leave', () => {
    expect(model({ absent: false }).absentUntil).toBeNull();
    expect(model({ absent: undefined }).absentUntil).toBeNull();
  });
});

describe('bad dates degrade one field', () => {
  it.each([
    'yesterday',
    '2026-11-23 08:59:00', // user.get style, no offset: rejected, not guessed
    '2026-11-23T08:59:00', // no offset
    '2026-02-30T10:00:00+03:00', // no such day
    '2026-11-23T24:00:00+03:00',
    '2026-11-23T08:59:00+03:00junk',
    '',
  ])('%j as last activity → offline with unknown last activity, the rest intact', (bad) => {
    const anna = model({ last_activity_date: bad, absent: '2026-12-01T00:00:00+03:00' });
    expect(anna.presence).toBe('offline');
    expect(anna.lastActivity).toBeNull();
    expect(anna.name).toBe('Anna Petrova');
    expect(anna.absentUntil).toBe('2026-11-30');
  });

  it('a bad mobile date only means not mobile', () => {
    const anna = model({ mobile_last_date: 'soon' });
    expect(anna.presence).toBe('online');
    expect(anna.lastActivity).toBe(NOW - 60_000);
  });

  it('a bad idle date only means not idle', () => {
    expect(model({ idle: 'N', desktop_last_date: ago(10) }).presence).toBe('online');
  });

  it('a bad absence date only means not on leave', () => {
    const anna = model({ absent: '31.12.2026' });
    expect(anna.absentUntil).toBeNull();
    expect(anna.presence).toBe('online');
  });

  it('accepts fractions of a second and Z', () => {
    expect(model({ last_activity_date: new Date(NOW - 1500).toISOString() }).lastActivity).toBe(
      NOW - 1500,
    );
  });
});

describe('names, avatar, colour, flags', () => {
  it('prefers the display name, trimmed', () => {
    expect(model({ name: '  Anna P.  ' }).name).toBe('Anna P.');
  });

  it('falls back to first + last name, then to #id', () => {
    expect(model({ name: '', first_name: ' Boris ', last_name: 'Smirnov ' }).name).toBe(
      'Boris Smirnov',
    );
    expect(model({ name: undefined, first_name: 'Boris', last_name: '' }).name).toBe('Boris');
    expect(model({ name: ' ', first_name: undefined, last_name: undefined }).name).toBe('#7');
  });

  it('cleans every name field and the position of controls and bidi overrides, and caps them', () => {
    const mallory = model({
      name: 'Mallory \u202Eenilno si\u202C',
      first_name: 'Mal\u001B[2Jlory\u0007',
      last_name: '\u2066X\u2069',
      work_position: `Boss\n${'!'.repeat(10_000)}`,
    });
    expect(mallory).toMatchObject({
      name: 'Mallory enilno si',
      firstName: 'Mal[2Jlory',
      lastName: 'X',
    });
    expect(mallory.position).toBe(`Boss ${'!'.repeat(DISPLAY_NAME_MAX_GRAPHEMES - 6)}…`);
    // First + last, each under the cap, are capped together.
    const joined = model({ name: '', first_name: 'a'.repeat(80), last_name: 'b'.repeat(80) }).name;
    expect(joined).toBe(`${'a'.repeat(80)} ${'b'.repeat(DISPLAY_NAME_MAX_GRAPHEMES - 82)}…`);
    expect(model({ name: '\u202E\u0007 ', first_name: '', last_name: '' }).name).toBe('#7');
  });

  it('keeps names with any characters as text', () => {
    expect(model({ name: '<img src=x onerror=alert(1)> Ёжик' }).name).toBe(
      '<img src=x onerror=alert(1)> Ёжик',
    );
  });

  it.each([
    ['https://cdn.example.com/a/b.png?x=1', 'https://cdn.example.com/a/b.png?x=1'],
    ['https://portal.bitrix24.ru/upload/фото.jpg', 'https://portal.bitrix24.ru/upload/фото.jpg'],
    ['https://portal.example:8443/a.png', 'https://portal.example:8443/a.png'],
    ['http://127.0.0.1:4567/avatars/7.svg', 'http://127.0.0.1:4567/avatars/7.svg'],
    ['http://localhost/a.png', 'http://localhost/a.png'],
    ['http://[::1]:9000/a.png', 'http://[::1]:9000/a.png'],
    ['http://cdn.example.com/a.png', null],
    ['/bitrix/images/blank.gif', null],
    ['javascript:alert(1)', null],
    ['data:image/png;base64,AAAA', null],
    ['https://user:pass@cdn.example.com/a.png', null],
    ['https://cdn.example.com/a b.png', null],
    ['https://cdn.example.com/a".png', null],
    ['https://cdn.example.com:99999/a.png', null],
    ['https://', null],
    ['HTTPS://cdn.example.com/a.png', null],
    ['', null],
  ])('avatar %j → %j', (avatar, expected) => {
    expect(model({ avatar, avatar_hr: undefined }).avatar).toBe(expected);
  });

  it("treats the portal's blank.gif placeholder and an empty string as no avatar", () => {
    expect(
      model({ avatar: '', avatar_hr: 'https://portal.bitrix24.ru/bitrix/js/im/images/blank.gif' })
        .avatar,
    ).toBeNull();
    expect(
      model({ avatar: 'https://portal.bitrix24.ru/bitrix/js/im/images/blank.gif', avatar_hr: '' })
        .avatar,
    ).toBeNull();
    expect(
      model({ avatar: '', avatar_hr: 'http://127.0.0.1:4567/bitrix/js/im/images/blank.gif?v=2' })
        .avatar,
    ).toBeNull();
    expect(model({ avatar: 'https://cdn.example.com/blank.gif.png' }).avatar).toBe(
      'https://cdn.example.com/blank.gif.png',
    );
  });

  it('reads a null work_position (as real portals send it) as no position', () => {
    expect(model({ work_position: null }).position).toBe('');
  });

  it('falls back to avatar_hr when avatar is unusable', () => {
    expect(model({ avatar: '', avatar_hr: 'https://cdn.example.com/hr.png' }).avatar).toBe(
      'https://cdn.example.com/hr.png',
    );
  });

  it.each([
    ['#DF532D', '#df532d'],
    ['#df532d', '#df532d'],
    ['df532d', null],
    ['#fff', null],
    ['red', null],
    ['#df532d; background:url(x)', null],
    [undefined, null],
  ])('color %j → %j', (color, expected) => {
    expect(model({ color }).color).toBe(expected);
  });

  it('flags bots and extranet users', () => {
    expect(model({ bot: true }).bot).toBe(true);
    expect(model({ bot: undefined }).bot).toBe(false);
    expect(model({ extranet: true }).extranet).toBe(true);
  });

  it.each([
    ['M', 'M'],
    ['F', 'F'],
    ['', null],
    ['X', null],
    [undefined, null],
  ])(
    'gender %j → %j (Russian texts agree with it; anything else reads neutral)',
    (gender, expected) => {
      expect(model({ gender }).gender).toBe(expected);
    },
  );

  it('copes with a user that has nothing but an id', () => {
    expect(toColleague({ id: 3 }, NOW, LIMIT)).toEqual({
      id: 3,
      name: '#3',
      firstName: '',
      lastName: '',
      position: '',
      departments: [],
      avatar: null,
      color: null,
      presence: 'offline',
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
    });
  });

  it('copies departments instead of aliasing the raw array', () => {
    const departments = [1, 2];
    const anna = model({ departments });
    departments.push(3);
    expect(anna.departments).toEqual([1, 2]);
  });
});
