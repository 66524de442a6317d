// Calls the admin endpoint of a sandbox running in another process (`npm run sandbox`).

/**
 * `adminCall(url, 'throttle', { operation: 'UpdateDistribution', times: 2 })`; every function
 * of the in-process Sandbox is there, with its arguments as one object (see Sandbox.admin).
 */
export async function adminCall<T = unknown>(
  sandboxUrl: string,
  name: string,
  args: object = {},
): Promise<T> {
  const response = await fetch(`${sandboxUrl.replace(/\/$/, '')}/__admin/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { result?: T; error?: string };
  if (!response.ok) throw new Error(`sandbox admin ${name} failed: ${body.error ?? response.status}`);
  return body.result as T;
}
