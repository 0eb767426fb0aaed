// Names for the API's shapes, derived from the generated `paths` (src/api/schema.d.ts) so they
// follow docs/swagger.json whatever swag names its definitions.
import type { paths } from './schema';

export type ApiPaths = paths;

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Operation<P extends keyof ApiPaths, M extends Method> = ApiPaths[P] extends { [K in M]?: infer O } ? NonNullable<O> : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Success<O> = O extends { responses: infer R }
  ? R extends { 200: infer X }
    ? JsonOf<X>
    : R extends { 201: infer X }
      ? JsonOf<X>
      : never
  : never;
type RequestJson<O> = O extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The JSON body of a path's successful (200/201) response. */
export type ResponseBody<P extends keyof ApiPaths, M extends Method> = Success<Operation<P, M>>;
/** The JSON request body of a path. */
export type RequestBody<P extends keyof ApiPaths, M extends Method> = RequestJson<Operation<P, M>>;

export type TokenResponse = ResponseBody<'/api/v1/auth/login', 'post'>;
export type SignupRequest = RequestBody<'/api/v1/auth/signup', 'post'>;
export type InvitationLookup = ResponseBody<'/api/v1/invitations/lookup', 'get'>;
export type Me = ResponseBody<'/api/v1/me', 'get'>;
export type Membership = Me['memberships'][number];
export type Locale = NonNullable<RequestBody<'/api/v1/me', 'patch'>['locale']>;
export type MemberList = ResponseBody<'/api/v1/members', 'get'>;
export type Member = MemberList['items'][number];
export type Role = Member['role'];
export type InvitationList = ResponseBody<'/api/v1/invitations', 'get'>;
export type Invitation = InvitationList['items'][number];
export type InvitationStatus = Invitation['status'];
export type ApiKeyList = ResponseBody<'/api/v1/api-keys', 'get'>;
export type ApiKey = ApiKeyList['items'][number];
export type ApiKeyRole = ApiKey['role'];
export type CreatedApiKey = ResponseBody<'/api/v1/api-keys', 'post'>;

// The ledger (customers, contacts, invoices, credit notes, payments, activities) and imports.
export type CustomerList = ResponseBody<'/api/v1/customers', 'get'>;
export type CustomerSummary = CustomerList['items'][number];
export type Customer = ResponseBody<'/api/v1/customers/{id}', 'get'>;
export type CustomerInput = RequestBody<'/api/v1/customers/{id}', 'put'>;
export type Address = Customer['billing_address'];
export type Contact = Customer['contacts'][number];
export type ContactInput = RequestBody<'/api/v1/customers/{id}/contacts', 'post'>;
export type ContactRole = Contact['role'];
export type PreferredChannel = Contact['preferred_channel'];
export type InvoiceList = ResponseBody<'/api/v1/invoices', 'get'>;
export type Invoice = InvoiceList['items'][number];
export type InvoiceStatus = Invoice['status'];
export type InvoiceDetail = ResponseBody<'/api/v1/invoices/{id}', 'get'>;
export type Settlement = InvoiceDetail['settlements'][number];
export type InvoiceInput = RequestBody<'/api/v1/invoices', 'post'>;
export type CreditNoteInput = RequestBody<'/api/v1/credit-notes', 'post'>;
export type PaymentList = ResponseBody<'/api/v1/payments', 'get'>;
export type Payment = PaymentList['items'][number];
export type PaymentInput = RequestBody<'/api/v1/payments', 'post'>;
export type PaymentMethod = PaymentInput['method'];
export type AllocationMode = NonNullable<PaymentInput['allocation']>;
export type PaymentAllocation = Payment['allocations'][number];
export type AllocateInput = RequestBody<'/api/v1/payments/{id}/allocations', 'post'>;
export type InvoiceUpdate = RequestBody<'/api/v1/invoices/{id}', 'put'>;
export type SegmentList = ResponseBody<'/api/v1/customer-segments', 'get'>;
export type ActivityList = ResponseBody<'/api/v1/customers/{id}/activities', 'get'>;
export type Activity = ActivityList['items'][number];
export type Import = ResponseBody<'/api/v1/imports/{id}', 'get'>;
export type ImportKind = Import['kind'];
export type ImportReport = NonNullable<Import['report']>;
export type ImportOptions = Import['options'];
export type DataProblem = Customer['data_problems'][number];
export type ImportList = ResponseBody<'/api/v1/imports', 'get'>;

/** Query parameters shared by every list endpoint. */
export interface ListQuery {
  q?: string;
  sort?: string;
  limit: number;
  offset: number;
}

// Dunning: scenarios and their steps, the preview, settings, the outbox and the planner, the rules
// and next actions of a customer or an invoice, penalties.
export type ScenarioList = ResponseBody<'/api/v1/dunning/scenarios', 'get'>;
export type Scenario = ResponseBody<'/api/v1/dunning/scenarios/{id}', 'get'>;
export type ScenarioInput = RequestBody<'/api/v1/dunning/scenarios/{id}', 'put'>;
export type Step = Scenario['steps'][number];
export type StepInput = ScenarioInput['steps'][number];
export type Stage = Step['stage'];
export type Channel = Step['channel'];
export type Recipients = Step['recipients'];
export type Template = Step['templates'][string];
export type PreviewInput = RequestBody<'/api/v1/dunning/preview', 'post'>;
export type Preview = ResponseBody<'/api/v1/dunning/preview', 'post'>;
export type TemplateLanguage = PreviewInput['language'];
export type DunningSettings = ResponseBody<'/api/v1/dunning/settings', 'get'>;
export type DunningSettingsInput = RequestBody<'/api/v1/dunning/settings', 'put'>;
export type RunInput = RequestBody<'/api/v1/dunning/run', 'post'>;
export type RunResult = ResponseBody<'/api/v1/dunning/run', 'post'>;
export type PlannedAction = RunResult['actions'][number];
export type ActionList = ResponseBody<'/api/v1/dunning/actions', 'get'>;
export type ActionQuery = NonNullable<ApiPaths['/api/v1/dunning/actions']['get']['parameters']['query']>;
export type Action = ActionList['items'][number];
export type ActionStatus = Action['status'];
export type ActionDetail = ResponseBody<'/api/v1/dunning/actions/{id}', 'get'>;
export type ActionItem = NonNullable<ActionDetail['items']>[number];
export type DunningView = ResponseBody<'/api/v1/customers/{id}/dunning', 'get'>;
export type DunningSource = DunningView['source'];
export type NextAction = DunningView['next_actions'][number];
export type CustomerRules = RequestBody<'/api/v1/customers/{id}/dunning', 'put'>;
export type InvoiceRules = RequestBody<'/api/v1/invoices/{id}/dunning', 'put'>;
export type Penalties = ResponseBody<'/api/v1/invoices/{id}/penalties', 'get'>;

// The organisation and the cockpit's indicators.
export type Organization = ResponseBody<'/api/v1/organization', 'get'>;
export type AnalyticsSummary = ResponseBody<'/api/v1/analytics/summary', 'get'>;
export type AgingRow = AnalyticsSummary['aging'][number];
export type DsoTrend = ResponseBody<'/api/v1/analytics/dso-trend', 'get'>;
export type DsoTrendPoint = DsoTrend['items'][number];
export type Forecast = ResponseBody<'/api/v1/analytics/forecast', 'get'>;
export type ForecastWeek = Forecast['weeks'][number];
