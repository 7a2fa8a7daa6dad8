import { scanOutput } from "../src/lib/checks/output-scan.ts";
import { siteFiles } from "../src/lib/checks/site-files.ts";
const root = process.argv[2]!;
const files = (await siteFiles(root)).filter((f) => !f.startsWith("pagefind/"));
await scanOutput({ root, files: files.slice(0, 3000), siteFiles: files, clean: [], allowed: [] });
const c0 = process.cpuUsage(); const t = performance.now();
const r = await scanOutput({ root, files, siteFiles: files, clean: [], allowed: [], pendingLinkPrefixes: ["/pagefind/", "/sitemap.xml", "/robots.txt"] });
const c = process.cpuUsage(c0);
console.log(files.length, "files", r.leaks.length, r.links.length, ((performance.now() - t) / 1000).toFixed(1), "s wall", ((c.user + c.system) / 1e6).toFixed(1), "s cpu");
