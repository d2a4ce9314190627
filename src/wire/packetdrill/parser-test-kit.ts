/** Helpers for the parser tests: parse one event, or the error a malformed script raises. */
import { expect } from 'vitest';
import type { Action, PacketSpec, SyscallSpec } from './ast';
import { ScriptSyntaxError } from './errors';
import { parseScript } from './parser';

export function only(source: string): Action {
  const script = parseScript(source);
  expect(script.events).toHaveLength(1);
  return script.events[0]!.action;
}

export function packet(source: string): PacketSpec {
  const action = only(source);
  if (action.type !== 'packet') throw new Error(`expected a packet, got ${action.type}`);
  return action.packet;
}

export function syscall(source: string): SyscallSpec {
  const action = only(source);
  if (action.type !== 'syscall') throw new Error(`expected a syscall, got ${action.type}`);
  return action.syscall;
}

/** The error a malformed script raises, as `line:column: reason`. */
export function errorOf(source: string, defines?: Record<string, string>): string {
  try {
    parseScript(source, defines ? { defines } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(ScriptSyntaxError);
    return (e as ScriptSyntaxError).message;
  }
  throw new Error('the script parsed without an error');
}
