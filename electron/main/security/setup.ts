import type { App } from 'electron';
import { guardNavigation } from './navigation.js';
import { denyAllPermissions } from './permissions.js';

/** One guard set for every web contents, including any the panel might try to create, and no permissions. */
export function setupSecurity(
  app: Pick<App, 'on'>,
  session: Parameters<typeof denyAllPermissions>[0],
  log: (line: string) => void = () => {},
): void {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, log));
  denyAllPermissions(session, log);
}
