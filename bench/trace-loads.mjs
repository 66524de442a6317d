// node --import bench/trace-loads.mjs <entry>: appends "<ms since process start> <url>" for every
// module Node loads (bundle chunks and node: builtins) to $TRACE_LOADS_FILE. Used by
// bench/cold-start.ts to show what an input-error exit and a first request load, and when.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const out = process.env.TRACE_LOADS_FILE;
registerHooks({
  load(url, context, nextLoad) {
    if (out) appendFileSync(out, `${performance.now().toFixed(1)} ${url}\n`);
    return nextLoad(url, context);
  },
});
