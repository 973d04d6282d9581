import type { AppService } from '../core/ports.js';
import {
  EVENT_CHANNELS,
  ipcEventName,
  type EventChannel,
  type EventOf,
} from '../shared/contract.js';

export type PushSink = (wireChannel: string, payload: unknown) => void;

/**
 * Forwards every event channel of the service to the panel, when a panel exists. The service
 * already sends the full snapshot first and then numbered patches; a renderer that sees a gap
 * asks `snapshot:get`. A destroyed (memory-saving) window simply receives nothing until rebuilt.
 */
export function forwardEvents(
  service: Pick<AppService, 'on'>,
  sink: () => PushSink | null,
): () => void {
  const unsubscribers = EVENT_CHANNELS.map((channel) =>
    service.on(channel, (event) => pushTo(sink(), channel, event)),
  );
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

export function pushTo<C extends EventChannel>(
  sink: PushSink | null,
  channel: C,
  event: EventOf<C>,
): void {
  sink?.(ipcEventName(channel), event);
}
