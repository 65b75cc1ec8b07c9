import net from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now (the OS picks it), for a private server a test starts (Janus, clamd, the app).
 *
 * @example
 * const port = await freePort();
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
