/**
 * The run worker: computes scenario runs, forks and packetdrill script runs away from the page's
 * main thread, so the page stays responsive while a big run is made (docs/visualizer.md, "Big
 * runs stay off the page's main thread"). One request at a time, in order.
 */
import { createRequestHandler } from './handle-request';
import { captureMessages, transferablesOf, type RunRequest } from './protocol';

const handle = createRequestHandler();

// Requests are answered one at a time, in order, though reading a capture's file is awaited.
let answered = Promise.resolve();

self.addEventListener('message', (event: MessageEvent<RunRequest>) => {
  const request = event.data;
  answered = answered.then(async () => {
    const reply = await handle(request);
    if (reply.kind === 'capture') {
      for (const { message, transfer } of captureMessages(reply))
        self.postMessage(message, { transfer });
      return;
    }
    self.postMessage(reply, { transfer: transferablesOf(reply) });
  });
});
