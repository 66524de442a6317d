// npm run sandbox -- [--port 0] [--host 127.0.0.1] [--seed seed.json] [--deploy-delay-ms N]
// Runs the sandbox in the foreground until SIGINT / SIGTERM.
import { parseArgs } from 'node:util';
import { startSandbox } from './index.js';
import { seedSandboxFromFile } from './seed.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    'deploy-delay-ms': { type: 'string', default: '0' },
    'account-id': { type: 'string' },
  },
});

const sandbox = await startSandbox({
  port: Number(values.port),
  host: values.host,
  deployDelayMs: Number(values['deploy-delay-ms']),
  ...(values['account-id'] ? { accountId: values['account-id'] } : {}),
});

if (values.seed) {
  const seeded = seedSandboxFromFile(sandbox, values.seed);
  for (const [name, arn] of Object.entries(seeded.certificates)) console.log(`certificate ${name}: ${arn}`);
  for (const id of seeded.distributions) console.log(`distribution ${id}`);
}

console.log(`AWS_ENDPOINT_URL=${sandbox.url}`);
console.log(`ACTIONS_ID_TOKEN_REQUEST_URL=${sandbox.oidcTokenUrl}`);
console.log(`ACTIONS_ID_TOKEN_REQUEST_TOKEN=${sandbox.oidcRequestToken}`);
console.log(`role: ${sandbox.defaultRoleArn}`);
// Last, so a parent process can wait for this line and know everything above is ready.
console.log(`sandbox listening on ${sandbox.url}`);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
