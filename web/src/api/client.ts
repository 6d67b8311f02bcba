/** A small typed client of the HTTP API: cookie session, CSRF header on writes, problem+json as ApiError. */

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** A failed API call: the stable code, the message in the member's language, and per-field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly params: Record<string, unknown> = {},
  ) {
    super(detail || code);
    this.name = 'ApiError';
  }
}

// The session's CSRF token; the server checks it on every cookie-authenticated write.
let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from the session, login or sign-up answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const BASE = '/api/v1';

async function problemOf(res: Response): Promise<ApiError> {
  let body: { code?: string; detail?: string; title?: string; errors?: FieldError[]; params?: object } = {};
  try {
    body = await res.json();
  } catch {
    // Not problem+json (a proxy's error page): the status is all we know.
  }
  return new ApiError(
    res.status,
    body.code ?? `http_${res.status}`,
    body.detail ?? body.title ?? res.statusText,
    body.errors ?? [],
    (body.params as Record<string, unknown>) ?? {},
  );
}

function headers(method: string, json: boolean): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) h['x-csrf-token'] = csrfToken;
  return h;
}

/** Calls the API; resolves with the JSON answer (undefined for 204) or rejects with an ApiError. */
export async function api<T>(
  path: string,
  opts: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const method = opts.method ?? 'GET';
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      credentials: 'same-origin',
      headers: headers(method, opts.body !== undefined),
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', '');
  }
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Builds a query string from defined values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The URL of a download (template, export, error file): a plain link, so the browser streams it to disk. */
export function downloadUrl(path: string): string {
  return `${BASE}${path}`;
}

/**
 * Posts a multipart form with upload progress (fetch cannot report it; files may be hundreds of megabytes).
 * Fields are sent in the given order: the server reads `kind` and `mode` before the file part.
 */
export function uploadForm<T>(
  path: string,
  fields: [string, string | Blob, string?][],
  onProgress: (fraction: number) => void,
): Promise<T> {
  const form = new FormData();
  for (const [name, value, fileName] of fields) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, fileName);
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', ''));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
      });
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else problemOf(res).then(reject, reject);
    };
    xhr.send(form);
  });
}
