// TEMPORARY: the dunning API's shapes as docs/dunning.md describes them, until the Go handlers land
// and `make docs` generates them into src/api/schema.d.ts. Then this file goes: the types come
// from src/api/types.ts (derived from the generated paths) and `dunningApi` is the plain `api`.
import type { Client } from 'openapi-fetch';
import { api } from '../../api/client';
import type { ApiPaths } from '../../api/types';

export type Stage = 'preventive' | 'reminder' | 'formal_notice' | 'amicable' | 'legal';
export type Channel = 'email' | 'sms' | 'letter' | 'call';
export type Recipients = 'accounting' | 'sales' | 'both';
export type TemplateLanguage = 'fr' | 'en';
export type ActionStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped' | 'pending' | 'done';

export interface Template {
  subject: string;
  body: string;
}

export interface Step {
  id?: string;
  offset_days: number;
  stage: Stage;
  channel: Channel;
  recipients: Recipients;
  copy_owner: boolean;
  min_overdue_cents: number;
  skip_when_promised: boolean;
  segments: string[];
  templates: { fr: Template; en: Template };
}

export interface Scenario {
  id: string;
  name: string;
  description: string;
  is_default: boolean;
  segments: string[];
  steps: Step[];
  customers_using: number;
  invoices_using: number;
  created_at: string;
  updated_at: string;
}

export interface ScenarioInput {
  name: string;
  description: string;
  segments: string[];
  steps: Step[];
}

export interface ScenarioList {
  items: Scenario[];
  total: number;
}

export interface PreviewInput {
  language: TemplateLanguage;
  stage: Stage;
  subject: string;
  body: string;
  customer_id?: string;
}

export interface Preview {
  subject: string;
  html: string;
  text: string;
  customer_id: string;
  customer_name: string;
}

export interface DunningSettings {
  default_scenario_id: string;
  min_days_between_messages: number;
  send_window_start: string;
  send_window_end: string;
  timezone: string;
  sender_name: string;
  reply_to: string;
  read_receipt: boolean;
  transparency_line: boolean;
  signature: string;
  show_penalties: boolean;
  ecb_rate: string;
  legal_rate: string;
  contract_rate: string;
  indemnity_cents: number;
  effective_rate: string;
}

export type DunningSettingsInput = Omit<DunningSettings, 'effective_rate'>;

export interface ActionItem {
  invoice_id: string;
  invoice_number: string;
  step_id: string;
  offset_days: number;
  status: ActionStatus;
  skip_reason: string;
}

export interface Action {
  id: string;
  customer_id: string;
  customer_name: string;
  stage: Stage;
  channel: Channel;
  status: ActionStatus;
  skip_reason: string;
  planned_on: string;
  send_at: string | null;
  sent_at: string | null;
  opened_at: string | null;
  clicked_at: string | null;
  error: string;
  attempts: number;
  subject: string;
  language: string;
  to: string[];
  cc: string[];
  message_id: string;
  invoice_count: number;
  total_cents: number;
  currency: string;
  items: ActionItem[];
}

export interface ActionDetail extends Action {
  text: string;
  html: string;
}

export interface ActionList {
  items: Action[];
  total: number;
}

export interface ActionFilters {
  status?: string;
  channel?: string;
  stage?: string;
  customer_id?: string;
  invoice_id?: string;
}

export type ActionSummary = Pick<
  Action,
  'id' | 'customer_id' | 'customer_name' | 'stage' | 'channel' | 'status' | 'planned_on' | 'send_at' | 'invoice_count' | 'total_cents' | 'currency'
>;

export interface RunInput {
  as_of?: string;
  ignore_window?: boolean;
}

export interface RunResult {
  as_of: string;
  cutoff: string;
  actions: ActionSummary[];
  planned: number;
  items: number;
}

export interface NextAction {
  date: string;
  step_id: string;
  stage: Stage;
  channel: Channel;
  invoice_numbers: string[];
  note: string;
}

export type Source = 'invoice' | 'customer' | 'segment' | 'default' | 'none';

export interface CustomerRules {
  scenario_id: string | null;
  grace_days: number;
  letter_instead_of_email: boolean;
  paused_until: string | null;
  disabled: boolean;
}

