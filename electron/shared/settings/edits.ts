import type { ColleagueRule } from '../domain.js';
import { withRule } from './rules.js';
import type { Settings, SettingsUpdate } from './schema.js';

/*
 * The requests that only edit settings ('alerts:pause', 'colleague:set-rule', 'watch:set'),
 * each as the `settings:update` it stands for: the host applies them through the same path
 * as the settings form, and the panel can compute the same result for its optimistic copy.
 */
export function pauseEdit(until: number | null): SettingsUpdate {
  return { alerts: { pausedUntil: until } };
}

export function ruleEdit(settings: Settings, id: number, rule: ColleagueRule): SettingsUpdate {
  return { rules: withRule(settings.rules, id, rule) };
}

/** Asks to be told once when `id` is next available (on), or takes the request back (off). */
export function notifyOnceEdit(
  settings: Settings,
  id: number,
  on: boolean,
  now: number,
): SettingsUpdate {
  const others = settings.notifyOnce.filter((request) => request.id !== id);
  return { notifyOnce: on ? [...others, { id, since: now }] : others };
}

/** The watch list as given, each id once, in first-seen order. */
export function watchEdit(ids: readonly number[]): SettingsUpdate {
  return { watchIds: [...new Set(ids)] };
}
