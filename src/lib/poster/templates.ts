/**
 * What a poster is drawn from: the input every design takes, whatever asked
 * for it (the build, the CLI, share images, the workbench). The designs
 * themselves are TSX in ./designs/.
 */
import type { PosterDesign } from "../../schemas/ad.ts";

export type TemplateId = PosterDesign | "share";

/** A small image drawn as it is (a logo): PNG data URL, flattened on white, with its pixel size. */
export interface Logo {
  dataUrl: string;
  width: number;
  height: number;
}

export interface Identity {
  city: string;
  signature: string;
  emblem: string;
  /** Background of slogans and bands: white and cream text on it have at least 4.5:1 (checked in settings and ads). */
  primary: string;
  accent: string;
  /** The office's logo, drawn instead of the emblem. */
  logo?: Logo | undefined;
}

/**
 * A photo or illustration for a poster, read and cropped by the renderer
 * (./images.ts) to the box a design gives it. `digest` is the file's content
 * hash (part of the render cache key); `width`×`height` its pixels, for the
 * resolution check; SVGs are `vector` and sharp at any size.
 */
export interface ImageRef {
  file: string;
  digest: string;
  width: number;
  height: number;
  vector: boolean;
  /** Focal point in per cent of the width and height: what cropping keeps in view. */
  focus: { x: number; y: number };
}

export interface PosterInput {
  /** Name used in error messages, e.g. the ad id or "命令行". */
  name: string;
  template: TemplateId;
  slogan: string;
  sub?: string | undefined;
  /** Etiquette: scene label, dos and don'ts; rules: the 要 / 不要 lists. */
  scene?: string | undefined;
  dos?: readonly string[] | undefined;
  donts?: readonly string[] | undefined;
  /** Honour: a batch's people with their category and photo. */
  people?: readonly { name: string; category: string; photo?: ImageRef | undefined }[] | undefined;
  /** Main image (photo design: required) and its credit line. */
  image?: ImageRef | undefined;
  credit?: string | undefined;
  /** A partner's logo, drawn beside the signature. */
  partnerLogo?: Logo | undefined;
  /** Share cards: section label, e.g. 好人榜. */
  label?: string | undefined;
  /** Page the QR code points to (absolute URL); no QR code when absent. */
  qrUrl?: string | undefined;
  /** QR image as a data URL; the renderer fills it in from qrUrl. */
  qr?: string | undefined;
  identity: Identity;
}

export class PosterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PosterError";
  }
}
