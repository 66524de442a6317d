// The entry the runner starts. The @peculiar/x509 stack (and the reflect-metadata polyfill it needs,
// imported by src/certificate/facts.ts) loads lazily, after the inputs are read: an input error
// should not pay for it.
import { run } from './main.js';

await run();
