// @peculiar/x509 v2 relies on decorator metadata: load the polyfill before anything else.
import 'reflect-metadata';
import { run } from './main.js';

await run();
