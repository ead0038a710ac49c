import { benchMail } from "./src/bench.js";

const result = await benchMail();
console.log(`activation e-mail, precompiled:  ${result.precompiledMicros.toFixed(1)} µs per message`);
console.log(`activation e-mail, mjml2html:    ${result.mjmlMillis.toFixed(2)} ms per message`);
console.log(`ratio:                           ${Math.round(result.ratio)}×`);
console.log(`outbox → SMTP on loopback:       ${Math.round(result.outboxPerSecond)} messages/s`);
