import { describe, expect, it, vi } from 'vitest';
import { panelActions } from '../../../../electron/main/panel-actions.js';

function fakePanel() {
  const loaded: Array<() => void> = [];
  const panel = {
    show: vi.fn(),
    toggle: vi.fn(),
    send: vi.fn<(wire: string, payload: unknown) => void>(),
    // Runs the action once the page has loaded: the test decides when.
    afterLoad: vi.fn((action: () => void) => void loaded.push(action)),
  };
  return { panel, load: () => loaded.splice(0).forEach((action) => action()) };
}

describe('panel actions', () => {
  it('focuses a colleague: shows the panel, then pushes once the page has loaded', () => {
    const { panel, load } = fakePanel();
    panelActions(panel as never).focusColleague(42);
    expect(panel.show).toHaveBeenCalledOnce();
    expect(panel.send).not.toHaveBeenCalled();
    load();
    expect(panel.send).toHaveBeenCalledWith('b24:evt:focus-colleague', { id: 42 });
  });

  it('only shows the panel for an alert about several people', () => {
    const { panel, load } = fakePanel();
    panelActions(panel as never).focusColleague(null);
    load();
    expect(panel.show).toHaveBeenCalledOnce();
    expect(panel.afterLoad).not.toHaveBeenCalled();
    expect(panel.send).not.toHaveBeenCalled();
  });

  it('opens the settings the same way, and shows or toggles the panel', () => {
    const { panel, load } = fakePanel();
    const actions = panelActions(panel as never);
    actions.openSettings();
    load();
    expect(panel.send).toHaveBeenCalledWith('b24:evt:open-settings', null);
    actions.show();
    actions.toggle();
    expect(panel.show).toHaveBeenCalledTimes(2);
    expect(panel.toggle).toHaveBeenCalledOnce();
  });
});
