import type { RequestError } from '$shared/contract.js';
import type { SettingsUpdate } from '$shared/settings/schema.js';
import { describeError } from '../../lib/errors.js';
import type { Translator } from '../../lib/i18n.js';

/**
 * What the settings form remembers between keystrokes, shared by its sections: text typed but
 * not (yet) saved, the host's refusals, and the field saved last (for the screen reader).
 *
 * Every field saves on its own when changed. A refused value stays in its field with the
 * host's message next to it (matched by the answer's dot path), so nothing typed is lost.
 */
export type Save = SettingsUpdate | (() => Promise<RequestError | null>);

export class SettingsForm {
  /** Text the user typed that is not (yet) saved, by field path. */
  drafts = $state<Record<string, string>>({});
  /** Refusals by field path. */
  errors = $state<Record<string, string>>({});
  savedPath = $state<string | null>(null);

  /** Getters, so a language switch or a new handler is picked up without a new form. */
  constructor(
    private readonly i18n: () => Translator,
    private readonly update: (update: SettingsUpdate) => Promise<RequestError | null>,
  ) {}

  /** The dialog opened: nothing typed before is kept. */
  reset(): void {
    this.drafts = {};
    this.errors = {};
  }

  draft(path: string): string | undefined {
    return this.drafts[path];
  }

  setDraft(path: string, text: string): void {
    this.drafts = { ...this.drafts, [path]: text };
  }

  errorFor(path: string): string | null {
    for (const [field, message] of Object.entries(this.errors)) if (field === path || field.startsWith(`${path}.`)) return message;
    return null;
  }

  refuse(path: string, message: string): void {
    this.errors = { ...this.errors, [path]: message };
  }

  private clearErrors(path: string): void {
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([field]) => field !== path && !field.startsWith(`${path}.`)));
  }

  /** Saves `save` (a settings update, or another request) for the field at `path`. */
  async commit(path: string, save: Save): Promise<void> {
    const error = typeof save === 'function' ? await save() : await this.update(save);
    this.clearErrors(path);
    if (error) {
      this.refuse(error.field ?? path, describeError(this.i18n(), error));
      this.savedPath = null;
      return;
    }
    const { [path]: _saved, ...rest } = this.drafts;
    this.drafts = rest;
    this.savedPath = path;
  }

  /** A whole-number field: kept as typed, refused here when it is not a number at all. */
  numberField(path: string, text: string, build: (value: number) => SettingsUpdate): void {
    this.setDraft(path, text);
    if (!/^\s*-?\d+\s*$/.test(text)) {
      this.refuse(path, this.i18n().t('settings.wholeNumber'));
      return;
    }
    void this.commit(path, build(Number(text)));
  }
}
