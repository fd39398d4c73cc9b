// The reads a connector needs besides assets: models, status labels, users, custom fields
// and fieldsets (the Api\*Controller index/show actions). Lists are {total, rows} with the
// same offset/limit rules as /hardware; an unknown id is HTTP 200 "<Model> not found"
// (Handler::render turns findOrFail's ModelNotFoundException into that for JSON clients).
import { json, standard, type ApiRequest, type ApiResponse } from '../http-io.ts';
import type { RouteContext } from '../router.ts';
import { sameText } from '../store.ts';
import { fieldJson, fieldsetJson, listOf, modelJson, statusLabelJson, userJson } from '../transformers.ts';
import { isEmpty, text } from '../validation.ts';
import { like, orderOf, page, sortRows, type SortValue } from './paging.ts';

type Row = { id: number; createdAt: number };

interface IndexSpec<T extends Row> {
  rows: T[];
  /** Columns searched with LIKE '%term%'. */
  searchable: (row: T) => (string | null)[];
  /** Exact (case-insensitive) filters by parameter name. */
  exact?: Record<string, (row: T) => string | null>;
  sortable: Record<string, (row: T) => SortValue>;
  defaultSort: string;
}

function index<T extends Row>(
  ctx: RouteContext,
  request: ApiRequest,
  spec: IndexSpec<T>,
  toJson: (row: T) => unknown,
) {
  const { input } = request;
  let rows = spec.rows;
  if (!isEmpty(input.search)) {
    const terms = text(input.search).split(' OR ');
    rows = rows.filter((row) =>
      terms.some((term) => spec.searchable(row).some((value) => like(value, term))),
    );
  }
  for (const [name, value] of Object.entries(spec.exact ?? {})) {
    if (!isEmpty(input[name])) rows = rows.filter((row) => sameText(value(row), text(input[name])));
  }
  const key = spec.sortable[text(input.sort)] ?? spec.sortable[spec.defaultSort]!;
  const sorted = sortRows(rows, key, orderOf(input));
  return json(200, listOf(page(sorted, input, ctx.store.settings.maxResults).map(toJson), rows.length));
}

const byId = (id: string) => (/^\d+$/.test(id) ? Number(id) : Number.NaN);
const notFound = (model: string) => standard('error', null, `${model} not found`);

export function listModels(ctx: RouteContext, request: ApiRequest): ApiResponse {
  const { store } = ctx;
  const spec: IndexSpec<ReturnType<typeof store.models.all>[number]> = {
    rows: store.models.all().filter((model) => model.deletedAt === null),
    searchable: (m) => [m.name, m.modelNumber, m.manufacturer, m.category],
    sortable: {
      id: (m) => m.id,
      name: (m) => m.name,
      model_number: (m) => m.modelNumber,
      created_at: (m) => m.createdAt,
    },
    defaultSort: 'created_at',
  };
  return index(ctx, request, spec, (model) => modelJson(store, model));
}

export function showModel({ store }: RouteContext, _request: ApiRequest, [id = '']: string[]): ApiResponse {
  const model = store.models.get(byId(id));
  return model ? json(200, modelJson(store, model)) : notFound('AssetModel');
}

export function listStatusLabels(ctx: RouteContext, request: ApiRequest): ApiResponse {
  const { store } = ctx;
  let rows = store.statusLabels.all();
  const wanted = request.input.status_type;
  if (!isEmpty(wanted)) rows = rows.filter((label) => label.type === text(wanted));
  const spec: IndexSpec<(typeof rows)[number]> = {
    rows,
    searchable: (label) => [label.name, label.notes],
    exact: { name: (label) => label.name },
    sortable: { id: (l) => l.id, name: (l) => l.name, created_at: (l) => l.createdAt },
    defaultSort: 'created_at',
  };
  return index(ctx, request, spec, (label) => statusLabelJson(store, label));
}

export function showStatusLabel(
  { store }: RouteContext,
  _request: ApiRequest,
  [id = '']: string[],
): ApiResponse {
  const label = store.statusLabels.get(byId(id));
  return label ? json(200, statusLabelJson(store, label)) : notFound('Statuslabel');
}

export function listUsers(ctx: RouteContext, request: ApiRequest): ApiResponse {
  const { store } = ctx;
  const withDeleted = request.input.deleted === 'true';
  type UserRow = ReturnType<typeof store.users.all>[number];
  const spec: IndexSpec<UserRow> = {
    rows: store.users
      .all()
      .filter((user) => (withDeleted ? user.deletedAt !== null : user.deletedAt === null)),
    searchable: (u) => [u.firstName, u.lastName, u.username, u.email, u.employeeNum],
    exact: {
      email: (u) => u.email,
      username: (u) => u.username,
      first_name: (u) => u.firstName,
      last_name: (u) => u.lastName,
      employee_num: (u) => u.employeeNum,
    },
    sortable: {
      id: (u) => u.id,
      first_name: (u) => u.firstName,
      last_name: (u) => u.lastName,
      username: (u) => u.username,
      email: (u) => u.email,
      created_at: (u) => u.createdAt,
    },
    // UsersController sorts by first_name unless told otherwise (and, like every index, desc).
    defaultSort: 'first_name',
  };
  return index(ctx, request, spec, (user) => userJson(store, user));
}

export function showUser({ store }: RouteContext, _request: ApiRequest, [id = '']: string[]): ApiResponse {
  const user = store.users.get(byId(id));
  return user ? json(200, userJson(store, user)) : notFound('User');
}

/** GET /users/me: the token's own user (a cheap "is this token valid" call). */
export function currentUser({ store, apiUser }: RouteContext): ApiResponse {
  return json(200, userJson(store, apiUser));
}

/** CustomFieldsController::index returns every field, unpaged. */
export function listFields({ store }: RouteContext): ApiResponse {
  return json(200, listOf(store.fields.all().map((field) => fieldJson(field))));
}

export function showField({ store }: RouteContext, _request: ApiRequest, [id = '']: string[]): ApiResponse {
  const field = store.fields.get(byId(id));
  return field ? json(200, fieldJson(field)) : notFound('CustomField');
}

export function listFieldsets({ store }: RouteContext): ApiResponse {
  return json(200, listOf(store.fieldsets.all().map((fieldset) => fieldsetJson(store, fieldset))));
}

export function showFieldset(
  { store }: RouteContext,
  _request: ApiRequest,
  [id = '']: string[],
): ApiResponse {
  const fieldset = store.fieldsets.get(byId(id));
  return fieldset ? json(200, fieldsetJson(store, fieldset)) : notFound('CustomFieldset');
}
