/**
 * A connection reset while its listener still holds it, and a reset socket the application
 * holds until close(): Linux's accept queue (inet_csk_accept(), inet_csk_listen_stop()) and
 * its reset of a Fast Open child (tcp_reset()), by state.
 */
import { describe, expect, it } from 'vitest';
import { fastOpenCookie } from './fastopen';
import { profiles, type Profile } from './profiles';
import { LOCAL, Probe, REMOTE } from './testing/probe';
import type { SocketId } from './types';

const linuxTfo: Profile = {
  ...profiles.linux,
  timestamps: false,
  fastOpen: 0x70403,
  fastOpenKey: [0xa1a1a1a1, 0xb2b2b2b2, 0xc3c3c3c3, 0xd4d4d4d4],
};
const cookie = fastOpenCookie(linuxTfo.fastOpenKey, REMOTE, LOCAL);

/** A listener whose child completed the handshake, received 10 bytes and waits in the accept queue. */
function queuedChild(profile: Profile): { probe: Probe; listener: SocketId } {
  const probe = new Probe(profile);
  const listener = probe.call({ call: 'listen', port: 8080, backlog: 1 }).socket as SocketId;
  probe.inject({ flags: 'S', seq: 0, options: [{ kind: 'mss', value: 1460 }] });
  probe.inject({ flags: '.', seq: 1, ack: 1 });
  probe.inject({ flags: '.', seq: 1, ack: 1, payload: 10 });
  expect(probe.outputsOf('acceptable')).toHaveLength(1);
  probe.sent();
  return { probe, listener };
}

/** A Fast Open listener with a child in SYN-RECEIVED that took 10 bytes from the SYN (RFC 7413 §4.2.2). */
function fastOpenChild(): { probe: Probe; listener: SocketId } {
  const probe = new Probe(linuxTfo);
  const listener = probe.call({ call: 'listen', port: 8080, backlog: 1 }).socket as SocketId;
  probe.inject({
    flags: 'S',
    seq: 0,
    payload: 10,
    options: [{ kind: 'unknown', type: 34, data: cookie }],
  });
  probe.sent();
  return { probe, listener };
}

describe('ESTABLISHED in the accept queue: a RST (Linux inet_csk_accept())', () => {
  it('the reset child stays queued: accept() returns it closed, write() reports ECONNRESET once, read() gives the data then end of file', () => {
    const { probe, listener } = queuedChild(profiles.linux);
    probe.inject({ flags: 'R.', seq: 11, ack: 1 });
    const accepted = probe.call({ call: 'accept', socket: listener });
    expect(accepted.result).toBe('ok');
    const child = accepted.socket as SocketId;
    expect(probe.info(child)?.state).toBe('CLOSED');
    const write = { call: 'send', socket: child, data: new Uint8Array(100) } as const;
    expect(probe.call(write).result).toBe('ECONNRESET');
    expect(probe.call({ call: 'receive', socket: child }).data?.length).toBe(10);
    expect(probe.call({ call: 'receive', socket: child }).data?.length).toBe(0);
    expect(probe.call(write).result).toBe('EPIPE');
    expect(probe.sent()).toEqual([]);
  });

  it('close() frees the reset socket; later calls on it are EBADF', () => {
    const { probe, listener } = queuedChild(profiles.linux);
    probe.inject({ flags: 'R.', seq: 11, ack: 1 });
    const child = probe.call({ call: 'accept', socket: listener }).socket as SocketId;
    expect(probe.call({ call: 'close', socket: child }).result).toBe('ok');
    expect(probe.sent()).toEqual([]);
    expect(probe.call({ call: 'receive', socket: child }).result).toBe('EBADF');
  });

  it('closing the listener frees a reset child nobody accepted (inet_csk_listen_stop())', () => {
    const { probe, listener } = queuedChild(profiles.linux);
    probe.inject({ flags: 'R.', seq: 11, ack: 1 });
    probe.call({ call: 'close', socket: listener });
    expect(probe.sent()).toEqual([]);
    expect(probe.host.sockets.size).toBe(0);
  });

  it('the rfc profile deletes the reset connection (RFC 9293 §3.10.7.4): accept() finds nothing', () => {
    const { probe, listener } = queuedChild(profiles.rfc);
    probe.inject({ flags: 'R.', seq: 11, ack: 1 });
    expect(probe.call({ call: 'accept', socket: listener }).result).toBe('EAGAIN');
  });
});

describe('SYN-RECEIVED of a Fast Open child: a RST (Linux tcp_reset())', () => {
  it('before accept(): the child is reset, not returned to LISTEN; accept() returns it with its SYN data, then ECONNRESET', () => {
    const { probe, listener } = fastOpenChild();
    probe.inject({ flags: 'R.', seq: 11, ack: 1 });
    const child = probe.call({ call: 'accept', socket: listener }).socket as SocketId;
    expect(probe.info(child)?.state).toBe('CLOSED');
    expect(probe.call({ call: 'receive', socket: child }).data?.length).toBe(10);
    expect(probe.call({ call: 'receive', socket: child }).result).toBe('ECONNRESET');
  });

  it('after accept(): the socket lives until close(), and write() reports ECONNRESET', () => {
    const { probe, listener } = fastOpenChild();
    const child = probe.call({ call: 'accept', socket: listener }).socket as SocketId;
    expect(probe.info(child)?.state).toBe('SYN-RECEIVED');
    probe.inject({ flags: 'R.', seq: 11, ack: 1 });
    expect(probe.outputsOf('error')).toEqual([
      { type: 'error', socket: child, errno: 'ECONNRESET' },
    ]);
    const write = { call: 'send', socket: child, data: new Uint8Array(100) } as const;
    expect(probe.call(write).result).toBe('ECONNRESET');
    expect(probe.call({ call: 'close', socket: child }).result).toBe('ok');
    expect(probe.sent()).toEqual([]);
  });

  it('a child still waiting for its third ACK returns to LISTEN (RFC 9293 §3.10.7.4, MUST-11)', () => {
    const probe = new Probe(profiles.linux);
    const listener = probe.call({ call: 'listen', port: 8080 }).socket as SocketId;
    probe.inject({ flags: 'S', seq: 0, options: [{ kind: 'mss', value: 1460 }] });
    probe.inject({ flags: 'R.', seq: 1, ack: 1 });
    expect(probe.outputsOf('error')).toEqual([]);
    expect(probe.call({ call: 'accept', socket: listener }).result).toBe('EAGAIN');
  });
});
