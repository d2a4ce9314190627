/**
 * Small hand-written checks for untrusted JSON. Every problem becomes one message that names
 * the field path and says what is wrong and what was found, e.g.
 * "link.c2s.loss: must be between 0 and 1, got 1.5".
 */

export type Json = unknown;
export type JsonObject = Record<string, Json>;

export class Problems {
  readonly messages: string[] = [];

  add(path: string, problem: string): void {
    this.messages.push(`${path || '(scenario)'}: ${problem}`);
  }
}

import { canonicalAddress, ipFamily, isIpv4Mapped, parseIpv6Address } from '../engine';
import { SCENARIO_LIMITS } from './limits';
import { DELAY_KIND, SEED_KIND } from './settings/run-kinds';

/** A short rendering of a found value for a message (never "NaN" or "Infinity"). */
export function show(value: Json): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number that is not finite';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * Whether `value` is an object; if it is, its unknown keys are reported, and if not, one
 * message says it must be `shape`. The checks of every object in a scenario start here.
 */
export function expectObject(
  problems: Problems,
  path: string,
  value: Json,
  known: readonly string[],
  shape = 'an object',
): value is JsonObject {
  if (!isObject(value)) {
    problems.add(path, `must be ${shape}, got ${show(value)}`);
    return false;
  }
  rejectUnknownKeys(problems, path, value, known);
  return true;
}

/** Reports every key of `object` that is not in `known` (typos should not pass silently). */
export function rejectUnknownKeys(
  problems: Problems,
  path: string,
  object: JsonObject,
  known: readonly string[],
): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      problems.add(child(path, key), `unknown field (expected one of ${known.join(', ')})`);
    }
  }
}

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** A number within the rule, or undefined (with a message) when it is not. */
export function checkNumber(
  problems: Problems,
  path: string,
  value: Json,
  rule: NumberRule,
): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.add(path, `must be a number, got ${show(value)}`);
    return undefined;
  }
  if (rule.integer && !Number.isInteger(value)) {
    problems.add(path, `must be a whole number, got ${value}`);
    return undefined;
  }
  const { min, max } = rule;
  if (min !== undefined && max !== undefined && (value < min || value > max)) {
    problems.add(path, `must be between ${min} and ${max}, got ${value}`);
    return undefined;
  }
  if (min !== undefined && value < min) {
    problems.add(path, `must be at least ${min}, got ${value}`);
    return undefined;
  }
  if (max !== undefined && value > max) {
    problems.add(path, `must be at most ${max}, got ${value}`);
    return undefined;
  }
  return value;
}

/** Like checkNumber, but an absent value gives `fallback`. */
export function optionalNumber(
  problems: Problems,
  path: string,
  value: Json,
  rule: NumberRule,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  return checkNumber(problems, path, value, rule) ?? fallback;
}

export function checkEnum<T extends string>(
  problems: Problems,
  path: string,
  value: Json,
  allowed: readonly T[],
): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  problems.add(path, `must be one of ${allowed.join(', ')}, got ${show(value)}`);
  return undefined;
}

export function checkBoolean(
  problems: Problems,
  path: string,
  value: Json,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  problems.add(path, `must be true or false, got ${show(value)}`);
  return fallback;
}

export function checkString(problems: Problems, path: string, value: Json): string | undefined {
  if (typeof value === 'string') return value;
  problems.add(path, `must be a string, got ${show(value)}`);
  return undefined;
}

/**
 * The array at `path` ([] when absent), or [] with a message when it is not an array or holds
 * more than `max` entries (counted before any entry is looked at).
 */
export function checkArray(
  problems: Problems,
  path: string,
  value: Json,
  max: number,
): readonly Json[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(path, `must be a list, got ${show(value)}`);
    return [];
  }
  if (value.length > max) {
    problems.add(path, `must have at most ${max} entries, got ${value.length}`);
    return [];
  }
  return value;
}

/**
 * An IPv4 address in dotted-quad form or an IPv6 address in any of its usual text forms,
 * returned in its canonical form (RFC 5952 for IPv6) so that two spellings of one address
 * are one address everywhere after validation. Addresses a TCP host cannot have are refused.
 */
export function checkAddress(problems: Problems, path: string, value: Json): string | undefined {
  const address = typeof value === 'string' ? canonicalAddress(value) : undefined;
  if (address === undefined || (ipFamily(address) === 4 && !IPV4.test(value as string))) {
    problems.add(
      path,
      `must be an IPv4 address such as "10.0.0.1" or an IPv6 address such as "2001:db8::1", got ${show(value)}`,
    );
    return undefined;
  }
  const unusable = unusableIpv6(address);
  if (unusable !== undefined) {
    problems.add(path, `${address} ${unusable}`);
    return undefined;
  }
  return address;
}

/** Dotted quad without leading zeros (which some parsers read as octal). */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Why an IPv6 address cannot be a TCP host's own, or undefined when it can. */
function unusableIpv6(address: string): string | undefined {
  if (ipFamily(address) === 4) return undefined;
  const bytes = parseIpv6Address(address);
  if (address === '::') return 'is the unspecified address, which no host has (RFC 4291 §2.5.2)';
  if (bytes[0] === 0xff) return 'is a multicast address; TCP runs between two unicast addresses';
  if (isIpv4Mapped(bytes)) {
    return `is an IPv4-mapped address: its packets are IPv4 on the wire; write ${address.slice(7)}`;
  }
  return undefined;
}

export const PORT: NumberRule = { min: 1, max: 65535, integer: true };
/** A seed (the lab's Seed setting) or an ISN: any 32-bit unsigned number. */
export const UINT32: NumberRule = { min: SEED_KIND.min, max: SEED_KIND.max, integer: true };
/** A moment of the run, ms. */
export const TIME: NumberRule = { min: 0, max: SCENARIO_LIMITS.maxTimeMs };
/** A delay on the link, ms: the lab's Delay and Jitter setting (settings/run-kinds.ts). */
export const DELAY: NumberRule = { min: DELAY_KIND.min, max: DELAY_KIND.max };
/** The n-th occurrence of something: no run has more events than its step budget. */
export const NTH: NumberRule = { min: 1, max: SCENARIO_LIMITS.maxSteps, integer: true };
export const PROBABILITY: NumberRule = { min: 0, max: 1 };
