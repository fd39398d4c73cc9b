// How AFC replies turn into the staging engine's errors: a STATUS other than success is the
// device refusing (AfcError, in words); a reply that does not fit the request is the stream
// out of step (DeviceUnreadableError).
import { DeviceCommandError, DeviceUnreadableError } from '../../../device-errors.ts';
import { AFC_STATUS, type AfcPacket } from './afc-packet.ts';

/** AFC answered with a status other than success; `status` is its code (AFC_STATUS). */
export class AfcError extends DeviceCommandError {
  readonly status: number;
  constructor(operation: string, path: string, status: number) {
    super(`AFC ${operation} ${path}: ${AFC_STATUS[status] ?? `status ${status}`}`, {
      transient: status === 17,
    });
    this.name = 'AfcError';
    this.status = status;
  }
}

/** A STATUS reply's code. */
export function statusOf(reply: AfcPacket): number {
  if (reply.content.length < 8) throw new DeviceUnreadableError('AFC sent a status without its code');
  return Number(reply.content.readBigUInt64LE(0));
}

/** A reply whose operation is not one the request can be answered with. */
export function unexpectedReply(name: string, reply: AfcPacket): DeviceUnreadableError {
  return new DeviceUnreadableError(`AFC answered ${name} with operation 0x${reply.operation.toString(16)}`);
}

/** A reply carrying another request's packet number: the replies are out of step with the requests. */
export function outOfStep(name: string, expected: number, reply: AfcPacket): DeviceUnreadableError {
  return new DeviceUnreadableError(
    `AFC answered ${name} (packet ${expected}) with the reply to packet ${reply.packetNumber}`,
  );
}
