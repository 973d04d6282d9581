import { FILTERS, SORTS, type FilterKey, type SortKey, type ViewOptions } from '../lib/list.js';

/**
 * How the list is looked at (search, filter, sort, grouping). Kept apart from HostMirror because
 * it belongs to this window, not to the host; remembered in localStorage between runs.
 */
const STORAGE_KEY = 'b24presence.view';

export class ViewState implements ViewOptions {
  query = $state('');
  filter = $state<FilterKey>('all');
  sort = $state<SortKey>('presence');
  groupByDepartment = $state(false);

  constructor(private readonly storage: Storage | null = safeStorage()) {
    this.restore();
  }

  reset(): void {
    this.query = '';
    this.filter = 'all';
  }

  save(): void {
    try {
      this.storage?.setItem(
        STORAGE_KEY,
        JSON.stringify({ filter: this.filter, sort: this.sort, group: this.groupByDepartment }),
      );
    } catch {
      /* storage full or disabled: the view simply is not remembered */
    }
  }

  private restore(): void {
    try {
      const saved: unknown = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? 'null');
      if (typeof saved !== 'object' || saved === null) return;
      const { filter, sort, group } = saved as Record<string, unknown>;
      if (FILTERS.includes(filter as FilterKey)) this.filter = filter as FilterKey;
      if (SORTS.includes(sort as SortKey)) this.sort = sort as SortKey;
      if (typeof group === 'boolean') this.groupByDepartment = group;
    } catch {
      /* unreadable: start from the defaults */
    }
  }
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
