/** packetdrill scripts: a pure parser and a runner that plays the script against the engine. */
export type * from './ast';
export type * from './result';
export { ScriptSyntaxError } from './errors';
export { parseScript, type ParseOptions } from './parser';
export { runScript, type RunOptions } from './runner';
export { configure, detectOrigin, type Origin, type RunConfig } from './script-config';
export { formatSegment, formatOptions, formatFlags } from './format';
export { SCRIPT_LIMITS, formatKilobytes } from './limits';
