// dumpsys account, in AccountManagerService.dumpUser's layout: the user header, the account
// count and one "Account {name=…, type=…}" line per account.
import type { DeviceState } from '../state.ts';

export function dumpAccounts(state: DeviceState): string {
  const lines = ['User UserInfo{0:Owner:c13}:', `  Accounts: ${state.accounts.length}`];
  for (const a of state.accounts) lines.push(`    Account {name=${a.name}, type=${a.type}}`);
  lines.push(
    '',
    '  AccountId, Action_Type, timestamp, UID, TableName, Key',
    '  Accounts History',
    '',
    '  Active Sessions: 0',
    '',
  );
  const types = [...new Set(['com.google', ...state.accounts.map((a) => a.type)])];
  lines.push(`  RegisteredServicesCache: ${types.length} services`);
  for (const t of types) {
    lines.push(
      `    ServiceInfo: AuthenticatorDescription {type=${t}}, ComponentInfo{com.google.android.gms/com.google.android.gms.auth.account.authenticator.GoogleAccountAuthenticatorService}, uid 10120`,
    );
  }
  return lines.join('\n') + '\n';
}
