/**
 * Sentences for the application's calls (the user interface of RFC 9293 §3.9.1 and the event
 * processing of §3.10.1–3.10.5) and for what the application reads. A call that completes
 * later (a connect, a pending read) is told as its completion.
 */
import type { CallEvent, DataEvent } from '../../sim/trace';
import { bytes, printable, quote, The, the } from './words';

/** What each call does, with its arguments in words, and where RFC 9293 defines it. */
function callPhrase(e: CallEvent): string {
  const a = e.args;
  switch (e.call) {
    case 'listen': {
      const backlog = a.backlog === undefined ? '' : ` (backlog ${a.backlog})`;
      return `listens for connections${a.port === undefined ? '' : ` on port ${a.port}`}${backlog}: a passive OPEN (RFC 9293 §3.10.1)`;
    }
    case 'connect':
      return `asks to connect${a.remote === undefined ? '' : ` to ${a.remote}`}${a.port === undefined ? '' : ` from its port ${a.port}`}: an active OPEN (RFC 9293 §3.10.1)`;
    case 'send': {
      const text = typeof a.data === 'string' ? a.data : '';
      const len = typeof a.len === 'number' ? a.len : text.length;
      return `hands ${bytes(len)}${text ? `, “${clip(text)}”,` : ''} to TCP to send (SEND, RFC 9293 §3.10.2)`;
    }
    case 'receive':
      return 'reads received data (RECEIVE, RFC 9293 §3.10.3)';
    case 'close':
      return 'closes its side: TCP sends a FIN once queued data has gone (CLOSE, RFC 9293 §3.10.4)';
    case 'shutdown':
      return 'shuts down its sending side: TCP sends a FIN (CLOSE, RFC 9293 §3.10.4)';
    case 'abort':
      return 'aborts the connection: TCP sends a reset and deletes it (ABORT, RFC 9293 §3.10.5)';
    case 'accept':
      return `accepts the connection${a.from === undefined ? '' : ` from ${the(String(a.from))}`} that the listening socket completed (RFC 9293 §3.10.1)`;
    default: {
      const parts = Object.entries(a).map(([k, v]) => `${k} ${clip(String(v))}`);
      return `calls ${e.call}()${parts.length === 0 ? '' : ` (${parts.join(', ')})`}`;
    }
  }
}

const ERRNO_MEANING: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the peer answered with a reset: nothing listens there',
  ECONNRESET: 'the peer reset the connection',
  ETIMEDOUT: 'no answer came before the retries ran out',
  EPIPE: 'the connection is already closed for sending',
  ENOTCONN: 'there is no connection',
  EISCONN: 'it is already connected',
  EADDRINUSE: 'the address is already in use',
  EINVAL: 'the call is not valid in this state',
};

export function narrateCall(e: CallEvent): string {
  if (e.async === true) return narrateCompletion(e);
  const head = `${The(e.endpoint)}'s application ${callPhrase(e)}`;
  if (e.result === 'ok') return `${head}.`;
  return `${head}; the call fails with ${failure(e.result)}.`;
}

/** A call's later outcome: "The client's connect() succeeds: …" or "… fails with ETIMEDOUT: …". */
function narrateCompletion(e: CallEvent): string {
  if (e.result !== 'ok') {
    return `${The(e.endpoint)}'s ${e.call}() fails with ${failure(e.result)} (RFC 9293 §3.9.1).`;
  }
  if (e.call === 'connect') {
    return `${The(e.endpoint)}'s connect() succeeds: the connection is established and data can flow (RFC 9293 §3.10.1).`;
  }
  return `${The(e.endpoint)}'s ${e.call}() completes (RFC 9293 §3.9.1).`;
}

function failure(errno: string): string {
  const why = ERRNO_MEANING[errno];
  return why === undefined ? errno : `${errno}: ${why}`;
}

/** Control characters shown as \\r \\n (as in the payload), cut to a readable length. */
function clip(text: string, max = 24): string {
  const hex = Array.from(new TextEncoder().encode(text), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  const shown = printable(hex);
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

export function narrateData(e: DataEvent): string {
  if (e.eof === true || (e.len === 0 && e.bytes === '')) {
    return `${The(e.endpoint)}'s application reads the end of the stream: the peer sent a FIN, so no more data will come (RFC 9293 §3.10.3, §3.6).`;
  }
  return `${The(e.endpoint)}'s application receives ${bytes(e.len)}: ${quote(e.bytes)}, in order and without gaps (RFC 9293 §3.10.3).`;
}
