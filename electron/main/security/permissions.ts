import type { Session } from 'electron';

/**
 * The panel needs no web permission (notifications are shown by main, not by the page), so
 * every request and every check is answered "no", including device pickers.
 */
export function denyAllPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
  log: (line: string) => void = () => {},
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`security: denied permission ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
