import { describe, expect, it } from 'vitest';
import { emptyReason } from '../../../../../renderer/src/lib/empty.js';

describe('why the list is empty', () => {
  it('tells loading, an empty team, nobody starred and no match apart', () => {
    expect(emptyReason({ loaded: false, teamSize: 0, filter: 'all', query: '' })).toBe('waiting');
    expect(emptyReason({ loaded: true, teamSize: 0, filter: 'starred', query: '' })).toBe(
      'no-team',
    );
    expect(emptyReason({ loaded: true, teamSize: 40, filter: 'starred', query: '' })).toBe(
      'no-starred',
    );
    expect(emptyReason({ loaded: true, teamSize: 40, filter: 'starred', query: '  ' })).toBe(
      'no-starred',
    );
    // Starred people exist but the search hides them: that is a search to clear.
    expect(emptyReason({ loaded: true, teamSize: 40, filter: 'starred', query: 'zz' })).toBe(
      'no-match',
    );
    expect(emptyReason({ loaded: true, teamSize: 40, filter: 'online', query: '' })).toBe(
      'no-match',
    );
  });
});
