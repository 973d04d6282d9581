/**
 * Bitrix24's user object as the im.* methods return it, after lenient validation:
 * a field that is missing or malformed comes out as `undefined` (or `false` for dates),
 * so one odd field degrades one person, never a whole poll.
 * Dates are ATOM strings with an offset (`2018-01-29T17:35:31+03:00`) or false.
 */
export interface RawUser {
  readonly id: number;
  readonly active?: boolean | undefined;
  readonly name?: string | undefined;
  readonly first_name?: string | undefined;
  readonly last_name?: string | undefined;
  readonly work_position?: string | null | undefined;
  readonly color?: string | undefined;
  readonly avatar?: string | undefined;
  readonly avatar_hr?: string | undefined;
  readonly gender?: string | undefined;
  readonly extranet?: boolean | undefined;
  readonly bot?: boolean | undefined;
  readonly status?: string | undefined;
  readonly idle?: string | false | undefined;
  readonly last_activity_date?: string | false | undefined;
  readonly mobile_last_date?: string | false | undefined;
  readonly desktop_last_date?: string | false | undefined;
  readonly absent?: string | false | undefined;
  readonly departments?: readonly number[] | undefined;
}

/** Who owns the credential: from `profile` / `im.user.get`. */
export interface PortalIdentity {
  readonly userId: number;
  readonly name: string;
  readonly portalHost: string;
}

export interface Department {
  readonly id: number;
  readonly name: string;
}
