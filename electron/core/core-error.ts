import type { ContractError, ErrorCode } from '../common/contract/index.ts';

/** An error a handler means to send to the caller, with a code from the contract. */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly details: ContractError['details'];
  constructor(code: ErrorCode, message: string, details?: ContractError['details']) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.details = details;
  }
}
