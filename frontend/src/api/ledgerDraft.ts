// The imports endpoints as api/imports.go describes them, typed like the
// generated `paths`, for as long as docs/swagger.json does not have them. client.ts merges them
// under the generated paths: every path swagger documents wins over its draft here, so each
// draft entry becomes dead code as its handler lands (then delete it).

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type NoContent = { headers: { [name: string]: unknown }; content?: never };
type Params<Q = never, P = never> = { query?: Q; header?: never; cookie?: never } & ([P] extends [never] ? { path?: never } : { path: P });
type Get<R, Q = never, P = never> = { parameters: Params<Q, P>; requestBody?: never; responses: { 200: Json<R> } };
type Send<B, R, P = never, S extends 200 | 201 = 200> = {
  parameters: Params<never, P>;
  requestBody: { content: { 'application/json': B } };
  responses: S extends 201 ? { 201: Json<R> } : { 200: Json<R> };
};
type Upload<R, P = never, S extends 200 | 201 | 204 = 201> = {
  parameters: Params<never, P>;
  requestBody: { content: { 'multipart/form-data': { file: string; kind?: string } } };
  responses: S extends 204 ? { 204: NoContent } : S extends 201 ? { 201: Json<R> } : { 200: Json<R> };
};
type Accepted<R, P, B = never> = {
  parameters: Params<never, P>;
  requestBody?: [B] extends [never] ? never : { content: { 'application/json': B } };
  responses: { 202: Json<R> };
};
type Path<Ops> = { parameters: { query?: never; header?: never; path?: never; cookie?: never } } & Ops;

type Id = { id: string };
type List<T> = { items: T[]; total: number };
type Page = { q?: string; sort?: string; limit?: number; offset?: number };

export type DraftImportKind = 'customers' | 'invoices' | 'payments';
export type DraftImportStatus = 'uploaded' | 'validating' | 'validated' | 'importing' | 'done' | 'failed';

export interface DraftImportField {
  name: string;
  label: string;
  required: boolean;
  /** Names a group of fields of which one at least must be mapped. */
  one_of: string;
}
export interface DraftRowProblem {
  row: number;
  field: string;
  message: string;
}
export interface DraftImportReport {
  dry_run: boolean;
  rows_total: number;
  would_create: number;
  would_update: number;
  unchanged: number;
  created: number;
  updated: number;
  skipped: number;
  customers_created: number;
  error_rows: number;
  error_count: number;
  errors: DraftRowProblem[];
  errors_truncated: boolean;
  duration_ms: number;
}
export interface DraftImportOptions {
  date_format?: 'dmy' | 'mdy' | 'ymd';
  decimal_comma?: boolean;
  encoding?: string;
  separator?: string;
  sheet?: string;
  auto_allocate?: boolean;
}
export interface DraftImportDetected {
  format: 'csv' | 'xlsx';
  encoding?: string;
  separator?: string;
  sheet?: string;
  sheets?: string[];
  headers: string[];
  sample: string[][];
  date_format: 'dmy' | 'mdy' | 'ymd';
  decimal_comma: boolean;
  estimated_rows: number;
}

export interface DraftImport {
  id: string;
  kind: DraftImportKind;
  filename: string;
  format: 'csv' | 'xlsx';
  size_bytes: number;
  status: DraftImportStatus;
  detected: DraftImportDetected;
  mapping: { [field: string]: string };
  options: DraftImportOptions;
  fields: DraftImportField[];
  all_or_nothing: boolean;
  progress: { processed: number; total: number };
  error_rows: number;
  report: DraftImportReport | null;
  failure: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface DraftPaths {
  '/api/v1/imports': Path<{ get: Get<List<DraftImport>, Page & { kind?: string }>; post: Upload<DraftImport> }>;
  '/api/v1/imports/{id}': Path<{
    get: Get<DraftImport, never, Id>;
    patch: Send<{ mapping?: { [field: string]: string }; options?: DraftImportOptions }, DraftImport, Id>;
  }>;
  '/api/v1/imports/{id}/dry-run': Path<{ post: Accepted<DraftImport, Id> }>;
  '/api/v1/imports/{id}/commit': Path<{ post: Accepted<DraftImport, Id, { all_or_nothing?: boolean }> }>;
}
