// Names for the API's shapes, derived from the generated `paths` (src/api/schema.d.ts) so they
// follow docs/swagger.json whatever swag names its definitions.
import type { paths } from './schema';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
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
export type ResponseBody<P extends keyof paths, M extends Method> = Success<Operation<P, M>>;
/** The JSON request body of a path. */
export type RequestBody<P extends keyof paths, M extends Method> = RequestJson<Operation<P, M>>;

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

/** Query parameters shared by every list endpoint. */
export interface ListQuery {
  q?: string;
  sort?: string;
  limit: number;
  offset: number;
}
