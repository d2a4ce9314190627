// A packetdrill script as big as the lab opens (about 250 KB), to run in the run worker.

/** A listener's handshake, then `segments` data segments of 10 bytes from the script's peer. */
export function bigScript(segments = 6_000): string {
  const lines = [
    '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0',
    '+0 bind(3, ..., ...) = 0',
    '+0 listen(3, 1) = 0',
    '+0 < S 0:0(0) win 65535 <mss 1460>',
    '+0 > S. 0:0(0) ack 1 <...>',
    '+.01 < . 1:1(0) ack 1 win 65535',
    '+0 accept(3, ..., ...) = 4',
  ];
  for (let i = 0; i < segments; i += 1) {
    lines.push(`+.001 < P. ${1 + i * 10}:${11 + i * 10}(10) ack 1 win 65535`);
  }
  return lines.join('\n');
}
