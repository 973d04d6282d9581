/**
 * What the panel says when an action fails (spread into en.ts; keys shared with actions.ru.ts).
 * The notice stays until dismissed or retried: a refused star must never look saved.
 */
export const actionsEn = {
  'action.failed.starred': 'Not starred: {name}',
  'action.failed.unstarred': 'Star not removed: {name}',
  'action.failed.muted': 'Not muted: {name}',
  'action.failed.unmuted': 'Not unmuted: {name}',
  'action.failed.notifyOnce': 'Not set to tell you when available: {name}',
  'action.failed.notifyOnceOff': 'Still set to tell you when available: {name}',
  'action.failed.refresh': 'Not refreshed',
  'action.failed.chat': 'Chat not opened: {name}',
  'action.retry': 'Try again',
  'error.code.host-unreachable':
    'B24 Presence is not reachable: the panel lost its server. Start it again (npm start), then try again.',
} as const;
