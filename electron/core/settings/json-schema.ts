import { z } from 'zod';
import { SettingsSchema } from '../../shared/settings/schema.js';

/**
 * The JSON Schema electron-store validates every write against, generated from the one zod
 * schema so the two can never disagree. The settings object is the store's root, so this
 * returns the `schema` (per-key) and `rootSchema` (required / no extra keys) halves its
 * options take.
 */
export function settingsStoreSchema(): {
  schema: Record<string, unknown>;
  rootSchema: Record<string, unknown>;
} {
  const full = z.toJSONSchema(SettingsSchema, { target: 'draft-2020-12' }) as {
    properties: Record<string, unknown>;
    required: string[];
  };
  return {
    schema: full.properties,
    rootSchema: { required: full.required, additionalProperties: false },
  };
}
