export { createGuichetClient, type GuichetClient } from "./createGuichetClient";
export type { RouterOutputs, TenantInfo } from "./routerTypes";
export { flowError, type FlowError, type FlowErrorKind } from "./flowError";
export { useFlow, flowTokenKey, type FlowState, type TokenStorage, type UseFlowOptions } from "./useFlow";
export { liveViewLink, type LiveViewContext } from "./liveViewLink";
export { useFlowWatch, type FlowWatchHandlers } from "./useFlowWatch";
export type { FlowUpdate, ResumeOffer } from "@guichet/api";
export { prepareProofOfWork, useProofOfWork, withProofOfWork, type PowPurpose } from "./proofOfWork";
export { resumeLinkSecret } from "./resumeLinkSecret";
