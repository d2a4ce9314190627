/**
 * The kinds of value a lab setting holds, and how each is read from text (a URL parameter, a
 * command-line flag) or from JSON (a host page's message, a scenario field). One problem sentence
 * per kind and bound, so a bad value gets the same words on every surface: only the frame around
 * it (`Ignored jitter=8000: …`, `--jitter: …`) says where it came from.
 */

export type Read<T = unknown> = { readonly value: T } | { readonly problem: string };

export interface NumberKind {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** Written after the range in a problem: " ms", " %". */
  readonly unit?: string;
}

export interface ChoiceKind {
  readonly kind: 'choice';
  readonly choices: readonly string[];
  /** Other spellings a link may use (`theme=auto` means system). */
  readonly aliases?: Readonly<Record<string, string>>;
}

export interface FlagKind {
  readonly kind: 'flag';
}

/** Text with its own grammar (a name, a fraction, a list); `read` also checks JSON strings. */
export interface TextKind {
  readonly kind: 'text';
  readonly read: (raw: string) => Read;
  readonly write: (value: unknown) => string;
  /** The grammar in a few words, for the docs table. */
  readonly shape: string;
}

export type SettingKind = NumberKind | ChoiceKind | FlagKind | TextKind;

function checkNumber(kind: NumberKind, value: number): Read<number> {
  if (!Number.isFinite(value)) return { problem: 'expected a number' };
  if (kind.integer && !Number.isInteger(value)) return { problem: 'expected a whole number' };
  if (value < kind.min || value > kind.max) {
    return { problem: `expected a number from ${kind.min} to ${kind.max}${kind.unit ?? ''}` };
  }
  return { value };
}

const TRUE_WORDS = ['', '1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

/** Reads a value written as text: a URL parameter or a command-line flag. */
export function readText(kind: SettingKind, raw: string): Read {
  switch (kind.kind) {
    case 'number':
      return raw.trim() === '' ? { problem: 'expected a number' } : checkNumber(kind, Number(raw));
    case 'choice': {
      const value = kind.aliases?.[raw] ?? raw;
      return kind.choices.includes(value)
        ? { value }
        : { problem: `expected ${kind.choices.join(', ')}` };
    }
    case 'flag':
      if (TRUE_WORDS.includes(raw)) return { value: true };
      if (FALSE_WORDS.includes(raw)) return { value: false };
      return { problem: 'expected 1 or 0' };
    case 'text':
      return kind.read(raw);
  }
}

/** Reads a value from JSON: a host page's message or a scenario file. */
export function readJson(kind: SettingKind, value: unknown): Read {
  switch (kind.kind) {
    case 'number':
      return typeof value === 'number'
        ? checkNumber(kind, value)
        : { problem: 'expected a number' };
    case 'choice':
      return typeof value === 'string' && kind.choices.includes(value)
        ? { value }
        : { problem: `expected ${kind.choices.join(', ')}` };
    case 'flag':
      return typeof value === 'boolean' ? { value } : { problem: 'expected true or false' };
    case 'text':
      return typeof value === 'string' ? kind.read(value) : { problem: `expected ${kind.shape}` };
  }
}

/** Writes a value as text, so that readText gives it back. */
export function writeText(kind: SettingKind, value: unknown): string {
  if (kind.kind === 'flag') return value ? '1' : '0';
  if (kind.kind === 'text') return kind.write(value);
  return String(value);
}

/** The range or the choices in a few words, for the docs table. */
export function describeKind(kind: SettingKind): string {
  switch (kind.kind) {
    case 'number': {
      const whole = kind.integer ? 'whole number ' : '';
      return `${whole}${kind.min} to ${kind.max}${kind.unit ?? ''}`;
    }
    case 'choice':
      return kind.choices.join(', ');
    case 'flag':
      return '1 or 0';
    case 'text':
      return kind.shape;
  }
}
