import net from 'node:net';

// Unit tests are pure: any attempt to open a socket fails the test instead of silently reaching a service.
const refuse = (): never => {
  throw new Error('Network access in a unit test: use an *.int.test.ts for anything that needs I/O');
};
net.Socket.prototype.connect = refuse;
