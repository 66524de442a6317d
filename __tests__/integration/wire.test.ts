// watchRequests(): the signal main.ts waits for before it validates the certificate. It must
// fire for the SDK's own requests, once they are written, and not before one is sent.
import { GetDistributionConfigCommand, CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { watchRequests } from '../../src/aws/wire.js';
import { clientSettings, useSandbox } from '../support/sandbox.js';

const sandbox = useSandbox();

describe('watchRequests', () => {
  it('resolves once an SDK request has been written, before its answer arrives', async () => {
    const sb = sandbox();
    const { id } = sb.createDistribution({ aliases: [] });
    sb.latency(200, 'GetDistributionConfig');
    const events: string[] = [];
    const wire = watchRequests(1);
    // The sandbox logs a call when it answers it: none may be logged yet when `sent` fires.
    void wire.sent.then(() => events.push(`sent, ${sb.requests.length} answered`));
    await new CloudFrontClient(clientSettings(sb))
      .send(new GetDistributionConfigCommand({ Id: id }))
      .then(() => events.push('answered'));
    expect(events).toEqual(['sent, 0 answered', 'answered']);
  });

  it('waits for as many requests as it was told: a first wave of two', async () => {
    const sb = sandbox();
    const { id } = sb.createDistribution({ aliases: [] });
    sb.latency(200);
    const client = new CloudFrontClient(clientSettings(sb));
    const wire = watchRequests(2);
    let sent = false;
    void wire.sent.then(() => (sent = true));
    const first = client.send(new GetDistributionConfigCommand({ Id: id }));
    await first;
    expect(sent).toBe(false);
    const second = client.send(new GetDistributionConfigCommand({ Id: id }));
    await wire.sent;
    expect(sb.requests).toHaveLength(1); // the second is written, not yet answered
    await second;
  });

  it('stays pending while nothing is sent, and stop() lets the next request go unwatched', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const wire = watchRequests(1);
      let sent = false;
      void wire.sent.then(() => (sent = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(sent).toBe(false);
      wire.stop();
      await fetchWithHttp(port);
      await new Promise((resolve) => setImmediate(resolve));
      expect(sent).toBe(false);
    } finally {
      server.close();
    }
  });
});

/** A plain node:http GET (fetch() is undici and publishes on other channels). */
async function fetchWithHttp(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}
