// node --import bench/trace-loads.mjs <entry>: appends the URL of every module Node loads (bundle
// chunks and node: builtins) to $TRACE_LOADS_FILE. Used by bench/cold-start.ts to show what an
// input-error exit and a first request load.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import process from 'node:process';

const out = process.env.TRACE_LOADS_FILE;
registerHooks({
  load(url, context, nextLoad) {
    if (out) appendFileSync(out, `${url}\n`);
    return nextLoad(url, context);
  },
});
