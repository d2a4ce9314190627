/**
 * From the text of a packetdrill script to a run the store can show: checks the input (size,
 * text), chooses the profile, plays the script against the engine (runScript, pure: no file
 * system) and turns the result into the lab's trace. Loaded only when the dialog opens.
 */
import { profiles, type Profile } from '../../engine';
import type { RecordedRun, ScriptRunInfo } from '../../store';
import { formatKilobytes, parseScript, SCRIPT_LIMITS } from '../../wire/packetdrill';
import { configure, detectOrigin, runScript, type ScriptRunResult } from '../../runner/packetdrill';
import { linuxDefaultsSh, SCRIPT_KERNEL } from '../../runner/packetdrill/sysctl';
import { scriptRunToTrace } from '../../runner/packetdrill/to-trace';
import { scriptSummary } from './script-summary';

export const MAX_SCRIPT_BYTES = SCRIPT_LIMITS.maxScriptBytes;
export type ProfileChoice = 'linux' | 'freebsd' | 'rfc';
export const PASTED_NAME = 'Pasted script';

export type Prepared =
  | { readonly ok: true; readonly load: { info: ScriptRunInfo; run: RecordedRun } }
  | { readonly ok: false; readonly message: string };

/** Why a file of `size` bytes is too big to open, or null; asked before the file is read. */
export function checkScriptSize(size: number): string | null {
  if (size <= MAX_SCRIPT_BYTES) return null;
  return `The file is ${formatKilobytes(size)}; the lab opens scripts up to ${formatKilobytes(MAX_SCRIPT_BYTES)}.`;
}

/** Why these bytes are not a script the lab can open, or null: too big, or not text. */
export function checkScriptBytes(bytes: Uint8Array): string | null {
  const tooBig = checkScriptSize(bytes.length);
  if (tooBig) return tooBig;
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    return `This is not a text file (byte ${nul + 1} is a NUL byte): open a .pkt script.`;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'This is not a text file (it is not valid UTF-8): open a .pkt script.';
  }
  return null;
}

/**
 * The profile the script's origin asks for (script-config's rules). A pasted script has no file
 * name, so where the text says nothing it runs as packetdrill's own scripts do: linux.
 */
export function detectProfile(text: string, fileName: string | undefined): ProfileChoice {
  try {
    const origin = detectOrigin(parseScript(text), fileName);
    if (origin !== 'unknown') return origin;
  } catch {
    // A script that cannot be read says nothing about its origin; Run names its problem.
  }
  return fileName === undefined ? 'linux' : 'rfc';
}

/** Linux with packetdrill's defaults.sh settings (wscale 8, TS, SACK) even if the script omits it. */
function profileFor(choice: ProfileChoice): Profile {
  if (choice === 'linux') {
    return { ...profiles.linux, ...linuxDefaultsSh(SCRIPT_KERNEL, profiles.linux).profile };
  }
  return profiles[choice];
}

function info(
  name: string,
  result: ScriptRunResult,
  missing: ScriptRunInfo['missing'],
): ScriptRunInfo {
  const failure = result.firstFailure;
  return {
    name,
    profile: result.profile.name,
    outcome: result.outcome,
    counts: {
      passed: result.counts.passed,
      failed: result.counts.failed,
      notApplicable: result.counts.notApplicable,
      carriedOut: result.counts.performed + result.counts.applied,
    },
    failure: failure ? { line: failure.line, reason: failure.reason ?? 'failed' } : null,
    missing,
  };
}

export function prepareScriptRun(
  text: string,
  options: { fileName?: string; profile: ProfileChoice },
): Prepared {
  const bytes = new TextEncoder().encode(text);
  const tooBig = bytes.length > MAX_SCRIPT_BYTES ? checkScriptBytes(bytes) : null;
  if (tooBig) return { ok: false, message: tooBig.replace('The file', 'The script') };
  if (text.includes('\0')) {
    return { ok: false, message: 'The script holds a NUL character: it is not a text script.' };
  }
  if (text.trim() === '') {
    return { ok: false, message: 'The script is empty: paste a script or open a .pkt file.' };
  }
  try {
    return runAndConvert(text, options);
  } catch (error) {
    // A fault of the runner, not of the script: still one message, and the run on screen stays.
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The script could not be run: ${why}` };
  }
}

function runAndConvert(
  text: string,
  options: { fileName?: string; profile: ProfileChoice },
): Prepared {
  const fileName = options.fileName;
  const result: ScriptRunResult = runScript(text, {
    ...(fileName !== undefined ? { fileName } : {}),
    profile: profileFor(options.profile),
  });
  const syntax = result.syntaxError;
  if (syntax) {
    const reason = syntax.message.replace(/^\d+:\d+:\s*/, '');
    return {
      ok: false,
      message: `Syntax error at line ${syntax.line}:${syntax.column}: ${reason}`,
    };
  }
  const config = configure(parseScript(text), fileName !== undefined ? { fileName } : {});
  const run = scriptRunToTrace(result, {
    localIp: config.localIp,
    remoteIp: config.remoteIp,
    bindPort: config.bindPort,
    connectPort: config.connectPort,
  });
  const about = {
    ...info(fileName ?? PASTED_NAME, result, run.missing),
    summary: scriptSummary(text),
  };
  return { ok: true, load: { info: about, run } };
}
