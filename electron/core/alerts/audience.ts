import type { Colleague } from '../../shared/domain.js';
import type { Settings } from '../../shared/settings/schema.js';
import { alertsPausedAt } from '../../shared/settings/pause.js';
import { ruleOf } from '../../shared/settings/rules.js';
import { inQuietHours, type LocalTimeFn } from './quiet-hours.js';

/*
 * Who is alerted about, and when alerts are held back.
 * - Who: bots never; rule 'muted' never; scope 'nobody' silences everyone (it is the off switch,
 *   stars included); scope 'starred' only people with rule 'starred'; 'everyone' all. The kind
 *   switches apply to starred people too: stars choose whom, kinds choose what.
 * - When: never while alerts are paused or inside enabled quiet hours.
 */

export function isStarred(person: Colleague, rules: Settings['rules']): boolean {
  return ruleOf(rules, person.id) === 'starred';
}

export function wanted(person: Colleague, settings: Pick<Settings, 'alerts' | 'rules'>): boolean {
  if (person.bot) return false;
  const rule = ruleOf(settings.rules, person.id);
  if (rule === 'muted') return false;
  const scope = settings.alerts.scope;
  return scope === 'everyone' || (scope === 'starred' && rule === 'starred');
}

/** Alerts that would go out at `now` are dropped: paused, or in quiet hours. */
export function heldBack(
  settings: Pick<Settings, 'alerts'>,
  now: number,
  localTime: LocalTimeFn,
): boolean {
  const { pausedUntil, quietHours } = settings.alerts;
  if (alertsPausedAt(pausedUntil, now)) return true;
  return quietHours.enabled && inQuietHours(quietHours.windows, localTime(now));
}
