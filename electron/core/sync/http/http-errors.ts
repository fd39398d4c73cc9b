import { SyncError } from '../sync-error.ts';

const TLS_CODES: Record<string, string> = {
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  CERT_NOT_YET_VALID: 'its TLS certificate is not valid yet (check the station clock)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain ends in an untrusted self-signed CA',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate was issued by a CA this station does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate was issued by a CA this station does not trust',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection (is it running?)',
  ECONNRESET: 'reset the connection',
  EPIPE: 'closed the connection',
  ENOTFOUND: 'could not be found (DNS)',
  EAI_AGAIN: 'could not be looked up (DNS; offline?)',
  EHOSTUNREACH: 'is unreachable (offline?)',
  ENETUNREACH: 'is unreachable (offline?)',
  ETIMEDOUT: 'did not answer the connection',
};

/** A socket or TLS error from node:http(s) as a SyncError that names the cause. */
export function describeNetworkError(error: Error & { code?: string }, url: URL): SyncError {
  const code = error.code ?? '';
  if (TLS_CODES[code]) {
    return new SyncError('tls', `${url.host}: ${TLS_CODES[code]}; nothing was sent`, { cause: error });
  }
  const what = NETWORK_CODES[code] ?? `failed: ${error.message}`;
  return new SyncError('network', `${url.host} ${what}`, { cause: error });
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