export interface InvoiceRules {
  scenario_id: string | null;
  paused_until: string | null;
  excluded: boolean;
}

interface DunningView<R> {
  rules: R;
  scenario: { id: string; name: string } | null;
  source: Source;
  explanation: string[];
  next_actions: NextAction[];
}
export type CustomerDunning = DunningView<CustomerRules>;
export type InvoiceDunning = DunningView<InvoiceRules>;

export interface Penalties {
  as_of: string;
  days_late: number;
  rate: string;
  balance_cents: number;
  interest_cents: number;
  indemnity_cents: number;
  total_cents: number;
  currency: string;
}

// The paths, in the shape openapi-typescript writes, so that the queries read as they will with
// the generated schema.
interface Json<B> {
  content: { 'application/json': B };
}
interface Params<Q = never, P = never> {
  query?: Q;
  header?: never;
  path: P;
  cookie?: never;
}
type Op<Prm, Req, Res> = {
  parameters: Prm;
  responses: { 200: Json<Res> & { headers: Record<string, unknown> } };
} & ([Req] extends [never] ? { requestBody?: never } : { requestBody: Json<Req> });
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Id = Params<never, { id: string }>;
interface ListParams {
  q?: string;
  sort?: string;
  limit?: number;
  offset?: number;
}

interface DunningPaths {
  '/api/v1/dunning/scenarios': {
    parameters: NoParams;
    get: Op<{ query?: ListParams; header?: never; path?: never; cookie?: never }, never, ScenarioList>;
    post: Op<NoParams, ScenarioInput, Scenario>;
  };
  '/api/v1/dunning/scenarios/{id}': {
    parameters: NoParams;
    get: Op<Id, never, Scenario>;
    put: Op<Id, ScenarioInput, Scenario>;
    delete: Op<Id, never, unknown>;
  };
  '/api/v1/dunning/preview': { parameters: NoParams; post: Op<NoParams, PreviewInput, Preview> };
  '/api/v1/dunning/settings': {
    parameters: NoParams;
    get: Op<NoParams, never, DunningSettings>;
    put: Op<NoParams, DunningSettingsInput, DunningSettings>;
  };
  '/api/v1/dunning/run': { parameters: NoParams; post: Op<NoParams, RunInput, RunResult> };
  '/api/v1/dunning/tomorrow': { parameters: NoParams; get: Op<NoParams, never, RunResult> };
  '/api/v1/dunning/actions': {
    parameters: NoParams;
    get: Op<{ query?: ListParams & ActionFilters; header?: never; path?: never; cookie?: never }, never, ActionList>;
  };
  '/api/v1/dunning/actions/{id}': { parameters: NoParams; get: Op<Id, never, ActionDetail> };
  '/api/v1/dunning/actions/{id}/cancel': { parameters: NoParams; post: Op<Id, never, Action> };
  '/api/v1/dunning/actions/{id}/retry': { parameters: NoParams; post: Op<Id, never, Action> };
  '/api/v1/customers/{id}/dunning': {
    parameters: NoParams;
    get: Op<Id, never, CustomerDunning>;
    put: Op<Id, CustomerRules, CustomerDunning>;
  };
  '/api/v1/invoices/{id}/dunning': {
    parameters: NoParams;
    get: Op<Id, never, InvoiceDunning>;
    put: Op<Id, InvoiceRules, InvoiceDunning>;
  };
  '/api/v1/invoices/{id}/dunning/send-now': { parameters: NoParams; post: Op<Id, never, Action> };
  '/api/v1/invoices/{id}/dunning/skip': { parameters: NoParams; post: Op<Id, { step_id: string }, InvoiceDunning> };
  '/api/v1/invoices/{id}/penalty-invoice': { parameters: NoParams; post: Op<Id, never, { id: string; number: string }> };
  '/api/v1/invoices/{id}/penalties': { parameters: NoParams; get: Op<Id, never, Penalties> };
}

/** The typed client, with the dunning paths added until the generated schema has them. */
export const dunningApi = api as unknown as Client<ApiPaths & DunningPaths>;
