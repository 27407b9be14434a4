// The API the console talks to: the same routes every client uses (see the README's HTTP API).
// The browser sends the credentials it was asked for when it opened the console.

export interface Report {
  id: string;
  source?: string;
  tlp: string;
  stage: string;
  error?: { code: string; message: string; stage?: string };
  duplicateOf?: string;
  counts: Record<string, number>;
  stages: Record<string, string>;
  published?: { at: string; by: string };
  created: string;
  updated: string;
}

export interface Evidence {
  sentence: string;
  source?: string;
  start?: number;
  end?: number;
  reasons?: string[];
}

export interface StixObject {
  type: string;
  id: string;
  name?: string;
  value?: string;
  pattern?: string;
  confidence?: number;
  aliases?: string[];
  relationship_type?: string;
  source_ref?: string;
  target_ref?: string;
  x_stixmill_evidence?: Evidence[];
  [key: string]: unknown;
}

export interface Bundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** The message of an API error answer (`{error: {code, message}}`), or the status line. */
async function failure(res: Response): Promise<Error> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) return new Error(body.error.message);
  } catch {
    // Not JSON: the status says it.
  }
  return new Error(`${res.status} ${res.statusText}`);
}

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

export const getReport = (id: string) => json<Report>(`/api/reports/${encodeURIComponent(id)}`);
export const getBundle = (id: string) => json<Bundle>(`/api/reports/${encodeURIComponent(id)}/bundle`);
export const bundleUrl = (id: string) => `/api/reports/${encodeURIComponent(id)}/bundle`;
export const publishReport = (id: string) =>
  json<{ published?: { at: string; by: string }; objectsAdded: number }>(
    `/api/reports/${encodeURIComponent(id)}/publish`,
    { method: 'POST' },
  );

export interface Submitted {
  reportId: string;
  status: string;
}

export function submitUrl(url: string, tlp: string, labels: string[]): Promise<Submitted> {
  return json<Submitted>('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, tlp, labels }),
  });
}

/** Types the report API takes as uploads; anything else is refused here, before it is sent. */
export const UPLOAD_TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  json: 'application/octet-stream',
};

export function submitFile(file: File, tlp: string, labels: string[]): Promise<Submitted> {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  const type = UPLOAD_TYPES[extension];
  if (!type)
    return Promise.reject(
      new Error(`${file.name}: not a document the pipeline reads (${Object.keys(UPLOAD_TYPES).join(', ')})`),
    );
  const query = new URLSearchParams({ filename: file.name, tlp });
  for (const label of labels) query.append('label', label);
  return json<Submitted>(`/api/reports?${query}`, { method: 'POST', headers: { 'content-type': type }, body: file });
}

/** What an analyst may add (as `POST /api/reports/:id/review` accepts; ADDABLE_* in @stixmill/stix). */
export const ADDABLE_TYPES = [
  'domain-name',
  'ipv4-addr',
  'ipv6-addr',
  'url',
  'email-addr',
  'threat-actor',
  'intrusion-set',
  'malware',
  'tool',
  'campaign',
  'identity',
] as const;

export interface ReviewRequest {
  reject: string[];
  add: Array<{ type: string; value: string; sentence?: string }>;
}

export const reviewReport = (id: string, review: ReviewRequest) =>
  json<{ rejected: string[]; added: string[]; published: boolean }>(`/api/reports/${encodeURIComponent(id)}/review`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(review),
  });
