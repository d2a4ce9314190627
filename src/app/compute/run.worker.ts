/**
 * The run worker: computes scenario runs, forks and packetdrill script runs away from the page's
 * main thread, so the page stays responsive while a big run is made (docs/visualizer.md, "Big
 * runs stay off the page's main thread"). One request at a time, in order.
 */
import { createRequestHandler } from './handle-request';
import { captureMessages, transferablesOf, type RunRequest } from './protocol';

const handle = createRequestHandler();

self.addEventListener('message', (event: MessageEvent<RunRequest>) => {
  const reply = handle(event.data);
  if (reply.kind === 'capture') {
    for (const { message, transfer } of captureMessages(reply))
      self.postMessage(message, { transfer });
    return;
  }
  self.postMessage(reply, { transfer: transferablesOf(reply) });
});
