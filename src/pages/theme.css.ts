/**
 * The site's identity colours from content/site.yaml as CSS custom properties
 * (a file, not inline styles: the CSP allows styles from 'self' only). The
 * selector outranks global.css's :root and yields to the high-contrast mode.
 */
import type { APIRoute } from "astro";
import { site } from "../collections.ts";
import { themeCss } from "../lib/site/theme.ts";

export const GET: APIRoute = () => new Response(themeCss(site.colours), { headers: { "Content-Type": "text/css; charset=utf-8" } });
