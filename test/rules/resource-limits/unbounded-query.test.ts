import rule from '../../../server/src/rules/resource-limits/unbounded-query';
import { runRuleTests } from '../../support/rule-tester';

const express = 'import express from "express";\nconst router = express.Router();\n';
/** A workspace (Project) with members, users and domains: unique keys, relations and foreign keys. */
const PROJECT_SCHEMA = 'model Project {\n  id    String  @id\n  users ProjectUsers[]\n  domains Domain[]\n}\nmodel User {\n  id    String @id\n  email String @unique\n  teams ProjectUsers[]\n}\nmodel ProjectUsers {\n  userId    String\n  projectId String\n  user    User    @relation(fields: [userId], references: [id])\n  project Project @relation(fields: [projectId], references: [id]) // the workspace\n  @@unique([userId, projectId])\n}\nmodel Domain {\n  id        String @id\n  slug      String\n  projectId String\n  project   Project @relation(fields: [projectId], references: [id])\n  @@unique([projectId, slug])\n}\n';
/** A unique key whose free field is an enum, and one whose free field is a string. */
const RULES_SCHEMA = 'enum RuleType {\n  VELOCITY\n  GEO\n}\nmodel FraudRule {\n  id        String   @id\n  programId String\n  type      RuleType\n  @@unique([programId, type])\n}\nmodel Note {\n  id        String @id\n  programId String\n  kind      String\n  @@unique([programId, kind])\n}\n';

