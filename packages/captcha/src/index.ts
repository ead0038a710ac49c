export { captchaMessages, captchaWaitMessages } from "./captchaMessages.js";
export type { CaptchaRecord, CaptchaStore } from "./captchaStore.js";
export type { Challenge } from "./challenge.js";
export { createAlternative, type Alternative } from "./createAlternative.js";
export {
  createCaptchaService,
  type CaptchaAnswer,
  type CaptchaFailure,
  type CaptchaService,
  type CaptchaServiceOptions,
  type CaptchaVerdict,
} from "./createCaptchaService.js";
export { createChallenge } from "./createChallenge.js";
export { cryptoRandom } from "./cryptoRandom.js";
export { inMemoryCaptchaStore } from "./inMemoryCaptchaStore.js";
export { normalizeAnswer } from "./normalizeAnswer.js";
export type { Pictogram } from "./pictogram.js";
export { pictograms } from "./pictograms.js";
export { publicChallenge, type PublicChallenge } from "./publicChallenge.js";
export { PICTURE_SIZE, pictureDataUrl, rasterisePicture } from "./rasterisePicture.js";
