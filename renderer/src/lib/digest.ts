import type { Digest } from '$shared/domain.js';

/**
 * "While you were away" in the panel: the card keeps one digest, and a second one that arrives
 * while it shows is folded in (earliest since, latest until, the lists united). Where the two
 * disagree about a person (arrived in the first, left in the second), the newer one wins.
 */
export function mergeDigest(shown: Digest, next: Digest): Digest {
  const newer = new Set([...next.arrived, ...next.left, ...next.backFromLeave]);
  const keep = (ids: readonly number[], more: readonly number[]): number[] => [
    ...new Set([...ids.filter((id) => !newer.has(id)), ...more]),
  ];
  return {
    since: Math.min(shown.since, next.since),
    until: Math.max(shown.until, next.until),
    arrived: keep(shown.arrived, next.arrived),
    left: keep(shown.left, next.left),
    backFromLeave: keep(shown.backFromLeave, next.backFromLeave),
  };
}

export type DigestKind = 'arrived' | 'left' | 'backFromLeave';

export interface DigestGroup {
  readonly kind: DigestKind;
  readonly people: readonly { readonly id: number; readonly name: string }[];
}

/**
 * The card's lines, in reading order: who came online, who is back from leave, who left. People
 * the panel no longer knows (gone from the team meanwhile) are left out, and so are empty lines.
 */
export function digestGroups(digest: Digest, nameOf: (id: number) => string | null): DigestGroup[] {
  const groups: DigestGroup[] = [];
  for (const kind of ['arrived', 'backFromLeave', 'left'] as const) {
    const people = digest[kind].flatMap((id) => {
      const name = nameOf(id);
      return name === null ? [] : [{ id, name }];
    });
    if (people.length > 0) groups.push({ kind, people });
  }
  return groups;
}
