/** How an endpoint is marked besides colour: a shape and a tone (client, server, other). */

/** ● for the client side, ■ for the server side, ▲ for any other endpoint. */
export function endpointShape(name: string): string {
  if (name.startsWith('client')) return '●';
  if (name.startsWith('server')) return '■';
  return '▲';
}

export function endpointTone(name: string): 'client' | 'server' | 'other' {
  if (name.startsWith('client')) return 'client';
  if (name.startsWith('server')) return 'server';
  return 'other';
}
