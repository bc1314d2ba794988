import rule from '../../../server/src/rules/authorization/unauthenticated-mutation';
import { runRuleTests } from '../../support/rule-tester';

const express = 'import express from "express";\nconst router = express.Router();\n';
const nest = 'import { Controller, Post, Delete, UseGuards } from "@nestjs/common";\n';

runRuleTests(rule, {
  valid: [
    // Authentication on the route, on the router, or read in the handler.
    express + 'router.post("/orders", requireAuth, async (req, res) => {\n  res.json(await createOrder(req.body));\n});',
    express + 'router.use(passport.authenticate("jwt"));\nrouter.delete("/orders/:id", async (req, res) => {\n  res.json(await deleteOrder(req.params.id));\n});',
    express + 'router.post("/orders", async (req, res) => {\n  if (!req.user) return res.sendStatus(401);\n  res.json(await createOrder(req.user.id, req.body));\n});',
    // Reads are not mutations; public-by-nature paths; webhooks that verify a signature.
    express + 'router.get("/orders", async (req, res) => {\n  res.json(await listOrders());\n});',
    express + 'router.post("/auth/login", async (req, res) => {\n  res.json(await login(req.body));\n});',
    // RPC-style names (`resource.action`): a webhook receiver, an unsubscribe link.
    express + 'router.post("github.webhooks", async (req, res) => {\n  res.json(await handleHook(req.body));\n});',
    express + 'router.post("/billing/events", async (req, res) => {\n  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);\n  res.json(await handle(event));\n});',
    // Declared public in the configuration.
    { code: express + 'router.post("/newsletter", async (req, res) => {\n  res.json(await subscribe(req.body.email));\n});', config: { auth: { publicRoutes: ['POST /newsletter'] } } },
    // Mounted behind auth in another file.
    {
      code: express + 'router.post("/", async (req, res) => {\n  res.json(await createOrder(req.body));\n});\nexport default router;',
      filename: 'src/routes/orders.ts',
      files: { 'src/app.ts': 'import express from "express";\nimport orders from "./routes/orders";\nconst app = express();\napp.use("/orders", authenticate, orders);' },
    },
    // Nest: class guard, global guard, @Public opt-out of a global guard.
    nest + '@UseGuards(JwtAuthGuard)\n@Controller("orders")\nexport class OrdersController {\n  @Post()\n  create() {\n    return this.orders.create();\n  }\n}',
    {
      code: nest + '@Controller("orders")\nexport class OrdersController {\n  @Delete(":id")\n  remove() {\n    return this.orders.remove();\n  }\n}',
      files: { 'src/main.ts': 'import { NestFactory } from "@nestjs/core";\nasync function boot() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalGuards(new JwtAuthGuard());\n}' },
    },
    // Nest: middleware a module applies to the route by path and method, or to the controller.
    {
      code: nest + '@Controller("articles")\nexport class ArticleController {\n  @Delete(":slug")\n  remove() {\n    return this.articles.remove();\n  }\n}',
      files: { 'src/article.module.ts': 'import { MiddlewareConsumer, Module, NestModule, RequestMethod } from "@nestjs/common";\nexport class ArticleModule implements NestModule {\n  configure(consumer: MiddlewareConsumer) {\n    consumer.apply(AuthMiddleware).forRoutes({ path: "articles/:slug", method: RequestMethod.DELETE });\n  }\n}' },
    },
    {
      code: nest + '@Controller("articles")\nexport class ArticleController {\n  @Post()\n  create() {\n    return this.articles.create();\n  }\n}',
      files: { 'src/article.module.ts': 'import { MiddlewareConsumer, Module, NestModule } from "@nestjs/common";\nexport class ArticleModule implements NestModule {\n  configure(consumer: MiddlewareConsumer) {\n    consumer.apply(AuthMiddleware).forRoutes(ArticleController);\n  }\n}' },
    },
    // Next.js: the handler reads the session.
    { code: 'import { getServerSession } from "next-auth";\nexport async function POST(request: Request) {\n  const session = await getServerSession();\n  if (!session) return new Response(null, { status: 401 });\n  return Response.json(await save(await request.json()));\n}', filename: 'app/api/notes/route.ts' },
    // A helper of another file decides, the handler answers 401; a stub that only answers 405; the Authorization header read.
    { code: 'export async function POST(request: Request) {\n  const userId = await resolveUploader(request);\n  if (!userId) return new Response("Unauthorized", { status: 401 });\n  return Response.json(await store(userId, await request.formData()));\n}', filename: 'app/api/upload/route.ts' },
    { code: 'export async function DELETE() {\n  return new Response(null, { status: 405 });\n}', filename: 'app/api/items/route.ts' },
    // A call named for authenticating the caller does it out of sight (a gateway's forward-auth endpoint, an MCP wrapper).
    { code: 'import { NextRequest } from "next/server";\nconst handler = async (request: NextRequest): Promise<Response> => {\n  return await authorizeEnvoyRequest(request);\n};\nexport const GET = handler;\nexport const POST = handler;', filename: 'app/api/envoy-auth/[...path]/route.ts' },
    { code: 'export async function POST(request: Request) {\n  return handleAuthenticatedMcpRequest(request, mcpHandler);\n}', filename: 'app/api/mcp/route.ts' },
    // A handler that hands the whole request to one function: that function decides who may call (a Slack signature, a gateway).
    { code: 'import { NextResponse } from "next/server";\nexport const POST = async (req: Request) => {\n  return NextResponse.json(await handleSlashCommand(req));\n};', filename: 'app/api/slack/slash-commands/route.ts' },
    { code: 'const handler = async (request: Request) => {\n  return await proxyFeedbackRecordsRequest(request);\n};\nexport const POST = handler;\nexport const DELETE = handler;', filename: 'app/api/v3/feedback/[[...path]]/route.ts' },
    { code: 'import { headers } from "next/headers";\nexport async function POST(request: Request) {\n  const token = headers().get("Authorization");\n  return Response.json(await provision(token, await request.json()));\n}', filename: 'app/api/provision/route.ts' },
    // A project helper authenticates: the handler answers through a lower-case `unauthorized()` helper, or acts as the `auth.user` it returned.
    { code: 'export async function DELETE(request: Request, { params }: { params: Promise<{ boardId: string }> }) {\n  const { auth, error } = await parseRequest(request);\n  if (error) return error();\n  const { boardId } = await params;\n  if (!(await canDeleteBoard(auth, boardId))) return unauthorized();\n  return Response.json(await deleteBoard(boardId));\n}', filename: 'app/api/boards/[boardId]/route.ts' },
    { code: 'export async function POST(request: Request) {\n  const { auth, body, error } = await parseRequest(request, schema);\n  if (error) return error();\n  return Response.json(await joinTeam(body.accessCode, auth.user.id));\n}', filename: 'app/api/teams/join/route.ts' },
    // Handlers that only answer (Koa 405, a thrown 500); an explicit opt-out; a route registered for tests only.
    'import Router from "koa-router";\nconst router = new Router();\nrouter.delete("/", async (ctx) => {\n  ctx.status = 405;\n  ctx.set("Allow", "POST");\n  ctx.body = { error: "Use POST" };\n});',
    { code: 'export async function POST(request: Request) {\n  const { body, error } = await parseRequest(request, schema, { skipAuth: true });\n  if (error) return error();\n  return Response.json(await ingest(body));\n}', filename: 'app/api/batch/route.ts' },
    express + 'if (process.env.NODE_ENV === "test") {\n  router.post("/test/reset", async (req, res) => {\n    res.json(await resetDatabase());\n  });\n}',
    {
      code: 'import Router from "koa-router";\nconst router = new Router();\nrouter.post("/test/error", (ctx) => ctx.throw(500, new Error()));\nrouter.post("/test/reset", async (ctx) => {\n  ctx.body = await resetDatabase();\n});\nexport default router;',
      filename: 'server/routes/errors.ts',
      files: { 'server/routes/index.ts': 'import Koa from "koa";\nimport errors from "./errors";\nconst koa = new Koa();\nif (env.ENVIRONMENT === "test") {\n  koa.use(errors.routes());\n}' },
    },
    // Sign-in flows named as such.
    'import { publicProcedure, router } from "../trpc";\nexport const auth = router({\n  createPasskeySigninOptions: publicProcedure.mutation(() => options()),\n});',
    // tRPC protected procedures.
    'import { protectedProcedure, router } from "../trpc";\nexport const notes = router({\n  create: protectedProcedure.input(schema).mutation(({ input }) => save(input)),\n});',
    // A procedure builder of another file whose middleware (or the builder it extends) turns anonymous callers away.
    {
      code: 'import { router, spaceProcedure } from "../trpc";\nconst eventTypeProcedure = spaceProcedure.use(requireEnabled);\nexport const eventTypes = router({\n  update: eventTypeProcedure.input(schema).mutation(({ input }) => update(input)),\n});',
      filename: 'src/trpc/routers/event-types.ts',
      files: { 'src/trpc/index.ts': 'export const privateProcedure = publicProcedure.use(async ({ ctx, next }) => {\n  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED" });\n  return next();\n});\nexport const spaceProcedure = privateProcedure.use(async ({ ctx, next }) => next({ ctx: { space: ctx.user.space } }));\nexport const openProcedure = publicProcedure.use(async ({ ctx, next }) => next({ ctx }));' },
    },
  ],
  invalid: [
    {
      name: 'a procedure builder of another file whose middleware lets anyone through',
      code: 'import { openProcedure, router } from "../trpc";\nexport const notes = router({\n  remove: openProcedure.input(schema).mutation(({ input }) => remove(input.id)),\n});',
      filename: 'src/trpc/routers/notes.ts',
      files: { 'src/trpc/index.ts': 'export const privateProcedure = publicProcedure.use(async ({ ctx, next }) => {\n  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED" });\n  return next();\n});\nexport const spaceProcedure = privateProcedure.use(async ({ ctx, next }) => next({ ctx: { space: ctx.user.space } }));\nexport const openProcedure = publicProcedure.use(async ({ ctx, next }) => next({ ctx }));' },
      errors: [{ messageId: 'unauthenticated', line: 3, column: 3, endLine: 3, endColumn: 9 }],
    },
    {
      name: 'a handler that hands only part of the request on, or also writes itself',
      code: 'export async function POST(request: Request) {\n  const note = await saveNote(request);\n  return Response.json(await audit(note));\n}\nexport async function PUT(request: Request) {\n  return Response.json(await saveNote(await request.json()));\n}',
      filename: 'app/api/notes/route.ts',
      errors: [
        { messageId: 'unauthenticated', line: 1, column: 23, endLine: 1, endColumn: 27 },
        { messageId: 'unauthenticated', line: 5, column: 23, endLine: 5, endColumn: 26 },
      ],
    },
    {
      name: 'authorizing a payment is not authenticating the caller, and a Response built from a write is not a mere answer',
      code: 'export async function POST(request: Request) {\n  return Response.json(await authorizePayment(await request.json()));\n}',
      filename: 'app/api/checkout/route.ts',
      errors: [{ messageId: 'unauthenticated', line: 1, column: 23, endLine: 1, endColumn: 27 }],
    },
    {
      name: 'Express: a POST with no auth anywhere',
      code: express + 'router.post("/orders", async (req, res) => {\n  res.json(await createOrder(req.body));\n});',
      errors: [{ messageId: 'unauthenticated', line: 3, column: 13, endLine: 3, endColumn: 22 }],
    },
    {
      name: 'mounted by another file without auth',
      code: express + 'router.delete("/:id", async (req, res) => {\n  res.json(await deleteOrder(req.params.id));\n});\nexport default router;',
      filename: 'src/routes/orders.ts',
      files: { 'src/app.ts': 'import express from "express";\nimport orders from "./routes/orders";\nconst app = express();\napp.use("/orders", rateLimit(), orders);' },
      errors: [{ messageId: 'unauthenticated', line: 3, column: 15, endLine: 3, endColumn: 21 }],
    },
    {
      name: 'Nest: a controller without guards and no global guard',
      code: nest + '@Controller("orders")\nexport class OrdersController {\n  @Post()\n  create() {\n    return this.orders.create();\n  }\n}',
      errors: [{ messageId: 'unauthenticated', line: 4, column: 3, endLine: 4, endColumn: 10 }],
    },
    {
      name: 'Nest: module middleware that covers other routes only',
      code: nest + '@Controller("users")\nexport class UserController {\n  @Delete("users/:slug")\n  remove() {\n    return this.users.remove();\n  }\n}',
      files: { 'src/user.module.ts': 'import { MiddlewareConsumer, Module, NestModule, RequestMethod } from "@nestjs/common";\nexport class UserModule implements NestModule {\n  configure(consumer: MiddlewareConsumer) {\n    consumer.apply(AuthMiddleware).forRoutes({ path: "user", method: RequestMethod.PUT });\n  }\n}' },
      errors: [{ messageId: 'unauthenticated', line: 4, column: 11, endLine: 4, endColumn: 24 }],
    },
    {
      name: 'Next.js: a DELETE handler that never reads the session',
      code: 'export async function DELETE(request: Request, { params }: { params: { id: string } }) {\n  await db.note.delete({ where: { id: params.id } });\n  return new Response(null, { status: 204 });\n}',
      filename: 'app/api/notes/[id]/route.ts',
      errors: [{ messageId: 'unauthenticated', line: 1, column: 23, endLine: 1, endColumn: 29 }],
    },
    {
      name: 'tRPC: a public mutation',
      code: 'import { publicProcedure, router } from "../trpc";\nexport const notes = router({\n  remove: publicProcedure.input(schema).mutation(({ input }) => remove(input.id)),\n});',
      errors: [{ messageId: 'unauthenticated', line: 3, column: 3, endLine: 3, endColumn: 9 }],
    },
  ],
});
