import rule from '../../../server/src/rules/input-validation/unvalidated-input-to-sink';
import { runRuleTests } from '../../support/rule-tester';

const express = 'import express from "express";\nconst router = express.Router();\n';
const nest = 'import { Body, Controller, Post } from "@nestjs/common";\nimport { CreateUserDto } from "./create-user.dto";\n@Controller("users")\nexport class UsersController {\n';

runRuleTests(rule, {
  valid: [
    // Validated: a zod parse, a safeParse guard, express-validator middleware, a Fastify schema, tRPC input.
    express + 'router.post("/u", async (req, res) => {\n  const data = UserSchema.parse(req.body);\n  res.json(await prisma.user.create({ data }));\n});',
    express + 'router.post("/u", async (req, res) => {\n  if (!UserSchema.safeParse(req.body).success) return res.sendStatus(400);\n  res.json(await prisma.user.create({ data: req.body }));\n});',
    express + 'import { body } from "express-validator";\nrouter.post("/u", body("email").isEmail(), async (req, res) => {\n  res.json(await User.create(req.body));\n});',
    'import Fastify from "fastify";\nconst app = Fastify();\napp.post("/u", { schema: { body: S } }, async (request) => User.create(request.body));',
    'export const r = router({ add: publicProcedure.input(z.object({ url: z.string() })).mutation(({ input }) => fetch(input.url)) });',
    // Field by field, or typed by Prisma: no mass assignment.
    express + 'router.post("/u", async (req, res) => {\n  res.json(await prisma.user.create({ data: { name: req.body.name } }));\n  res.json(await prisma.user.findFirst({ where: { email: req.body.email } }));\n});',
    // A request path or query after a constant base is not SSRF; a relative redirect built in a template is not open.
    express + 'router.get("/p", async (req, res) => {\n  await fetch(`https://api.example.com/items/${req.query.id}`);\n  res.redirect(`/items/${req.query.id}`);\n});',
    // GraphQL arguments are typed by the schema.
    'import { Args, Mutation, Resolver } from "@nestjs/graphql";\n@Resolver()\nexport class TokensResolver {\n  @Mutation()\n  create(@Args("label") label: string) {\n    return this.repo.save(label);\n  }\n}',
    // Checked by an if that exits, or cleaned by a conversion.
    express + 'router.get("/p", async (req, res) => {\n  const { next } = req.query;\n  if (!ALLOWED.includes(next)) return res.sendStatus(400);\n  res.redirect(next);\n  res.sendFile(path.basename(req.query.f));\n});',
    // No shell: an argument array cannot inject commands.
    express + 'import { execFile } from "child_process";\nrouter.post("/c", (req, res) => {\n  execFile("convert", [req.body.src, "out.png"]);\n});',
    // A Nest DTO counts as validated when another file registers a global ValidationPipe.
    {
      code: nest + '  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return this.repo.save(dto);\n  }\n}',
      files: { 'src/main.ts': 'import { ValidationPipe } from "@nestjs/common";\napp.useGlobalPipes(new ValidationPipe({ whitelist: true }));' },
    },
    // Not in a request handler.
    'async function seed(data: any) {\n  return prisma.user.create({ data });\n}',
    // Crypto `update` is not a database write.
    express + 'router.post("/hook", (req, res) => {\n  const mac = crypto.createHmac("sha256", key);\n  mac.update(req.body);\n});',
  ],
  invalid: [
    {
      name: 'Express: destructured query into a redirect; the fix adds a zod schema and the import',
      code: express + '\nrouter.get("/go", (req, res) => {\n  const { next } = req.query;\n  res.redirect(next);\n});',
      errors: [
        {
          messageId: 'openRedirect',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 15,
          output: 'import express from "express";\nimport { z } from \'zod\';\nconst router = express.Router();\n\nconst QuerySchema = z.object({ next: z.string() });\n\nrouter.get("/go", (req, res) => {\n  const { next } = QuerySchema.parse(req.query);\n  res.redirect(next);\n});',
        },
      ],
    },
    {
      name: 'Express: a body spread into Prisma data is mass assignment; no keys, no fix',
      code: express + 'router.post("/u", async (req, res) => {\n  res.json(await prisma.user.create({ data: { ...req.body, ownerId: req.user.id } }));\n});',
      errors: [{ messageId: 'massAssignment', line: 4, column: 18, endLine: 4, endColumn: 36, output: null }],
    },
    {
      name: 'Express: a field read in place reaches an outbound URL; zod already imported',
      code: 'import express from "express";\nimport { z } from "zod";\nconst router = express.Router();\nrouter.post("/hook", async (req, res) => {\n  await axios.post(req.body.target, { ping: true });\n});',
      errors: [
        {
          messageId: 'outboundUrl',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 19,
          output: 'import express from "express";\nimport { z } from "zod";\nconst router = express.Router();\nconst BodySchema = z.object({ target: z.string() });\n\nrouter.post("/hook", async (req, res) => {\n  await axios.post(BodySchema.parse(req.body).target, { ping: true });\n});',
        },
      ],
    },
    {
      name: 'Express: a body field as a Mongo filter value; a String() copy is safe',
      code: express + 'router.post("/login", async (req, res) => {\n  await User.findOne({ email: req.body.email });\n  await User.findOne({ email: String(req.body.email) });\n});',
      errors: [
        {
          messageId: 'queryFilter',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 21,
          output: 'import express from "express";\nimport { z } from \'zod\';\nconst router = express.Router();\nconst BodySchema = z.object({ email: z.string() });\n\nrouter.post("/login", async (req, res) => {\n  await User.findOne({ email: BodySchema.parse(req.body).email });\n  await User.findOne({ email: String(req.body.email) });\n});',
        },
      ],
    },
    {
      name: 'Express: a param joined into a path and a body field in exec',
      code: express + 'import fs from "fs";\nimport path from "path";\nimport { exec } from "child_process";\nimport Joi from "joi";\nrouter.get("/f/:name", (req, res) => {\n  res.send(fs.readFileSync(path.join(DIR, req.params.name)));\n  exec("tar czf " + req.body.archive);\n});',
      errors: [
        { messageId: 'filePath', line: 8, column: 12, endLine: 8, endColumn: 27, output: null },
        { messageId: 'shellCommand', line: 9, column: 3, endLine: 9, endColumn: 7, output: null },
      ],
    },
    {
      name: 'Express: a host after a constant scheme is SSRF',
      code: express + 'router.get("/check", async (req, res) => {\n  await fetch(`https://${req.query.domain}/health`);\n});',
      errors: [
        {
          messageId: 'outboundUrl',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 14,
          output: 'import express from "express";\nimport { z } from \'zod\';\nconst router = express.Router();\nconst QuerySchema = z.object({ domain: z.string() });\n\nrouter.get("/check", async (req, res) => {\n  await fetch(`https://${QuerySchema.parse(req.query).domain}/health`);\n});',
        },
      ],
    },
    {
      name: 'Hono: a JSON body into a Drizzle insert',
      code: 'import { Hono } from "hono";\nconst app = new Hono();\napp.post("/links", async (c) => {\n  const body = await c.req.json();\n  await db.insert(links).values(body);\n  return c.json(body);\n});',
      errors: [{ messageId: 'massAssignment', line: 5, column: 26, endLine: 5, endColumn: 32, output: null }],
    },
    {
      name: 'Next.js: a search param fetched; no fix for a getter read',
      code: 'import { NextRequest } from "next/server";\nexport async function GET(request: NextRequest) {\n  const url = request.nextUrl.searchParams.get("u");\n  return fetch(url!);\n}',
      filename: 'app/api/proxy/route.ts',
      errors: [{ messageId: 'outboundUrl', line: 4, column: 10, endLine: 4, endColumn: 15, output: null }],
    },
    {
      name: 'Nest: a DTO body saved whole stands when no global ValidationPipe is registered',
      code: nest + '  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return this.repo.save(dto);\n  }\n}',
      errors: [{ messageId: 'massAssignment', line: 7, column: 12, endLine: 7, endColumn: 26, output: null }],
    },
  ],
});
