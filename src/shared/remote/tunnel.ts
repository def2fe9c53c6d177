/** TCP tunnels over the SSH connection: a local port on 127.0.0.1 forwarded to a host-side address. */
import { createServer, type Server, type Socket } from 'node:net';
import type { Client as SshClient } from 'ssh2';
import { RemoteError } from './errors.js';
import type { RemoteLogger } from './ssh.js';
import type { Tunnel } from './types.js';

/** Listens on a free local port; each accepted socket is a `direct-tcpip` channel to the target. */
export function openTunnel(
  client: SshClient,
  description: string,
  targetHost: string,
  targetPort: number,
  logger: RemoteLogger | undefined,
  onClose: (tunnel: Tunnel) => void,
): Promise<Tunnel> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    client.forwardOut('127.0.0.1', socket.remotePort ?? 0, targetHost, targetPort, (error, stream) => {
      if (error) {
        logger?.warn(
          `${description}: tunnel to ${targetHost}:${targetPort} refused by the host: ${error.message}`,
        );
        socket.destroy();
        return;
      }
      stream.on('error', () => socket.destroy());
      stream.on('close', () => socket.destroy());
      socket.on('close', () => stream.close());
      socket.pipe(stream).pipe(socket);
    });
  });
  return new Promise<Tunnel>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new RemoteError(`could not open a local port for the tunnel: ${error.message}`)),
    );
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const localPort = typeof address === 'object' && address ? address.port : 0;
      let closing: Promise<void> | undefined;
      const tunnel: Tunnel = {
        localHost: '127.0.0.1',
        localPort,
        close: () => {
          closing ??= new Promise<void>((done) => {
            onClose(tunnel);
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          });
          return closing;
        },
      };
      resolve(tunnel);
    });
  });
}
