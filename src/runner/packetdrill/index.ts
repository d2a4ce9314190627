/**
 * The packetdrill runner: plays a parsed script against the engine with the script's own clock,
 * as the kernel under test would meet it (the parser and the format are in src/wire/packetdrill).
 */
export type * from './result';
export { runScript, type RunOptions } from './runner';
export { configure, detectOrigin, type Origin, type RunConfig } from './script-config';
