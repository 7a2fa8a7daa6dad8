/// <reference types="astro/client" />
declare namespace App {
  interface Locals {
    /** The etiquette guide being rendered, for the MDX components <Dos>, <Donts> and <PosterFigure>. */
    guide?: import("./schemas/etiquette.ts").EtiquetteData;
  }
}
