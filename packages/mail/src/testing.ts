// Test helpers, kept out of the main entry: they pull in smtp-server, a dev dependency.
export { inMemoryOutboxStore, type InMemoryOutboxRow, type InMemoryOutboxStore } from "./testing/inMemoryOutboxStore.js";
export { startSmtpPeer, type SmtpPeer, type SmtpPeerOptions } from "./testing/startSmtpPeer.js";
export { exampleTenant } from "./testing/exampleTenant.js";
export { startStallingSmtpPeer, type StallingSmtpPeer, type StallingSmtpPeerOptions } from "./testing/startStallingSmtpPeer.js";
