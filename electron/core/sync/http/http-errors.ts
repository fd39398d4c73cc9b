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
  // OpenSSL's own failures (EPROTO, ERR_SSL_*) otherwise surface as "failed: write EPROTO
  // 40…:error:0A00010B:SSL routines:…", which tells a technician nothing.
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
    const why = /wrong version number|packet length too long|http request/i.test(error.message)
      ? 'does not speak HTTPS on that port (should the address start with http://?)'
      : 'failed the TLS handshake (protocol or cipher mismatch)';
    return new SyncError('tls', `${url.host} ${why}; nothing was sent`, { cause: error });
  }
  // llhttp's parse errors (HPE_*): something answered, but not in HTTP.
  if (code.startsWith('HPE_')) {
    return new SyncError('network', `${url.host} answered with something that is not HTTP (${code})`, {
      cause: error,
    });
  }
  const what = NETWORK_CODES[code] ?? `failed: ${error.message}`;
  return new SyncError('network', `${url.host} ${what}`, { cause: error });
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Only a date with a month name: Date.parse reads "1.5" or "-5" as dates in 2001, which
  // would turn a malformed header into "retry now" instead of the caller's default.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
