// Runs the Snipe-IT double on its own, for the sync benchmark and for demos:
//   node test/support/snipeit/cli.ts [--port P] [--token T] [--throttle N] [--json]
// Prints the API URL and token (with --json, one JSON object, as the lab CLIs do) and serves
// until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startSnipeItDouble } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    token: { type: 'string' },
    throttle: { type: 'string', default: '120' },
    json: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
const throttle = Number(values.throttle);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  throw new Error(`--port must be 0–65535, not ${values.port}`);
if (!Number.isInteger(throttle) || throttle < 0)
  throw new Error(`--throttle must be a whole number ≥ 0, not ${values.throttle}`);

const double = await startSnipeItDouble({
  port,
  throttlePerMinute: throttle,
  ...(values.token ? { token: values.token } : {}),
});
if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ url: double.url, apiUrl: double.apiUrl, token: double.token }, null, 2)}\n`,
  );
} else {
  process.stdout.write(
    `Snipe-IT double listening on ${double.apiUrl}\n` +
      `token: ${double.token}\n` +
      `throttle: ${throttle === 0 ? 'off' : `${throttle} requests per minute`}\n` +
      `try: curl -H 'Accept: application/json' -H 'Authorization: Bearer ${double.token}' ${double.apiUrl}/hardware\n`,
  );
}

const shutdown = () => {
  void double.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
