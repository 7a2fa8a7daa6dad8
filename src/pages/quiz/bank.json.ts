/** The whole question bank for the self-test script, with each question's source label and link. */
import type { APIRoute } from "astro";
import { conventionById, guideById, questions, site } from "../../collections.ts";
import { withSource } from "../../lib/quiz/bank.ts";

export const GET: APIRoute = () =>
  new Response(JSON.stringify({ count: site.quiz.questions, questions: questions.map((q) => withSource(q.data, { conventionById, guideById })) }), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
