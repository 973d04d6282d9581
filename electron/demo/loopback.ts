import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Used by the demo portal and by browser mode's server.
 * Starts `server` on 127.0.0.1 (never a public interface: the demo portal and browser mode
 * are for this machine only) and resolves with its origin, e.g. `http://127.0.0.1:41234`.
 * Port 0 picks a free port.
 */
export async function listenOnLoopback(server: Server, port = 0): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
