// The route table under /api/v1, in routes/api.php's order where it matters (bytag/byserial
// and the checkout actions before the bare {id} routes).
import { json, type ApiResponse } from '../http-io.ts';
import { route, type Route } from '../router.ts';
import { checkinHardware, checkoutHardware } from './checkout.ts';
import { hardwareBySerial, hardwareByTag, listHardware, showHardware } from './hardware-read.ts';
import { createHardware, deleteHardware, updateHardware } from './hardware-write.ts';
import {
  currentUser,
  listFields,
  listFieldsets,
  listModels,
  listStatusLabels,
  listUsers,
  showField,
  showFieldset,
  showModel,
  showStatusLabel,
  showUser,
} from './reference.ts';

/** GET /api/v1 itself: note "message", not "messages" (routes/api.php builds this one by hand). */
function apiBase(): ApiResponse {
  return json(404, {
    status: 'error',
    message:
      '404 endpoint not found. This is the base URL for the API and does not return anything itself. Please check the API reference at https://snipe-it.readme.io/reference to find a valid API endpoint.',
    payload: null,
  });
}

export const ROUTES: readonly Route[] = [
  route('GET', '', apiBase),
  route('GET', '/', apiBase),
  route('GET', '/hardware', listHardware),
  route('POST', '/hardware', createHardware),
  route('GET', '/hardware/bytag/*', hardwareByTag),
  route('GET', '/hardware/byserial/*', hardwareBySerial),
  route('POST', '/hardware/:id/checkout', checkoutHardware),
  route('POST', '/hardware/:id/checkin', checkinHardware),
  route('GET', '/hardware/:id', showHardware),
  route('PATCH', '/hardware/:id', updateHardware),
  route('PUT', '/hardware/:id', updateHardware),
  route('DELETE', '/hardware/:id', deleteHardware),
  route('GET', '/models', listModels),
  route('GET', '/models/:id', showModel),
  route('GET', '/statuslabels', listStatusLabels),
  route('GET', '/statuslabels/:id', showStatusLabel),
  route('GET', '/users/me', currentUser),
  route('GET', '/users', listUsers),
  route('GET', '/users/:id', showUser),
  route('GET', '/fields', listFields),
  route('GET', '/fields/:id', showField),
  route('GET', '/fieldsets', listFieldsets),
  route('GET', '/fieldsets/:id', showFieldset),
];
