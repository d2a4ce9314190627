/** packetdrill scripts as text: a pure parser, the script's syntax tree and its segment format. */
export type * from './ast';
export { ScriptSyntaxError } from './errors';
export { parseScript, type ParseOptions } from './parser';
export { formatSegment, formatOptions, formatFlags } from './format';
export { SCRIPT_LIMITS, formatKilobytes } from './limits';
