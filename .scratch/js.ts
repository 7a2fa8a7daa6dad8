import { z } from "zod";
import { goodPersonSchema, batchSchema } from "../src/schemas/good-people.ts";
import { siteSchema } from "../src/schemas/site.ts";
console.log(JSON.stringify(z.toJSONSchema(goodPersonSchema, { io: "input", unrepresentable: "any" }), null, 1).slice(0, 1500));
