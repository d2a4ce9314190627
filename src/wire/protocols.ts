/** IANA protocol numbers this project writes: in the IPv4 Protocol and IPv6 Next Header fields. */
export const PROTOCOL_TCP = 6;
/** UDP (RFC 768), which carries TCP over UDP (udp.ts). */
export const PROTOCOL_UDP = 17;
