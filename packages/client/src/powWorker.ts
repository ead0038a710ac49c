// The proof of work's solver, in a Web Worker so the page never waits on it: ALTCHA's own message
// handler over WebCrypto's PBKDF2 (native code, as fast as a script's).
import { handler } from "altcha-lib/workers/shared";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";

handler({ deriveKey });
