/**
 * A reconnect storm, run as a process of its own so the server's figures are the server's: `loops` clients
 * (one address each) open a live view of one of the given flows, drop it as soon as it answers, and open it
 * again, for `seconds`. Prints one JSON line: views opened, views refused.
 * Usage: node --import tsx liveStorm.ts <url> <[{token, version}]> <loops> <seconds>
 */
import { deviceClient, watch } from "../liveClient";

const [url, flowsJson, loopsText, secondsText] = process.argv.slice(2);
const flows = JSON.parse(flowsJson!) as Array<{ token: string; version: number }>;
const until = performance.now() + Number(secondsText) * 1000;
let opened = 0;
let refused = 0;
await Promise.all(
  Array.from({ length: Number(loopsText) }, async (_, i) => {
    const client = deviceClient(url!, { ip: `198.51.100.${200 + i}` });
    const flow = flows[i % flows.length]!;
    while (performance.now() < until) {
      const w = watch(client, flow.token, flow.version);
      const outcome = await Promise.race([w.ready.then(() => "opened"), w.next(() => false, 5_000).catch(() => "refused")]);
      w.close();
      if (outcome === "opened") opened++;
      else refused++;
    }
  }),
);
console.log(JSON.stringify({ opened, refused }));
process.exit(0);
