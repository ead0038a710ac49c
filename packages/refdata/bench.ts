// Prints the reference data's load cost and search latencies: `npm run bench -w @guichet/refdata`.
import { benchReferenceData } from "./src/bench.js";

const result = await benchReferenceData();
console.log(`street search   p50 ${result.streetP50Ms.toFixed(3)} ms   p99 ${result.streetP99Ms.toFixed(3)} ms`);
console.log(`commune search  p50 ${result.communeP50Ms.toFixed(3)} ms   p99 ${result.communeP99Ms.toFixed(3)} ms`);
console.log(
  `load ${result.loadMs.toFixed(0)} ms, heap used ${result.heapUsedMb.toFixed(1)} MB` +
    (result.gcExposed ? "" : " (without --expose-gc: includes garbage not yet collected)"),
);