runRuleTests(rule, {
  valid: [
    // Paginated, or pinned to one row by a unique key.
    express + 'router.get("/orders", async (req, res) => {\n  res.json(await prisma.order.findMany({ where: { userId: req.user.id }, take: 50 }));\n});',
    express + 'router.get("/orders/:id", async (req, res) => {\n  res.json(await prisma.order.findMany({ where: { id: req.params.id } }));\n});',
    express + 'router.get("/orders", async (req, res) => {\n  res.json(await prisma.order.findMany({ where: { id: { in: req.body.ids } } }));\n});',
    express + 'router.get("/members", async (req, res) => {\n  res.json(await prisma.member.findMany({ where: { orgId_userId: { orgId: req.params.org, userId: req.user.id } } }));\n});',
    express + 'router.get("/tags", async (req, res) => {\n  res.json(await prisma.tag.findMany({ where: { projectId: 1, user: { email: { in: req.body.emails } } } }));\n});',
    express + 'router.get("/tags", async (req, res) => {\n  res.json(await db.select().from(tags).where(inArray(tags.slug, req.body.slugs)));\n});',
    express + 'router.get("/links", async (req, res) => {\n  res.json(await prisma.link.findMany({ where: { OR: [{ id: { in: req.body.ids } }, { key: { in: req.body.keys } }] } }));\n});',
    express + 'router.get("/links", async (req, res) => {\n  res.json(await prisma.link.findMany({ where: { projectId: 1, ...(req.body.ids && { id: { in: req.body.ids } }) } }));\n});',
    // A builder kept in a const is a subquery; a service method that happens to be called getMany.
    express + 'router.get("/stats", async (req, res) => {\n  const latest = db.select().from(checks).where(eq(checks.region, "eu")).as("latest");\n  res.json(await summarize(latest));\n});',
    express + 'router.get("/teams", async (req, res) => {\n  res.json(await this.teamService.getMany(req.user.id));\n});',
    express + 'router.get("/folders", async (req, res) => {\n  res.json(await prisma.folder.findMany({ where: folderWhere(req.user.id, req.body.ids) }));\n});',
    express + 'router.get("/monitors", async (req, res) => {\n  const conditions = [eq(monitor.workspaceId, 1)];\n  res.json(await db.select().from(monitor).where(and(...conditions)));\n});',
    // Options the file cannot see into may carry the limit.
    express + 'router.get("/orders", async (req, res) => {\n  res.json(await prisma.order.findMany(buildQuery(req.query)));\n});',
    express + 'router.get("/orders", async (req, res) => {\n  res.json(await prisma.order.findMany({ ...pagination(req.query), where: { shopId: 1 } }));\n});',
    // Not a query: an array's find, a single-row read, a count.
    express + 'router.get("/orders", async (req, res) => {\n  const items = await prisma.order.findFirst({ where: { userId: req.user.id } });\n  res.json(req.body.lines.find((l) => l.sku === "x"));\n});',
    express + 'router.get("/count", async (req, res) => {\n  res.json(await prisma.order.count({ where: { userId: req.user.id } }));\n});',
    // Not in a request handler: a batch job, a script.
    'export async function nightlyReport() {\n  return prisma.order.findMany({ where: { status: "paid" } });\n}',
    // Mongoose with a limit anywhere in the chain; by _id.
    express + 'router.get("/posts", async (req, res) => {\n  res.json(await Post.find({ author: req.user.id }).sort({ createdAt: -1 }).limit(20).lean());\n});',
    express + 'router.get("/posts/:id", async (req, res) => {\n  res.json(await Post.find({ _id: req.params.id }));\n});',
    // TypeORM builder with take, repository with take, findBy by id.
    express + 'router.get("/users", async (req, res) => {\n  res.json(await this.repo.createQueryBuilder("u").where("u.orgId = :org", { org: 1 }).take(25).getMany());\n});',
    express + 'router.get("/users", async (req, res) => {\n  res.json(await userRepository.find({ where: { orgId: 1 }, take: 25 }));\n});',
    express + 'router.get("/users/:id", async (req, res) => {\n  res.json(await userRepository.findBy({ id: req.params.id }));\n});',
    // knex: limited, first row, a write.
    express + 'router.get("/users", async (req, res) => {\n  res.json(await knex("users").where({ org: 1 }).limit(50));\n});',
    express + 'router.get("/users/:id", async (req, res) => {\n  res.json(await knex("users").where({ id: req.params.id }).first());\n});',
    express + 'router.post("/users", async (req, res) => {\n  res.json(await knex("users").insert(req.body).returning("*"));\n});',
    // Drizzle with limit or by id.
    express + 'router.get("/users", async (req, res) => {\n  res.json(await db.select().from(users).where(eq(users.orgId, 1)).limit(10));\n});',
    express + 'router.get("/users/:id", async (req, res) => {\n  res.json(await db.select().from(users).where(eq(users.id, req.params.id)));\n});',
    // Sequelize with limit; tests are out of scope.
    express + 'router.get("/orders", async (req, res) => {\n  res.json(await Order.findAll({ where: { userId: req.user.id }, limit: 20 }));\n});',
    { code: express + 'router.get("/orders", async (req, res) => {\n  res.json(await prisma.order.findMany());\n});', filename: 'src/orders.test.ts' },
    // Unique keys from the configuration.
    {
      code: express + 'router.get("/by-email", async (req, res) => {\n  res.json(await prisma.user.findMany({ where: { email: req.query.email } }));\n});',
      config: { queries: { uniqueKeys: ['email'] } },
    },
    // An OR whose every branch is a list, through conditional spreads; the children of a record this request created.
    express + 'router.post("/links/bulk", async (req, res) => {\n  const { ids, keys } = req.body;\n  res.json(await prisma.link.findMany({ where: { projectId: 1, OR: [...(ids.length > 0 ? [{ id: { in: ids } }] : []), ...(keys.length > 0 ? [{ key: { in: keys } }] : [])] } }));\n});',
    express + 'router.post("/envelopes", async (req, res) => {\n  const envelope = await prisma.envelope.create({ data: req.body });\n  res.json(await prisma.envelopeItem.findMany({ where: { envelopeId: envelope.id } }));\n});',
    express + 'router.post("/envelopes", async (req, res) => {\n  const envelope = await createEnvelope(req.user.id, req.body);\n  res.json(await prisma.envelopeItem.findMany({ where: { envelopeId: envelope.id } }));\n});',
    // Another file's handler reaches the query, but following calls across files is off by default.
    {
      code: 'export async function listOrders(userId: string) {\n  return prisma.order.findMany({ where: { userId } });\n}',
      filename: 'src/services/orders.ts',
      files: { 'src/routes/orders.ts': 'import express from "express";\nimport { listOrders } from "../services/orders";\nconst router = express.Router();\nrouter.get("/orders", async (req, res) => {\n  res.json(await listOrders(req.user.id));\n});' },
    },
    // A function of a service file that no route reaches, or that pages its query.
    {
      code: 'export async function listOrders(userId: string) {\n  return prisma.order.findMany({ where: { userId } });\n}',
      filename: 'src/services/orders.ts',
      config: { queries: { acrossFiles: true } },
      files: { 'src/jobs/report.ts': 'import { listOrders } from "../services/orders";\nexport async function nightly() {\n  return listOrders("u1");\n}' },
    },
    {
      code: 'export async function listOrders(userId: string) {\n  return prisma.order.findMany({ where: { userId }, take: 50 });\n}',
      filename: 'src/services/orders.ts',
      config: { queries: { acrossFiles: true } },
      files: { 'src/routes/orders.ts': 'import express from "express";\nimport { listOrders } from "../services/orders";\nconst router = express.Router();\nrouter.get("/orders", async (req, res) => {\n  res.json(await listOrders(req.user.id));\n});' },
    },
    // The application's settings table read whole; an OR with one branch per item of a list.
    express + 'router.get("/config", async (req, res) => {\n  res.json(await prisma.infraConfig.findMany());\n});',
    express + 'router.post("/fraud", async (req, res) => {\n  res.json(await prisma.fraudEvent.findMany({ where: { OR: req.body.items.map((i) => ({ partnerId: i.partnerId, type: i.type })) } }));\n});',
    // Lists by id in the idioms of Sequelize, Mongoose and TypeORM; one exact match per item returned from a block.
    express + 'router.get("/familiar", async (req, res) => {\n  res.json(await GroupUser.findAll({ where: { userId: req.body.users.map((u) => u.id), groupId: 1 } }));\n});',
    express + 'router.get("/groups", async (req, res) => {\n  const groupIds = await groupsOf(req.user.id);\n  res.json(await GroupUser.findAll({ where: { groupId: groupIds } }));\n});',
    express + 'router.get("/orders", async (req, res) => {\n  res.json(await Order.findAll({ where: { shopId: { [Op.in]: req.body.shops } } }));\n});',
    express + 'router.get("/users", async (req, res) => {\n  res.json(await userRepository.find({ where: { orgId: In(req.body.orgs) } }));\n});',
    express + 'router.post("/profiles", async (req, res) => {\n  res.json(await prisma.symbolProfile.findMany({ where: { OR: req.body.items.map(({ dataSource, symbol }) => {\n    return { dataSource, symbol };\n  }) } }));\n});',
    // A sum of counts held against a limit; an existing row that refuses a second one; the labels of one record.
    {
      code: express + 'router.get("/partners/:id/users", async (req, res) => {\n  res.json(await prisma.partnerUser.findMany({ where: { partnerId: req.params.id } }));\n});',
      files: {
        'src/partners/invite.ts': 'export async function invite(partner, invites) {\n  const [a, b] = await Promise.all([prisma.partnerInvite.count({ where: { partnerId: partner.id } }), prisma.partnerUser.count({ where: { partnerId: partner.id } })]);\n  if (a + b + invites.length > MAX_PARTNER_USERS) throw new Error("full");\n  await Promise.all(invites.map((i) => invitePartnerUser(partner, i)));\n}',
      },
    },
    {
      code: express + 'router.get("/programs/:id/email-domains", async (req, res) => {\n  res.json(await prisma.emailDomain.findMany({ where: { programId: req.params.id } }));\n});',
      files: {
        'src/email-domains.ts': 'export async function addEmailDomain(programId, slug) {\n  const existing = await prisma.emailDomain.findFirst({ where: { programId } });\n  if (existing) throw new Error("one per program");\n  return prisma.emailDomain.create({ data: { programId, slug } });\n}',
      },
    },
    express + 'router.get("/links/:id/tags", async (req, res) => {\n  res.json(await prisma.tag.findMany({ where: { links: { some: { linkId: req.params.id } } } }));\n});',
    express + 'router.get("/enrollments/:p/:id/tags", async (req, res) => {\n  res.json(await prisma.programPartnerTag.findMany({ where: { programId: req.params.p, partnerId: req.params.id } }));\n});',
    // A page size the handler clamps, checks, validates or fixes.
    express + 'router.get("/orders", async (req, res) => {\n  res.json(await prisma.order.findMany({ where: { shopId: 1 }, take: Math.min(Number(req.query.limit) || 20, 100) }));\n});',
    express + 'router.get("/orders", async (req, res) => {\n  const limit = Number(req.query.limit);\n  if (limit > 100) return res.status(400).end();\n  res.json(await prisma.order.findMany({ where: { shopId: 1 }, take: limit }));\n});',
    express + 'router.get("/orders", async (req, res) => {\n  const { limit } = pageSchema.parse(req.query);\n  res.json(await prisma.order.findMany({ where: { shopId: 1 }, take: limit }));\n});',
    express + 'router.get("/orders", async (req, res) => {\n  res.json(await Order.find({ shopId: 1 }).limit(String(req.query.limit).length));\n});',
    // The Prisma schema's unique keys: `@unique`, `@@unique([…])` with every field pinned.
    {
      code: express + 'router.get("/users", async (req, res) => {\n  res.json(await prisma.user.findMany({ where: { email: req.query.email } }));\n});',
      files: { 'prisma/schema.prisma': PROJECT_SCHEMA },
    },
    {
      code: express + 'router.get("/domains/:slug", async (req, res) => {\n  res.json(await prisma.domain.findMany({ where: { projectId: req.params.id, slug: req.params.slug } }));\n});',
      files: { 'prisma/schema/domain.prisma': PROJECT_SCHEMA },
    },
    // A unique key whose only free field is an enum: one row per value.
    {
      code: express + 'router.get("/rules", async (req, res) => {\n  res.json(await prisma.fraudRule.findMany({ where: { programId: req.params.id } }));\n});',
      files: { 'prisma/schema.prisma': RULES_SCHEMA },
    },
    // Rows the code caps where it creates them: a count held against a limit before the create.
    {
      code: express + 'router.get("/domains", async (req, res) => {\n  res.json(await prisma.domain.findMany({ where: { projectId: req.params.id } }));\n});',
      files: {
        'src/domains/create.ts': 'export async function addDomain(workspace, slug) {\n  const total = await prisma.domain.count({ where: { projectId: workspace.id } });\n  if (total >= workspace.domainsLimit) throw new Error("limit");\n  return prisma.domain.create({ data: { slug, projectId: workspace.id } });\n}',
      },
    },
    {
      name: 'a relation count of the record the query loaded, resolved through the schema; a membership filter',
      code: express + 'router.get("/members", async (req, res) => {\n  const rows = await prisma.projectUsers.findMany({ where: { projectId: req.params.id } });\n  res.json([rows, await prisma.user.findMany({ where: { teams: { some: { projectId: req.params.id } } } })]);\n});',
      files: {
        'prisma/schema.prisma': PROJECT_SCHEMA,
        'src/invites/accept.ts': 'export async function accept(id, userId) {\n  const project = await prisma.project.findUnique({ where: { id }, include: { users: true } });\n  if (project.users.length >= MAX_SEATS) throw new Error("full");\n  await prisma.projectUsers.create({ data: { projectId: id, userId } });\n}',
      },
    },
    {
      name: 'Prisma `_count` of the record an upsert returned',
      code: express + 'router.get("/members", async (req, res) => {\n  const rows = await prisma.projectUsers.findMany({ where: { projectId: req.params.id } });\n  res.json([rows, await prisma.user.findMany({ where: { teams: { some: { projectId: req.params.id } } } })]);\n});',
      files: {
        'prisma/schema.prisma': PROJECT_SCHEMA,
        'src/invites/accept.ts': 'export async function accept(id, userId) {\n  const project = await prisma.project.upsert({ where: { id }, create: { id }, update: {}, include: { _count: { select: { users: true } } } });\n  if (project._count.users >= project.usersLimit) throw new Error("full");\n  await prisma.projectUsers.create({ data: { projectId: id, userId } });\n}',
      },
    },
    // Two files away from the handler (controller → service → this repository) is out of reach.
    {
      code: 'import { Injectable } from "@nestjs/common";\nimport { Repository } from "typeorm";\n@Injectable()\nexport class OrdersRepository {\n  constructor(private readonly repo: Repository<Order>) {}\n  all(userId: string) {\n    return this.repo.find({ where: { userId } });\n  }\n}',
      filename: 'src/orders/orders.repository.ts',
      config: { queries: { acrossFiles: true } },
      files: {
        'src/orders/orders.service.ts': 'import { Injectable } from "@nestjs/common";\nimport { OrdersRepository } from "./orders.repository";\n@Injectable()\nexport class OrdersService {\n  constructor(private readonly orders: OrdersRepository) {}\n  list(userId: string) {\n    return this.orders.all(userId);\n  }\n}',
        'src/orders/orders.controller.ts': 'import { Controller, Get, Req } from "@nestjs/common";\nimport { OrdersService } from "./orders.service";\n@Controller("orders")\nexport class OrdersController {\n  constructor(private readonly service: OrdersService) {}\n  @Get()\n  list(@Req() req) {\n    return this.service.list(req.user.id);\n  }\n}',
      },
    },
  ],
  invalid: [
    {
      name: 'an existing row checked before updating another model; the labels of a workspace, of a program, the records of one label',
      code: express + 'router.get("/x", async (req, res) => {\n  const a = await prisma.emailDomain.findMany({ where: { programId: req.params.id } });\n  const b = await prisma.tag.findMany({ where: { projectId: req.params.id } });\n  const c = await prisma.linkTag.findMany({ where: { tagId: req.params.tag, linkId: req.params.link } });\n  res.json([a, b, c, await prisma.partnerTag.findMany({ where: { programId: req.params.id } })]);\n});',
      files: {
        'src/email-domains.ts': 'export async function verify(programId) {\n  const existing = await prisma.emailDomain.findFirst({ where: { programId } });\n  if (existing) throw new Error("already verified");\n  return prisma.program.update({ where: { id: programId }, data: { verified: true } });\n}',
      },
      errors: [
        { messageId: 'unbounded', line: 4, column: 19, endLine: 4, endColumn: 46 },
        { messageId: 'unbounded', line: 5, column: 19, endLine: 5, endColumn: 38 },
        { messageId: 'unbounded', line: 6, column: 19, endLine: 6, endColumn: 42 },
        { messageId: 'unbounded', line: 7, column: 28, endLine: 7, endColumn: 54 },
      ],
    },
    {
      name: 'a list of statuses, an exclusion list, a list operator on a list field',
      code: express + 'router.get("/orders", async (req, res) => {\n  const a = await Order.findAll({ where: { status: ["paid", "shipped"] } });\n  const b = await prisma.order.findMany({ where: { id: { notIn: req.body.ids } } });\n  res.json([a, b, await prisma.webhook.findMany({ where: { triggerIds: { hasSome: req.body.ids } } })]);\n});',
      errors: [
        { messageId: 'unbounded', line: 4, column: 19, endLine: 4, endColumn: 32 },
        { messageId: 'unbounded', line: 5, column: 19, endLine: 5, endColumn: 40 },
        { messageId: 'unbounded', line: 6, column: 25, endLine: 6, endColumn: 48 },
      ],
    },
    {
      name: 'Next.js route handler: a page size from the search params',
      code: 'import { NextRequest } from "next/server";\nexport async function GET(request: NextRequest) {\n  const searchParams = request.nextUrl.searchParams;\n  return Response.json(await prisma.order.findMany({ where: { shopId: 1 }, take: Number(searchParams.get("limit") ?? 50) }));\n}',
      filename: 'app/api/orders/route.ts',
      errors: [{ messageId: 'clientPageSize', line: 4, column: 82, endLine: 4, endColumn: 121 }],
    },
    {
      name: 'a page size read from the request with no cap: inline, through a const, in a Mongoose chain, as a shorthand',
      code: express + 'router.get("/orders", async (req, res) => {\n  const a = await prisma.order.findMany({ where: { shopId: 1 }, take: Number(req.query.limit) || 20 });\n  const size = parseInt(req.query.size as string, 10);\n  const b = await Order.find({ shopId: 1 }).limit(size);\n  const take = +req.query.take;\n  res.json([a, b, await prisma.item.findMany({ where: { shopId: 1 }, take })]);\n});',
      errors: [
        { messageId: 'clientPageSize', line: 4, column: 71, endLine: 4, endColumn: 100, output: express + 'router.get("/orders", async (req, res) => {\n  const a = await prisma.order.findMany({ where: { shopId: 1 }, take: Math.min(Number(req.query.limit) || 20, 100) });\n  const size = parseInt(req.query.size as string, 10);\n  const b = await Order.find({ shopId: 1 }).limit(size);\n  const take = +req.query.take;\n  res.json([a, b, await prisma.item.findMany({ where: { shopId: 1 }, take })]);\n});' },
        { messageId: 'clientPageSize', line: 6, column: 51, endLine: 6, endColumn: 55, output: express + 'router.get("/orders", async (req, res) => {\n  const a = await prisma.order.findMany({ where: { shopId: 1 }, take: Number(req.query.limit) || 20 });\n  const size = parseInt(req.query.size as string, 10);\n  const b = await Order.find({ shopId: 1 }).limit(Math.min(size, 100));\n  const take = +req.query.take;\n  res.json([a, b, await prisma.item.findMany({ where: { shopId: 1 }, take })]);\n});' },
        { messageId: 'clientPageSize', line: 8, column: 70, endLine: 8, endColumn: 74, output: express + 'router.get("/orders", async (req, res) => {\n  const a = await prisma.order.findMany({ where: { shopId: 1 }, take: Number(req.query.limit) || 20 });\n  const size = parseInt(req.query.size as string, 10);\n  const b = await Order.find({ shopId: 1 }).limit(size);\n  const take = +req.query.take;\n  res.json([a, b, await prisma.item.findMany({ where: { shopId: 1 }, take: Math.min(take, 100) })]);\n});' },
      ],
    },
    {
      name: 'a unique key whose free field is a string, not an enum',
      code: express + 'router.get("/notes", async (req, res) => {\n  res.json(await prisma.note.findMany({ where: { programId: req.params.id } }));\n});',
      files: { 'prisma/schema.prisma': RULES_SCHEMA },
      errors: [{ messageId: 'unbounded', line: 4, column: 18, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'a schema key pinned in part, a count held against a limit only to refuse an export, a cap keyed by more than the query pins',
      code: express + 'router.get("/domains", async (req, res) => {\n  const a = await prisma.domain.findMany({ where: { slug: req.query.slug } });\n  const b = await prisma.link.findMany({ where: { projectId: req.params.id } });\n  res.json([a, b, await prisma.tag.findMany({ where: { projectId: req.params.id } })]);\n});',
      files: {
        'prisma/schema.prisma': PROJECT_SCHEMA,
        'src/links/export.ts': 'export async function exportLinks(workspace) {\n  const count = await prisma.link.count({ where: { projectId: workspace.id } });\n  if (count > MAX_LINKS_TO_EXPORT) throw new Error("too many");\n  return prisma.link.findMany({ where: { projectId: workspace.id }, take: MAX_LINKS_TO_EXPORT });\n}',
        'src/tags/create.ts': 'export async function addTag(workspace, name) {\n  const count = await prisma.tag.count({ where: { projectId: workspace.id, color: "red" } });\n  if (count >= workspace.tagsLimit) throw new Error("limit");\n  return prisma.tag.create({ data: { name, projectId: workspace.id } });\n}',
      },
      errors: [
        { messageId: 'unbounded', line: 4, column: 19, endLine: 4, endColumn: 41 },
        { messageId: 'unbounded', line: 5, column: 19, endLine: 5, endColumn: 39 },
        { messageId: 'unbounded', line: 6, column: 25, endLine: 6, endColumn: 44 },
      ],
    },
    {
      name: 'an OR with a prefix per item still grows with the table',
      code: express + 'router.post("/folders/move", async (req, res) => {\n  res.json(await prisma.folder.findMany({ where: { OR: req.body.folders.map((f) => ({ path: { startsWith: f.path } })) } }));\n});',
      errors: [{ messageId: 'unbounded', line: 4, column: 18, endLine: 4, endColumn: 40 }],
    },
    {
      name: 'a per-user settings model is not the application settings table',
      code: express + 'router.get("/settings", async (req, res) => {\n  res.json(await prisma.userSettings.findMany());\n});',
      errors: [{ messageId: 'unbounded', line: 4, column: 18, endLine: 4, endColumn: 46 }],
    },
    {
      name: 'a service function an Express route of another file calls (through a local helper)',
      code: 'function query(userId: string) {\n  return prisma.order.findMany({ where: { userId } });\n}\nexport async function listOrders(userId: string) {\n  return query(userId);\n}',
      filename: 'src/services/orders.ts',
      config: { queries: { acrossFiles: true } },
      files: { 'src/routes/orders.ts': 'import express from "express";\nimport { listOrders } from "../services/orders";\nconst router = express.Router();\nrouter.get("/orders", async (req, res) => {\n  res.json(await listOrders(req.user.id));\n});' },
      errors: [{ messageId: 'unboundedReached', line: 2, column: 10, endLine: 2, endColumn: 31, output: 'function query(userId: string) {\n  return prisma.order.findMany({ where: { userId }, take: 100 });\n}\nexport async function listOrders(userId: string) {\n  return query(userId);\n}' }],
    },
    {
      name: 'Nest: a service method the controller that injects it calls',
      code: 'import { Injectable } from "@nestjs/common";\nimport { Repository } from "typeorm";\n@Injectable()\nexport class OrdersService {\n  constructor(private readonly repo: Repository<Order>) {}\n  list(userId: string) {\n    return this.repo.find({ where: { userId } });\n  }\n}',
      filename: 'src/orders/orders.service.ts',
      config: { queries: { acrossFiles: true } },
      files: {
        'src/orders/orders.controller.ts': 'import { Controller, Get, Req } from "@nestjs/common";\nimport { OrdersService } from "./orders.service";\n@Controller("orders")\nexport class OrdersController {\n  constructor(private readonly service: OrdersService) {}\n  @Get()\n  list(@Req() req) {\n    return this.service.list(req.user.id);\n  }\n}',
      },
      errors: [{ messageId: 'unboundedReached', line: 7, column: 12, endLine: 7, endColumn: 26, output: 'import { Injectable } from "@nestjs/common";\nimport { Repository } from "typeorm";\n@Injectable()\nexport class OrdersService {\n  constructor(private readonly repo: Repository<Order>) {}\n  list(userId: string) {\n    return this.repo.find({ where: { userId }, take: 100 });\n  }\n}' }],
    },
    {
      name: 'an OR with one branch that is not a list; children of a record loaded (not created) here',
      code: express + 'router.get("/links", async (req, res) => {\n  const a = await prisma.link.findMany({ where: { OR: [{ id: { in: req.body.ids } }, { archived: false }] } });\n  const project = await prisma.project.findUnique({ where: { id: req.params.id } });\n  res.json([a, await prisma.link.findMany({ where: { projectId: project.id } })]);\n});',
      errors: [
        { messageId: 'unbounded', line: 4, column: 19, endLine: 4, endColumn: 39 },
        { messageId: 'unbounded', line: 6, column: 22, endLine: 6, endColumn: 42 },
      ],
    },
    {
      name: 'Express + Prisma: findMany scoped by owner but not paged',
      code: express + 'router.get("/orders", async (req, res) => {\n  res.json(await prisma.order.findMany({ where: { userId: req.user.id } }));\n});',
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 39,
          output: express + 'router.get("/orders", async (req, res) => {\n  res.json(await prisma.order.findMany({ where: { userId: req.user.id }, take: 100 }));\n});',
        },
      ],
    },
    {
      name: 'no options at all; the page size comes from the configuration',
      code: express + 'router.get("/orders", async (req, res) => {\n  const orders = await prisma.order.findMany();\n  res.json(orders);\n});',
      config: { queries: { pageSize: 25 } },
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 45,
          output: express + 'router.get("/orders", async (req, res) => {\n  const orders = await prisma.order.findMany({ take: 25 });\n  res.json(orders);\n});',
        },
      ],
    },
    {
      name: 'a function of the same file the handler calls',
      code: express + 'async function listOrders(userId: string) {\n  return prisma.order.findMany({\n    where: { userId },\n  });\n}\nrouter.get("/orders", async (req, res) => {\n  res.json(await listOrders(req.user.id));\n});',
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 31,
          output: express + 'async function listOrders(userId: string) {\n  return prisma.order.findMany({\n    where: { userId },\n    take: 100,\n  });\n}\nrouter.get("/orders", async (req, res) => {\n  res.json(await listOrders(req.user.id));\n});',
        },
      ],
    },
    {
      name: 'Mongoose: find with a sort but no limit',
      code: express + 'router.get("/posts", async (req, res) => {\n  res.json(await Post.find({ author: req.user.id }).sort({ createdAt: -1 }));\n});',
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 27,
          output: express + 'router.get("/posts", async (req, res) => {\n  res.json(await Post.find({ author: req.user.id }).limit(100).sort({ createdAt: -1 }));\n});',
        },
      ],
    },
    {
      name: 'Sequelize findAll in a Koa router',
      code: 'import Router from "@koa/router";\nconst router = new Router();\nrouter.get("/orders", async (ctx) => {\n  ctx.body = await Order.findAll({ where: { status: ctx.query.status } });\n});',
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          column: 20,
          endLine: 4,
          endColumn: 33,
          output: 'import Router from "@koa/router";\nconst router = new Router();\nrouter.get("/orders", async (ctx) => {\n  ctx.body = await Order.findAll({ where: { status: ctx.query.status }, limit: 100 });\n});',
        },
      ],
    },
    {
      name: 'TypeORM in a Nest controller: repository find and a query builder',
      code: 'import { Controller, Get } from "@nestjs/common";\n@Controller("users")\nexport class UsersController {\n  @Get()\n  list() {\n    return this.userRepository.find({ where: { active: true } });\n  }\n  @Get("search")\n  search() {\n    return this.userRepository.createQueryBuilder("u").where("u.name like :q", { q: "x" }).getMany();\n  }\n}',
      errors: [
        {
          messageId: 'unbounded',
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 36,
          output: 'import { Controller, Get } from "@nestjs/common";\n@Controller("users")\nexport class UsersController {\n  @Get()\n  list() {\n    return this.userRepository.find({ where: { active: true }, take: 100 });\n  }\n  @Get("search")\n  search() {\n    return this.userRepository.createQueryBuilder("u").where("u.name like :q", { q: "x" }).getMany();\n  }\n}',
        },
        {
          messageId: 'unbounded',
          line: 10,
          column: 92,
          endLine: 10,
          endColumn: 99,
          output: 'import { Controller, Get } from "@nestjs/common";\n@Controller("users")\nexport class UsersController {\n  @Get()\n  list() {\n    return this.userRepository.find({ where: { active: true } });\n  }\n  @Get("search")\n  search() {\n    return this.userRepository.createQueryBuilder("u").where("u.name like :q", { q: "x" }).take(100).getMany();\n  }\n}',
        },
      ],
    },
    {
      name: 'Nest: a TypeORM repository injected by type, whatever its name',
      code: 'import { Controller, Get } from "@nestjs/common";\nimport { Repository } from "typeorm";\n@Controller("posts")\nexport class PostsController {\n  constructor(private readonly posts: Repository<Post>) {}\n  @Get()\n  list() {\n    return this.posts.find({ where: { published: true } });\n  }\n}',
      errors: [
        {
          messageId: 'unbounded',
          line: 8,
          column: 12,
          endLine: 8,
          endColumn: 27,
          output: 'import { Controller, Get } from "@nestjs/common";\nimport { Repository } from "typeorm";\n@Controller("posts")\nexport class PostsController {\n  constructor(private readonly posts: Repository<Post>) {}\n  @Get()\n  list() {\n    return this.posts.find({ where: { published: true }, take: 100 });\n  }\n}',
        },
      ],
    },
    {
      name: 'Drizzle select in a Next.js route handler',
      code: 'import { db } from "@/db";\nexport async function GET(request: Request) {\n  const rows = await db.select().from(monitors).where(eq(monitors.workspaceId, 1));\n  return Response.json(rows);\n}',
      filename: 'app/api/monitors/route.ts',
      errors: [
        {
          messageId: 'unbounded',
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 31,
          output: 'import { db } from "@/db";\nexport async function GET(request: Request) {\n  const rows = await db.select().from(monitors).where(eq(monitors.workspaceId, 1)).limit(100);\n  return Response.json(rows);\n}',
        },
      ],
    },
    {
      name: 'knex in a Hono handler',
      code: 'import { Hono } from "hono";\nconst app = new Hono();\napp.get("/users", async (c) => {\n  return c.json(await knex("users").where({ org: c.req.query("org") }).orderBy("name"));\n});',
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 27,
          output: 'import { Hono } from "hono";\nconst app = new Hono();\napp.get("/users", async (c) => {\n  return c.json(await knex("users").where({ org: c.req.query("org") }).orderBy("name").limit(100));\n});',
        },
      ],
    },
    {
      name: 'Drizzle relational findMany in a tRPC procedure',
      code: 'import { initTRPC } from "@trpc/server";\nconst t = initTRPC.create();\nexport const appRouter = t.router({\n  list: t.procedure.query(async ({ ctx }) => {\n    return ctx.db.query.pages.findMany({ where: eq(pages.workspaceId, ctx.workspace.id) });\n  }),\n});',
      errors: [
        {
          messageId: 'unbounded',
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 39,
          output: 'import { initTRPC } from "@trpc/server";\nconst t = initTRPC.create();\nexport const appRouter = t.router({\n  list: t.procedure.query(async ({ ctx }) => {\n    return ctx.db.query.pages.findMany({ where: eq(pages.workspaceId, ctx.workspace.id), limit: 100 });\n  }),\n});',
        },
      ],
    },
  ],
});
