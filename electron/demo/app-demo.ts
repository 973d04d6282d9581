import { startDemoPortal } from './portal.js';
import type { DemoPortal } from './types.js';

export interface AppDemoOptions {
  /** People on the demo team (the demo's default: 40). */
  readonly teamSize?: number;
  /** Answer as an old on-premise portal (real idle, mobile, status). */
  readonly legacy?: boolean;
}

/**
 * The demo portal as the app starts it, in the desktop app, `web` and `watch` alike: in this
 * process on loopback, with its simulated day shifted so the team is at work whatever the
 * hour (a first look at the demo should show people coming and going).
 */
export function startAppDemo(options: AppDemoOptions = {}): Promise<DemoPortal> {
  return startDemoPortal({
    officeHoursNow: true,
    ...(options.teamSize !== undefined ? { teamSize: options.teamSize } : {}),
    ...(options.legacy !== undefined ? { legacy: options.legacy } : {}),
  });
}
