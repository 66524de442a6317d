// When requests have left the process. A run validates the certificate (CPU-bound: loading and
// running the X.509 stack) while its first reads are in flight, and that work must start only once
// they are on the wire: a blocked event loop cannot connect a socket or write to it.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

// Node publishes every node:http(s) client request here, the SDK's NodeHttpHandler included.
const REQUEST_START = 'http.client.request.start';

export interface Watch {
  /** Resolves when `count` HTTP requests started since the watch began have been handed to the OS (or failed). */
  readonly sent: Promise<void>;
  readonly stop: () => void;
}

export function watchRequests(count: number): Watch {
  let stop = (): void => undefined;
  const sent = new Promise<void>((resolve) => {
    let started = 0;
    let written = 0;
    const onWritten = (): void => {
      written += 1;
      if (written >= count) resolve();
    };
    const onStart = (message: unknown): void => {
      started += 1;
      if (started >= count) stop();
      const request = (message as { request: ClientRequest }).request;
      let done = false;
      const once = (): void => {
        if (done) return;
        done = true;
        onWritten();
      };
      request.once('finish', once);
      request.once('close', once);
    };
    if (count <= 0) resolve();
    else subscribe(REQUEST_START, onStart);
    stop = () => unsubscribe(REQUEST_START, onStart);
  });
  return { sent, stop };
}
