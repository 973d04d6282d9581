import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { AppService } from '../../electron/core/ports.js';
import {
  EVENT_CHANNELS,
  RequestErrorSchema,
  eventChannels,
  requestChannels,
  type EventChannel,
  type RequestChannel,
} from '../../electron/shared/contract.js';

/**
 * Holds the real service (or engine) to the IPC contract: every event and answer it emits must
 * pass the zod schema the panel checks it with, unchanged (a key zod would strip is a violation
 * too: the panel would silently lose it). Violations are collected, not thrown inside the
 * service's emitter, and `assertClean` fails the test that caused them.
 */
export class ContractConformance {
  readonly violations: string[] = [];

  checkEvent(channel: EventChannel, payload: unknown): void {
    this.check(`event ${channel}`, eventChannels[channel], payload);
  }

  checkAnswer(channel: RequestChannel, result: unknown): void {
    const answer = result as { ok?: unknown; value?: unknown; error?: unknown };
    if (answer.ok === true)
      this.check(`answer ${channel}`, requestChannels[channel].response, answer.value);
    else if (answer.ok === false)
      this.check(`error answer ${channel}`, RequestErrorSchema, answer.error);
    else this.violations.push(`answer ${channel}: not a result: ${JSON.stringify(result)}`);
  }

  /** The same service, its answers checked, and every event it pushes on any channel checked from now on. */
  wrap(service: AppService): AppService {
    for (const channel of EVENT_CHANNELS)
      service.on(channel, (payload) => this.checkEvent(channel, payload));
    const handle: AppService['handle'] = async (channel, request) => {
      const result = await service.handle(channel, request);
      this.checkAnswer(channel, result);
      return result;
    };
    return Object.assign(Object.create(service) as AppService, { handle });
  }

  assertClean(): void {
    const found = this.violations.splice(0);
    if (found.length > 0) throw new Error(`the service broke the contract:\n${found.join('\n')}`);
  }

  private check(what: string, schema: z.ZodType, payload: unknown): void {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      this.violations.push(
        `${what}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
      );
    } else if (!isDeepStrictEqual(parsed.data, payload)) {
      this.violations.push(`${what}: zod would change it: ${JSON.stringify(payload)}`);
    }
  }
}
