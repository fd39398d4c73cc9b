// `dumpsys account` (AccountManagerService.dumpUser) lists, per user:
//   User UserInfo{0:Owner:c13}:
//     Accounts: 1
//       Account {name=kari@example.com, type=com.google}
// Factory Reset Protection ties a phone to its Google account, so the bench must know them.
export interface DeviceAccount {
  name: string;
  type: string;
}

const ACCOUNT = /^\s*Account \{name=(.*), type=([^}]*)\}\s*$/;

export function parseDumpsysAccount(output: string): DeviceAccount[] {
  const accounts: DeviceAccount[] = [];
  for (const line of output.split('\n')) {
    const match = ACCOUNT.exec(line);
    if (match) accounts.push({ name: match[1]!, type: match[2]! });
  }
  return accounts;
}
