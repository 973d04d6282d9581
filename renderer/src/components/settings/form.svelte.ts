import type { RequestError } from '$shared/contract.js';
import type { SettingsUpdate } from '$shared/settings/schema.js';
import { describeError } from '../../lib/errors.js';
import type { Translator } from '../../lib/i18n.js';

/*
 * What the settings form remembers between keystrokes, shared by its sections: text typed but
 * not (yet) saved, the host's refusals, and the field saved last (for the screen reader).
 *
 * Every field saves on its own when changed. A refused value stays in its field with the
 * host's message next to it (matched by the answer's dot path), so nothing typed is lost.
 */
export type Save = SettingsUpdate | (() => Promise<RequestError | null>);

/** How long "Saved" stays in the dialog's header before it fades away. */
export const SAVED_VISIBLE_MS = 4000;

/** The dialog header's line: the last change was stored, or was not (the reason is next to the field). */
export interface SaveStatus {
  readonly kind: 'saved' | 'failed';
  /** Bumped on every status, so the same word shown twice fades in again. */
  readonly nonce: number;
}

export class SettingsForm {
  /** Text the user typed that is not (yet) saved, by field path. */
  drafts = $state<Record<string, string>>({});
  /** Refusals by field path. */
  errors = $state<Record<string, string>>({});
  savedPath = $state<string | null>(null);
  /** What the header says about the last change; "Saved" clears itself after SAVED_VISIBLE_MS. */
  status = $state.raw<SaveStatus | null>(null);
  private nonce = 0;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;

  /** Getters, so a language switch or a new handler is picked up without a new form. */
  constructor(
    private readonly i18n: () => Translator,
    private readonly update: (update: SettingsUpdate) => Promise<RequestError | null>,
  ) {}

  /** The dialog opened: nothing typed before is kept. */
  reset(): void {
    this.drafts = {};
    this.errors = {};
    this.setStatus(null);
  }

  private setStatus(kind: SaveStatus['kind'] | null): void {
    clearTimeout(this.statusTimer);
    this.status = kind === null ? null : { kind, nonce: ++this.nonce };
    if (kind === 'saved')
      this.statusTimer = setTimeout(() => (this.status = null), SAVED_VISIBLE_MS);
  }

  draft(path: string): string | undefined {
    return this.drafts[path];
  }

  setDraft(path: string, text: string): void {
    this.drafts = { ...this.drafts, [path]: text };
  }

  /** Forgets what was typed at `path` and below it. */
  clearDrafts(path: string): void {
    this.drafts = Object.fromEntries(
      Object.entries(this.drafts).filter(
        ([field]) => field !== path && !field.startsWith(`${path}.`),
      ),
    );
  }

  errorFor(path: string): string | null {
    for (const [field, message] of Object.entries(this.errors))
      if (field === path || field.startsWith(`${path}.`)) return message;
    return null;
  }

  /** Refused here or by the host: the message goes next to the field, "Not saved" into the header. */
  refuse(path: string, message: string): void {
    this.errors = { ...this.errors, [path]: message };
    this.setStatus('failed');
  }

  clearErrors(path: string): void {
    this.errors = Object.fromEntries(
      Object.entries(this.errors).filter(
        ([field]) => field !== path && !field.startsWith(`${path}.`),
      ),
    );
  }

  /**
   * Saves `save` (a settings update, or another request) for the field at `path`; true when
   * stored. `refusal` replaces the host's words for a refusal of this very field, for fields
   * shown in another unit than the stored one (minutes for seconds).
   */
  async commit(
    path: string,
    save: Save,
    options: { readonly refusal?: string } = {},
  ): Promise<boolean> {
    const error = typeof save === 'function' ? await save() : await this.update(save);
    this.clearErrors(path);
    if (error) {
      const own = options.refusal !== undefined && (error.field === null || error.field === path);
      this.refuse(
        error.field ?? path,
        own ? (options.refusal as string) : describeError(this.i18n(), error),
      );
      this.savedPath = null;
      return false;
    }
    const { [path]: _saved, ...rest } = this.drafts;
    this.drafts = rest;
    this.savedPath = path;
    this.setStatus('saved');
    return true;
  }

  /**
   * A number field: kept as typed; `parse` turns the text into the stored value or says why
   * not (in the field's own unit), and nothing is sent then.
   */
  numberField(
    path: string,
    text: string,
    build: (value: number) => SettingsUpdate,
    parse: NumberParse = wholeNumber(this.i18n()),
    refusal?: string,
  ): void {
    this.setDraft(path, text);
    const parsed = parse(text);
    if ('error' in parsed) {
      this.refuse(path, parsed.error);
      return;
    }
    void this.commit(path, build(parsed.value), refusal === undefined ? {} : { refusal });
  }
}

/** A field's text to its stored value, or the reason it is not one. */
export type NumberParse = (text: string) => { readonly value: number } | { readonly error: string };

export function wholeNumber(i18n: Translator): NumberParse {
  return (text) =>
    /^\s*-?\d+\s*$/.test(text)
      ? { value: Number(text) }
      : { error: i18n.t('settings.wholeNumber') };
}
