import { migrateSettings, type RawSettings } from './migrations.js';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../shared/settings/schema.js';

/**
 * Decides what to do with the settings file's text before the store opens it. Pure: the shell
 * does the file operations. Nothing is silently dropped: whenever any stored value cannot be
 * used, the original file is to be kept aside (settings.json.corrupt-<time>) and the problem
 * reported; valid parts of a partly bad file survive.
 */
export type SettingsFileVerdict =
  | { readonly kind: 'missing'; readonly settings: Settings }
  /** rewrite: migrated or completed with defaults; the store should write `settings` back. */
  | {
      readonly kind: 'ok';
      readonly settings: Settings;
      readonly rewrite: boolean;
      readonly migratedFrom: number | null;
    }
  /** Some fields were unusable and reset to defaults; keep the original aside. */
  | { readonly kind: 'repaired'; readonly settings: Settings; readonly issues: readonly string[] }
  /** Unreadable as a whole (not JSON, not an object, newer version): keep aside, use defaults. */
  | { readonly kind: 'corrupt'; readonly settings: Settings; readonly reason: string };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fills keys missing from `stored` with the defaults, recursively for nested objects. */
function withDefaults(defaults: unknown, stored: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(stored))
    return stored === undefined ? defaults : stored;
  const result: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(defaults)) {
    // Keyed maps (rules) and discriminated objects (connection) are whole values, not merged.
    if (key === 'rules' || key === 'connection') result[key] = key in stored ? stored[key] : value;
    else result[key] = withDefaults(value, stored[key]);
  }
  return result;
}

/** JSON with sorted keys: key order in the file is not a difference worth rewriting for. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isPlainObject(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export function inspectSettingsText(text: string | null): SettingsFileVerdict {
  if (text === null) return { kind: 'missing', settings: DEFAULT_SETTINGS };
  // Editors on Windows (Notepad) save UTF-8 with a byte-order mark, which JSON.parse refuses:
  // a hand edit must not cost every setting. The file is rewritten without it.
  const bom = text.charCodeAt(0) === 0xfeff;
  let raw: unknown;
  try {
    raw = JSON.parse(bom ? text.slice(1) : text);
  } catch {
    return {
      kind: 'corrupt',
      settings: DEFAULT_SETTINGS,
      reason: 'The settings file is not valid JSON.',
    };
  }
  const verdict = inspectSettingsValue(raw);
  return bom && verdict.kind === 'ok' ? { ...verdict, rewrite: true } : verdict;
}

export function inspectSettingsValue(raw: unknown): SettingsFileVerdict {
  const migrated = migrateSettings(raw);
  if (migrated.kind === 'invalid')
    return { kind: 'corrupt', settings: DEFAULT_SETTINGS, reason: migrated.reason };
  if (migrated.kind === 'newer') {
    return {
      kind: 'corrupt',
      settings: DEFAULT_SETTINGS,
      reason: `The settings file comes from a newer version of the app (settings version ${migrated.version}).`,
    };
  }
  const migratedFrom = migrated.kind === 'migrated' ? migrated.from : null;
  const completed = withDefaults(DEFAULT_SETTINGS, migrated.value) as RawSettings;
  const parsed = SettingsSchema.safeParse(completed);
  if (parsed.success) {
    const rewrite = migratedFrom !== null || canonical(parsed.data) !== canonical(migrated.value);
    return { kind: 'ok', settings: parsed.data, rewrite, migratedFrom };
  }
  return salvage(completed);
}

/** Resets each unusable top-level field to its default, keeping every valid one. */
function salvage(completed: RawSettings): SettingsFileVerdict {
  const repaired: Record<string, unknown> = {};
  const issues: string[] = [];
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const fieldSchema = SettingsSchema.shape[key];
    const result = fieldSchema.safeParse(completed[key]);
    if (result.success) {
      repaired[key] = result.data;
    } else {
      repaired[key] = DEFAULT_SETTINGS[key];
      const issue = result.error.issues[0];
      const where = [key, ...(issue?.path ?? [])].join('.');
      issues.push(`${where}: ${issue?.message ?? 'invalid'} (reset to default)`);
    }
  }
  const parsed = SettingsSchema.safeParse(repaired);
  if (!parsed.success) {
    return {
      kind: 'corrupt',
      settings: DEFAULT_SETTINGS,
      reason: 'The settings file could not be repaired.',
    };
  }
  return { kind: 'repaired', settings: parsed.data, issues };
}
