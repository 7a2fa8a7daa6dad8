/** @jsxImportSource satori/jsx */
/** Every design by id: each lays itself out for the shape of the size rather than scaling one layout. */
import type { PosterSize } from "../sizes.ts";
import type { PosterInput, TemplateId } from "../templates.ts";
import type { Element } from "./common.tsx";
import { etiquette } from "./etiquette.tsx";
import { honour } from "./honour.tsx";
import { photo } from "./photo.tsx";
import { rules } from "./rules.tsx";
import { share } from "./share.tsx";
import { slogan } from "./slogan.tsx";
import { traditional } from "./traditional.tsx";

export { PHOTO, type PhotoProps } from "./common.tsx";
export { gridFor, HONOUR_MAX } from "./honour.tsx";

export const DESIGNS: Record<TemplateId, (input: PosterInput, size: PosterSize) => Element> = { slogan, etiquette, honour, photo, traditional, rules, share };

/** Designs set in the serif face (its font is loaded only for them). */
export const SERIF_DESIGNS: ReadonlySet<TemplateId> = new Set(["traditional"]);
