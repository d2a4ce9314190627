// A capture big enough to be read in the run worker, written as a person's tool would.

/**
 * A classic pcap (Ethernet, IPv4) of one connection: its handshake, then `segments` data
 * segments of 1,400 bytes from the client, each acknowledged. Checksums are left zero, as a
 * capture of offloaded sends has them; the lab reads such frames.
 */
export function bigCapture(segments: number): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // Ethernet
  const records: Buffer[] = [header];
  let micros = 0;
  const frame = (fromClient: boolean, flags: number, seq: number, ack: number, len: number) => {
    micros += 100;
    const bytes = Buffer.alloc(14 + 20 + 20 + len);
    bytes.writeUInt16BE(0x0800, 12);
    bytes.writeUInt8(0x45, 14);
    bytes.writeUInt16BE(20 + 20 + len, 16);
    bytes.writeUInt8(64, 22);
    bytes.writeUInt8(6, 23);
    const [src, dst] = fromClient
      ? [
          [10, 0, 0, 1],
          [10, 0, 0, 2],
        ]
      : [
          [10, 0, 0, 2],
          [10, 0, 0, 1],
        ];
    Buffer.from(src as number[]).copy(bytes, 26);
    Buffer.from(dst as number[]).copy(bytes, 30);
    bytes.writeUInt16BE(fromClient ? 49152 : 80, 34);
    bytes.writeUInt16BE(fromClient ? 80 : 49152, 36);
    bytes.writeUInt32BE(seq >>> 0, 38);
    bytes.writeUInt32BE(ack >>> 0, 42);
    bytes.writeUInt8(0x50, 46);
    bytes.writeUInt8(flags, 47);
    bytes.writeUInt16BE(65535, 48);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(micros / 1e6), 0);
    record.writeUInt32LE(micros % 1e6, 4);
    record.writeUInt32LE(bytes.length, 8);
    record.writeUInt32LE(bytes.length, 12);
    records.push(record, bytes);
  };
  const SYN = 0x02;
  const ACK = 0x10;
  const PSH = 0x08;
  frame(true, SYN, 700, 0, 0);
  frame(false, SYN | ACK, 200, 701, 0);
  frame(true, ACK, 701, 201, 0);
  for (let i = 0; i < segments; i += 1) {
    const seq = 701 + i * 1400;
    frame(true, PSH | ACK, seq, 201, 1400);
    frame(false, ACK, 201, seq + 1400, 0);
  }
  return Buffer.concat(records);
}
