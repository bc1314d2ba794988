import rule from '../../../server/src/rules/authorization/unscoped-resource-access';
import { runRuleTests } from '../../support/rule-tester';

const express = 'import express from "express";\nconst router = express.Router();\nrouter.use(requireAuth);\n';

runRuleTests(rule, {
  valid: [
    // Scoped by the caller in the query.
    express + 'router.get("/docs/:id", async (req, res) => {\n  res.json(await prisma.document.findFirst({ where: { id: req.params.id, ownerId: req.user.id } }));\n});',
    express + 'router.delete("/docs/:id", async (req, res) => {\n  await prisma.document.deleteMany({ where: { id: req.params.id, organizationId: req.user.orgId } });\n  res.sendStatus(204);\n});',
    // A space is a tenant like a workspace: a load pinned to the caller's space is scoped.
    express + 'router.delete("/polls/:id", async (req, res) => {\n  const spaceId = res.locals.apiAuth.spaceId;\n  await prisma.poll.deleteMany({ where: { id: req.params.id, spaceId } });\n  res.sendStatus(204);\n});',
    // Ownership checked after the load, by comparison, by a permission call or a configured function.
    express + 'router.get("/docs/:id", async (req, res) => {\n  const doc = await prisma.document.findUnique({ where: { id: req.params.id } });\n  if (!doc || doc.ownerId !== req.user.id) return res.sendStatus(404);\n  res.json(doc);\n});',
    express + 'router.put("/docs/:id", async (req, res) => {\n  const doc = await Document.findById(req.params.id);\n  if (!req.ability.can("update", doc)) return res.sendStatus(403);\n  res.json(await doc.save());\n});',
    { code: express + 'router.get("/docs/:id", async (req, res) => {\n  const doc = await prisma.document.findUnique({ where: { id: req.params.id } });\n  await guardDocument(req.user, doc);\n  res.json(doc);\n});', config: { auth: { ownershipChecks: ['guardDocument'] } } },
    // A membership query scoped by the caller checks access to what it shares a key with, or to the record it names.
    express + 'router.get("/teams/:teamId/docs/:id", async (req, res) => {\n  const member = await prisma.member.findFirst({ where: { teamId: req.params.teamId, userId: req.user.id } });\n  if (!member) return res.sendStatus(404);\n  res.json(await prisma.document.findFirst({ where: { id: req.params.id, teamId: req.params.teamId } }));\n});',
    express + 'router.get("/invoices/:id", async (req, res) => {\n  const invoice = await prisma.invoice.findUniqueOrThrow({ where: { id: req.params.id } });\n  const member = await prisma.projectUser.findUnique({ where: { userId_projectId: { userId: req.user.id, projectId: invoice.projectId } } });\n  if (!member) return res.sendStatus(404);\n  res.json(invoice);\n});',
    // A same-file helper handed an id the handler tied to the caller first: by a scoped query, or a query with a tied id.
    express + 'async function loadDoc(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\nrouter.get("/teams/:teamId/docs/:id", async (req, res) => {\n  const { teamId, id } = req.params;\n  const team = await prisma.team.findFirst({ where: { id: teamId, members: { some: { userId: req.user.id } } } });\n  const doc = await prisma.document.findFirst({ where: { id, teamId } });\n  if (!team || !doc) return res.sendStatus(404);\n  res.json(await loadDoc(id));\n});',
    // An id the handler tied to the caller first (a query with a tied team id names it), then used alone.
    express + 'router.patch("/teams/:teamId/docs/:docId", async (req, res) => {\n  const { teamId, docId } = req.params;\n  const team = await prisma.team.findFirst({ where: { id: teamId, users: { some: { userId: req.user.id } } } });\n  const doc = await prisma.document.findFirst({ where: { id: docId, teamId } });\n  if (!team || !doc) return res.sendStatus(404);\n  res.json(await prisma.documentVersion.updateMany({ where: { documentId: docId }, data: req.body }));\n});',
    // The caller's own record; an id that is not from the request.
    express + 'router.get("/me", async (req, res) => {\n  res.json(await prisma.user.findUnique({ where: { id: req.user.id } }));\n});',
    express + 'router.get("/settings", async (req, res) => {\n  res.json(await prisma.setting.findUnique({ where: { id: GLOBAL_SETTINGS_ID } }));\n});',
    // Role-guarded admin routes authorize by role.
    'import express from "express";\nconst router = express.Router();\nrouter.delete("/admin/users/:id", requireAdmin, async (req, res) => {\n  await prisma.user.delete({ where: { id: req.params.id } });\n  res.sendStatus(204);\n});',
    // Public routes (nothing authenticates anywhere): a public record, not an ownership question.
    'import express from "express";\nconst router = express.Router();\nrouter.get("/posts/:slug", async (req, res) => {\n  res.json(await prisma.post.findUnique({ where: { slug: req.params.slug } }));\n});',
    // An availability check: the record is only tested for presence.
    express + 'router.get("/slug-available", async (req, res) => {\n  const taken = await prisma.workspace.findUnique({ where: { slug: req.query.slug }, select: { slug: true } });\n  if (taken) return res.json({ available: false, by: req.user.id });\n  res.json({ available: true });\n});',
    // Not ORM calls: a Map, a cache, an HTTP client.
    express + 'router.delete("/sessions/:id", async (req, res) => {\n  sessions.delete(req.params.id);\n  await cache.delete(req.params.id);\n  res.sendStatus(204);\n});',
    // Nest: scoped by the @CurrentUser.
    'import { Controller, Get, Param } from "@nestjs/common";\n@Controller("docs")\nexport class DocsController {\n  @Get(":id")\n  one(@Param("id") id: string, @CurrentUser() user: User) {\n    return this.repo.findOne({ where: { id, owner: { id: user.id } } });\n  }\n}',
    // A service of another file: scoped by an owner it is handed; called only by a public route.
    {
      code: 'import { Injectable } from "@nestjs/common";\nimport { Repository } from "typeorm";\n@Injectable()\nexport class DocsService {\n  constructor(private readonly repo: Repository<Doc>) {}\n  findOne(id: string, ownerId: string) {\n    return this.repo.findOne({ where: { id, ownerId } });\n  }\n}',
      filename: 'src/docs/docs.service.ts',
      files: { 'src/docs/docs.controller.ts': 'import { Controller, Get, Param, UseGuards } from "@nestjs/common";\nimport { DocsService } from "./docs.service";\n@UseGuards(JwtAuthGuard)\n@Controller("docs")\nexport class DocsController {\n  constructor(private readonly docs: DocsService) {}\n  @Get(":id")\n  one(@Param("id") id: string) {\n    return this.docs.findOne(id);\n  }\n}'.replace('this.docs.findOne(id)', 'this.docs.findOne(id, req.user.id)') },
    },
    {
      code: 'import prisma from "../db";\nexport async function getPost(id: string) {\n  return prisma.post.findUnique({ where: { id } });\n}',
      filename: 'src/services/posts.ts',
      files: { 'src/routes/posts.ts': 'import express from "express";\nimport { getPost } from "../services/posts";\nconst router = express.Router();\nrouter.get("/posts/:id", async (req, res) => {\n  res.json(await getPost(req.params.id));\n});' },
    },
    {
      code: 'import prisma from "../db";\nexport async function domainExists(slug: string) {\n  return !!(await prisma.domain.findFirst({ where: { slug }, select: { slug: true } }));\n}',
      filename: 'src/services/domains.ts',
      files: { 'src/routes/domains.ts': 'import express from "express";\nimport { domainExists } from "../services/domains";\nconst router = express.Router();\nrouter.use(requireAuth);\nrouter.get("/domains/:slug/exists", async (req, res) => {\n  res.json({ taken: await domainExists(req.params.slug) });\n});' },
    },
  ],
  invalid: [
    {
      name: 'Nest: a service method loads by the id an authenticated controller of another file passes from @Param',
      code: 'import { Injectable } from "@nestjs/common";\nimport { Repository } from "typeorm";\n@Injectable()\nexport class DocsService {\n  constructor(private readonly repo: Repository<Doc>) {}\n  findOne(id: string) {\n    return this.repo.findOne({ where: { id } });\n  }\n}',
      filename: 'src/docs/docs.service.ts',
      files: { 'src/docs/docs.controller.ts': 'import { Controller, Get, Param, UseGuards } from "@nestjs/common";\nimport { DocsService } from "./docs.service";\n@UseGuards(JwtAuthGuard)\n@Controller("docs")\nexport class DocsController {\n  constructor(private readonly docs: DocsService) {}\n  @Get(":id")\n  one(@Param("id") id: string) {\n    return this.docs.findOne(id);\n  }\n}' },
      errors: [{ messageId: 'unscopedReached', line: 7, column: 12, endLine: 7, endColumn: 29 }],
    },
    {
      name: 'Express: an imported function loads by req.params.id for a router behind auth',
      code: 'import prisma from "../db";\nexport async function getDocument(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}',
      filename: 'src/services/documents.ts',
      files: { 'src/routes/documents.ts': 'import express from "express";\nimport { getDocument } from "../services/documents";\nconst router = express.Router();\nrouter.use(requireAuth);\nrouter.get("/documents/:id", async (req, res) => {\n  res.json(await getDocument(req.params.id));\n});' },
      errors: [{ messageId: 'unscopedReached', line: 3, column: 10, endLine: 3, endColumn: 36 }],
    },
    {
      name: 'Express + Prisma: a load by params.id; the fix checks ownership after it',
      code: express + 'router.get("/docs/:id", async (req, res) => {\n  const doc = await prisma.document.findUnique({ where: { id: req.params.id } });\n  res.json({ doc, viewer: req.user.id });\n});',
      errors: [
        {
          messageId: 'unscoped',
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 47,
          output: express + 'router.get("/docs/:id", async (req, res) => {\n  const doc = await prisma.document.findUnique({ where: { id: req.params.id } });\n  if (!doc || doc.userId !== req.user.id) return res.status(404).end();\n  res.json({ doc, viewer: req.user.id });\n});',
        },
      ],
    },
    {
      name: 'a delete by a destructured body id; the fix copies the owner constraint of a sibling query',
      code: express + 'router.get("/notes", async (req, res) => {\n  res.json(await prisma.note.findMany({ where: { authorId: req.user.id }, take: 50 }));\n});\nrouter.post("/notes/delete", async (req, res) => {\n  const { noteId } = req.body;\n  await prisma.note.delete({ where: { id: noteId } });\n  res.json({ by: req.user.id });\n});',
      errors: [
        {
          messageId: 'unscoped',
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 27,
          output: express + 'router.get("/notes", async (req, res) => {\n  res.json(await prisma.note.findMany({ where: { authorId: req.user.id }, take: 50 }));\n});\nrouter.post("/notes/delete", async (req, res) => {\n  const { noteId } = req.body;\n  await prisma.note.delete({ where: { id: noteId, authorId: req.user.id } });\n  res.json({ by: req.user.id });\n});',
        },
      ],
    },
    {
      name: 'Mongoose findByIdAndUpdate in a Fastify handler, auth from a hook',
      code: 'import Fastify from "fastify";\nconst app = Fastify();\napp.put("/items/:id", { onRequest: [app.authenticate] }, async (request) => {\n  return Item.findByIdAndUpdate(request.params.id, { done: true });\n});',
      errors: [{ messageId: 'unscoped', line: 4, column: 10, endLine: 4, endColumn: 32 }],
    },
    {
      name: 'Nest: TypeORM findOneBy with @Param; the fix throws NotFoundException and imports it',
      code: 'import { Controller, Get, Param, UseGuards } from "@nestjs/common";\n@UseGuards(JwtAuthGuard)\n@Controller("invoices")\nexport class InvoicesController {\n  @Get(":id")\n  async one(@Param("id") id: string, @CurrentUser() user: User) {\n    const invoice = await this.invoiceRepository.findOneBy({ id });\n    return { invoice, viewer: user.id };\n  }\n}',
      errors: [
        {
          messageId: 'unscoped',
          line: 7,
          column: 27,
          endLine: 7,
          endColumn: 59,
          output: 'import { Controller, Get, Param, UseGuards, NotFoundException } from "@nestjs/common";\n@UseGuards(JwtAuthGuard)\n@Controller("invoices")\nexport class InvoicesController {\n  @Get(":id")\n  async one(@Param("id") id: string, @CurrentUser() user: User) {\n    const invoice = await this.invoiceRepository.findOneBy({ id });\n    if (!invoice || invoice.userId !== user.id) throw new NotFoundException();\n    return { invoice, viewer: user.id };\n  }\n}',
        },
      ],
    },
    {
      name: 'Next.js route with a session: drizzle delete by route params',
      code: 'import { auth } from "@/auth";\nexport async function DELETE(_req: Request, { params }: { params: { id: string } }) {\n  const session = await auth();\n  if (!session) return new Response(null, { status: 401 });\n  await db.delete(projects).where(eq(projects.id, params.id));\n  return new Response(null, { status: 204 });\n}',
      filename: 'app/api/projects/[id]/route.ts',
      errors: [{ messageId: 'unscoped', line: 5, column: 29, endLine: 5, endColumn: 34 }],
    },
    {
      name: 'Nest: a repository injected by type (any name); update then re-read of the same id is one gap',
      code: 'import { Body, Controller, Param, Put, UseGuards } from "@nestjs/common";\nimport { Repository } from "typeorm";\n@UseGuards(JwtAuthGuard)\n@Controller("posts")\nexport class PostsController {\n  constructor(private readonly posts: Repository<Post>) {}\n  @Put(":id")\n  async update(@Param("id") id: string, @Body() body: UpdatePostDto) {\n    await this.posts.update(id, body);\n    return this.posts.findOneBy({ id });\n  }\n}',
      errors: [{ messageId: 'unscoped', line: 9, column: 11, endLine: 9, endColumn: 28 }],
    },
    {
      name: 'a same-file helper reached from a handler that checks nothing',
      code: express + 'async function loadDoc(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\nrouter.get("/docs/:id", async (req, res) => {\n  const { id } = req.params;\n  res.json(await loadDoc(id));\n});',
      errors: [{ messageId: 'unscoped', line: 5, column: 10, endLine: 5, endColumn: 36 }],
    },
    {
      name: 'a helper handed an id the handler never tied to the team it checked',
      code: express + 'async function loadDoc(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\nrouter.get("/teams/:teamId/docs/:id", async (req, res) => {\n  const { teamId, id } = req.params;\n  const team = await prisma.team.findFirst({ where: { id: teamId, members: { some: { userId: req.user.id } } } });\n  if (!team) return res.sendStatus(404);\n  res.json(await loadDoc(id));\n});',
      errors: [{ messageId: 'unscoped', line: 5, column: 10, endLine: 5, endColumn: 36 }],
    },
    {
      name: 'a membership check of the team does not tie a document loaded by its id alone',
      code: express + 'router.get("/teams/:teamId/docs/:id", async (req, res) => {\n  const member = await prisma.member.findFirst({ where: { teamId: req.params.teamId, userId: req.user.id } });\n  if (!member) return res.sendStatus(404);\n  res.json(await prisma.document.findUnique({ where: { id: req.params.id } }));\n});',
      errors: [{ messageId: 'unscoped', line: 7, column: 18, endLine: 7, endColumn: 44, output: null }],
    },
    {
      name: 'an earlier owner-scoped load of another record does not scope the id (`uid` contains the letters of `id` but is not it)',
      code: 'import prisma from "../db";\nexport async function renameDoc(id: string, uid: string) {\n  await prisma.profile.findFirst({ where: { userUid: uid } });\n  return prisma.document.update({ where: { id }, data: { name: "x" } });\n}',
      filename: 'src/services/documents.ts',
      files: { 'src/routes/documents.ts': 'import express from "express";\nimport { renameDoc } from "../services/documents";\nconst router = express.Router();\nrouter.use(requireAuth);\nrouter.post("/documents/:id/rename", async (req, res) => {\n  res.json(await renameDoc(req.params.id, "u"));\n});' },
      errors: [{ messageId: 'unscopedReached', line: 4, column: 10, endLine: 4, endColumn: 32 }],
    },
    {
      name: 'mounted behind auth in another file (pending on project facts)',
      code: 'import express from "express";\nconst router = express.Router();\nrouter.delete("/:id", async (req, res) => {\n  await prisma.order.delete({ where: { id: req.params.id } });\n  res.sendStatus(204);\n});\nexport default router;',
      filename: 'src/routes/orders.ts',
      files: { 'src/app.ts': 'import express from "express";\nimport orders from "./routes/orders";\nconst app = express();\napp.use("/orders", authenticate, orders);' },
      errors: [{ messageId: 'unscoped', line: 4, column: 9, endLine: 4, endColumn: 28 }],
    },
  ],
});
