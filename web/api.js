/**
 * Fetching from the HTTP API, with errors turned into messages a reader can act on.
 */

/** A failed API call: `status` is the HTTP status, 0 when the server could not be reached. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   */
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/**
 * GETs a JSON resource. Rejects with an AbortError when `signal` aborts (callers ignore those:
 * a newer request replaced this one) and with an {@link ApiError} for anything else.
 * @param {string} url
 * @param {AbortSignal} signal
 * @returns {Promise<any>}
 */
export async function getJson(url, signal) {
  let res;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError('the search server could not be reached. Check your connection and try again.', 0);
  }
  let body;
  try {
    body = await res.json();
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(`the server sent an unreadable answer (HTTP ${res.status}).`, res.status);
  }
  if (!res.ok) {
    const reason = body && typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
    const details = Array.isArray(body?.details)
      ? body.details.map((d) => d && d.message).filter((m) => typeof m === 'string' && m !== reason)
      : [];
    throw new ApiError([reason, ...details].join('; '), res.status);
  }
  return body;
}

/**
 * True for the rejection of an aborted fetch.
 * @param {unknown} err
 */
export function isAbort(err) {
  return err instanceof DOMException && err.name === 'AbortError';
}
