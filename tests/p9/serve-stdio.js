// Runs our 9P2000.L server over stdin/stdout (one reply per request, in
// order) on the directory argv[2]: how the kernel's unit tests drive the
// C client against a real directory.

import { createP9Server } from '../../host-shim/devices/p9.js';
import { hostDirBackend, errnoOf } from '../../host-shim/adapters/node/p9-hostdir.js';

const server = createP9Server(hostDirBackend(process.argv[2]), { errnoOf });
let pending = Buffer.alloc(0);
let chain = Promise.resolve();

process.stdin.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4) {
    const size = pending.readUInt32LE(0);
    if (size < 7 || pending.length < size) {
      if (size < 7) process.exit(2); // framing lost
      break;
    }
    const req = new Uint8Array(pending.subarray(0, size));
    pending = pending.subarray(size);
    chain = chain.then(async () => { process.stdout.write(await server.handle(req)); });
  }
});
process.stdin.on('end', () => chain.then(() => process.exit(0)));
