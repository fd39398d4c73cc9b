// Snipe-IT answers as its documentation and code show them, for the parser and mapping tests.

/**
 * GET /api/v1/hardware/{id}: the example response of Snipe-IT's API reference,
 * https://snipe-it.readme.io/reference/hardware-by-id (as mirrored with the same seeded
 * data at https://docs.blinkops.com/docs/integrations/snipe-it/actions/get-hardware).
 */
export const DOCUMENTED_ASSET = {
  id: 1,
  name: '',
  asset_tag: '843812933',
  serial: 'f294c22f-8232-3e38-a31d-84578032ff7a',
  model: { id: 1, name: 'Macbook Pro 13"' },
  byod: false,
  model_number: '2310885149423308',
  eol: { date: '2025-07-04', formatted: 'Fri Jul 04, 2025' },
  status_label: { id: 1, name: 'Ready to Deploy', status_type: 'deployable', status_meta: 'deployable' },
  category: { id: 1, name: 'Laptops' },
  manufacturer: null,
  supplier: { id: 3, name: 'Ledner, Kilback and Rath' },
  notes: 'Created by DB seeder',
  order_number: '44006678',
  company: null,
  location: { id: 5, name: 'Lebsackborough' },
  rtd_location: { id: 5, name: 'Lebsackborough' },
  image: 'https://develop.snipeitapp.com/uploads/models/mbp.jpg',
  qr: 'https://develop.snipeitapp.com/uploads/barcodes/qr-843812933-1.png',
  alt_barcode: null,
  assigned_to: null,
  warranty_months: null,
  warranty_expires: null,
  created_at: { datetime: '2023-01-19 06:42:07', formatted: 'Thu Jan 19, 2023 6:42AM' },
  updated_at: { datetime: '2023-01-19 06:42:33', formatted: 'Thu Jan 19, 2023 6:42AM' },
  last_audit_date: null,
  next_audit_date: null,
  deleted_at: null,
  purchase_date: { date: '2022-07-04', formatted: 'Mon Jul 04, 2022' },
  age: '6m 15d',
  last_checkout: null,
  expected_checkin: null,
  purchase_cost: '2.216,49',
  checkin_counter: 0,
  checkout_counter: 0,
  requests_counter: 0,
  user_can_checkout: true,
  custom_fields: {
    RAM: { field: '_snipeit_ram_3', value: '', field_format: 'ANY', element: 'text' },
    CPU: { field: '_snipeit_cpu_4', value: '', field_format: 'ANY', element: 'text' },
    'MAC Address': {
      field: '_snipeit_mac_address_5',
      value: '',
      field_format: 'regex:/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/',
      element: 'text',
    },
  },
};

/**
 * assigned_to of a record checked out to a user: AssetsTransformer::transformAssignedTo in
 * snipe/snipe-it app/Http/Transformers/AssetsTransformer.php (email since v6).
 */
export const CHECKED_OUT_TO = {
  id: 3,
  username: 'bob',
  name: 'Bob O&#039;Neil',
  first_name: 'Bob',
  last_name: 'O&#039;Neil',
  email: 'Bob.O&#039;Neil@example.org',
  employee_number: null,
  type: 'user',
};

/** The "no such asset" answer of show/showBySerial: Helper::formatStandardApiResponse('error', null, …). */
export const DOES_NOT_EXIST = { status: 'error', messages: 'Asset does not exist.', payload: null };

/**
 * A validation failure: Exceptions/Handler::invalidJson answers HTTP 200 with Laravel's
 * field → [messages] bag (messages from resources/lang/en-US/validation.php).
 */
export const VALIDATION_ERROR = {
  status: 'error',
  messages: {
    asset_tag: ['The asset tag must be unique.'],
    _snipeit_imei_1: ['The  snipeit imei 1 field must be a number.'],
  },
  payload: null,
};

/**
 * POST /hardware's success: AssetsController::store answers with the raw Eloquent model
 * ("the old, flat return"), the model relation it associated, and ISO-8601 UTC dates.
 */
export const CREATED = {
  status: 'success',
  messages: 'Asset created successfully. :)',
  payload: {
    model_id: 4,
    name: 'Google Pixel 8',
    serial: 'PX-1',
    asset_tag: 'DL-1',
    status_id: 2,
    notes: "Bob's phone",
    _snipeit_imei_1: '356938035643809',
    created_by: 1,
    updated_at: '2026-11-28T10:00:05.000000Z',
    created_at: '2026-11-28T10:00:05.000000Z',
    id: 17,
    model: { id: 4, name: 'Pixel 8', model_number: 'G9BQD', fieldset_id: 1 },
  },
};
