// When a request has left the process. A run validates the certificate (CPU-bound: loading and
// running the X.509 stack) while its first reads are in flight, and that work must start only once
// they are on the wire: a blocked event loop cannot connect a socket or write to it.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

// Node publishes every node:http(s) client request here, the SDK's NodeHttpHandler included.
const REQUEST_START = 'http.client.request.start';

export interface Watch {
  /** Resolves when the next HTTP request has been handed to the OS (or has failed). */
  readonly sent: Promise<void>;
  readonly stop: () => void;
}

export function watchNextRequest(): Watch {
  let stop = (): void => undefined;
  const sent = new Promise<void>((resolve) => {
    const onStart = (message: unknown): void => {
      stop();
      const request = (message as { request: ClientRequest }).request;
      request.once('finish', () => resolve());
      request.once('close', () => resolve());
    };
    subscribe(REQUEST_START, onStart);
    stop = () => unsubscribe(REQUEST_START, onStart);
  });
  return { sent, stop };
}
