import type { ColleagueRule } from '../domain.js';
import type { Settings } from './schema.js';

/** The per-person rules with one person's rule set ('default' removes it): one edit for host and panel. */
export function withRule(
  rules: Settings['rules'],
  id: number,
  rule: ColleagueRule,
): Settings['rules'] {
  const next = { ...rules };
  if (rule === 'default') delete next[String(id)];
  else next[String(id)] = rule;
  return next;
}

/** A person's rule, 'default' when none is set. */
export function ruleOf(rules: Settings['rules'], id: number): ColleagueRule {
  return rules[String(id)] ?? 'default';
}
