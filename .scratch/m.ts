import { z } from "zod";
const pt = (max: number) => z.string().trim().superRefine(() => {}).meta({ maxLength: max });
const s = z.strictObject({ a: pt(20).meta({ title: "姓名", description: "d" }), b: z.array(pt(5)).default([]).meta({ title: "B" }), c: z.preprocess((v) => v, z.string()).optional().meta({ title: "C" }) });
console.log(JSON.stringify(z.toJSONSchema(s, { io: "input", unrepresentable: "any" })));
