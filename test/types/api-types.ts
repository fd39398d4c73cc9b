// Compile-time checks of the API the renderer and preload are typed with. `npm run typecheck`
// fails if the types drift: a @ts-expect-error that no longer errors is itself an error.
import type { DepotlineApi } from '../../electron/common/contract/index.ts';

export function requestsTypeCheck(api: DepotlineApi): void {
  void api.request('app.info');
  void api.request('audit.verify');
  void api.request('audit.list');
  void api.request('settings.set', { stationName: 'Hub A' });
  // @ts-expect-error assets.get needs an id
  void api.request('assets.get', {});
  // @ts-expect-error unknown request names are refused
  void api.request('db.exec', {});
  // @ts-expect-error unknown fields are refused
  void api.request('settings.set', { colour: 'red' });
}
