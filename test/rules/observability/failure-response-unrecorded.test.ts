import rule from '../../../server/src/rules/observability/failure-response-unrecorded';
import { runRuleTests } from '../../support/rule-tester';

const express = 'import express from "express";\nconst router = express.Router();\n';
const route = (catchBody: string, binding = ' (err)') =>
  `${express}router.post("/orders", async (req, res, next) => {\n  try {\n    res.json(await createOrder(req.body));\n  } catch${binding} {\n${catchBody}\n  }\n});`;
const nest = (catchBody: string) =>
  `import { Controller, Post, InternalServerErrorException, HttpException, HttpStatus, NotFoundException, Logger } from "@nestjs/common";\n@Controller("payments")\nexport class PaymentsController {\n  @Post()\n  async pay() {\n    try {\n      return await this.payments.pay();\n    } catch (error) {\n${catchBody}\n    }\n  }\n}`;

runRuleTests(rule, {
  valid: [
    // The callee logs and rethrows (in another file): the failure is on record before the 500.
    {
      code: 'import express from "express";\nconst app = express();\napp.get("/profile", async (req, res) => {\n  try {\n    res.json(await profiles.getProfile(req.query.id));\n  } catch {\n    res.status(500).json({ error: "unavailable" });\n  }\n});',
      files: { 'src/profiles.ts': 'export class Profiles {\n  async getProfile(id: string) {\n    try {\n      return await this.db.profile.findUnique({ where: { id } });\n    } catch (error) {\n      this.logger.error(error);\n      throw error;\n    }\n  }\n}' },
    },
    // One finding per gap: a refund in a handler that records nothing is reported at the refund (critical-operation-unrecorded).
    'import express from "express";\nimport Stripe from "stripe";\nconst stripe = new Stripe(key);\nconst app = express();\napp.post("/refunds", async (req, res) => {\n  try {\n    res.json(await stripe.refunds.create({ payment_intent: req.body.pi }));\n  } catch (err) {\n    res.status(500).json({ error: "refund failed" });\n  }\n});',
    // One log, metric, span or report counts; so does passing the error on.
    route('    logger.error({ err }, "create order failed");\n    res.status(500).json({ error: "failed" });'),
    route('    req.log.error(err);\n    res.status(500).json({ error: "failed" });'),
    route('    next(err);'),
    route('    throw err;'),
    route('    Sentry.captureException(err);\n    res.status(500).json({ error: "failed" });'),
    route('    trace.getActiveSpan()?.recordException(err);\n    res.status(500).json({ error: "failed" });'),
    'import express from "express";\nimport { metrics } from "@opentelemetry/api";\nconst failures = metrics.getMeter("orders").createCounter("order_failures");\nconst router = express.Router();\nrouter.post("/orders", async (req, res) => {\n  try {\n    res.json(await createOrder(req.body));\n  } catch (err) {\n    failures.add(1);\n    res.status(500).json({ error: "failed" });\n  }\n});',
    // A same-file helper that logs.
    'import express from "express";\nconst router = express.Router();\nfunction fail(res: any, err: unknown) {\n  console.error(err);\n  return res.status(500).json({ error: "failed" });\n}\nrouter.post("/orders", async (req, res) => {\n  try {\n    res.json(await createOrder(req.body));\n  } catch (err) {\n    console.warn("order", err);\n    return res.status(500).end();\n  }\n});',
    // 4xx is not a failure of the server; a status the file can't resolve is not judged.
    route('    res.status(400).json({ error: "bad input" });'),
    route('    res.status(err.status ?? 500).json({ error: "failed" });'),
    route('    res.status(statusOf(err)).json({ error: "failed" });'),
    // Koa's ctx.throw goes through Koa's error handler, which logs 5xx.
    'import Router from "@koa/router";\nconst router = new Router();\nrouter.post("/pay", async (ctx) => {\n  try {\n    ctx.body = await pay(ctx.request.body);\n  } catch (e) {\n    ctx.throw(500, "payment failed");\n  }\n});',
    // Nest: a logged exception; a non-HTTP error (Nest's filter logs it); a 4xx exception.
    nest('      this.logger.error("pay failed", error);\n      throw new InternalServerErrorException();'),
    nest('      throw new Error("payment failed");'),
    nest('      throw new NotFoundException();'),
    // A project exception filter that logs HttpExceptions records the thrown 5xx.
    {
      code: nest('      throw new InternalServerErrorException("payment failed");'),
      files: {
        'src/all-exceptions.filter.ts':
          'import { Catch, ArgumentsHost, Logger } from "@nestjs/common";\n@Catch()\nexport class AllExceptionsFilter {\n  private readonly logger = new Logger("errors");\n  catch(exception: unknown, host: ArgumentsHost) {\n    this.logger.error(exception);\n  }\n}',
      },
    },
    // Not a response: an object without a body, a status outside a request handler.
    'export function toResult(fn: () => void) {\n  try {\n    fn();\n    return { status: 200 };\n  } catch {\n    return { status: 500 };\n  }\n}',
    'const job = { status: (code: number) => code };\nexport async function run() {\n  try {\n    await work();\n  } catch {\n    job.status(500);\n  }\n}',
    // The 5xx is in a nested catch, judged on its own: there it is logged.
    route('    try {\n      await rollback();\n    } catch (rollbackError) {\n      console.error(rollbackError);\n      return res.status(500).end();\n    }\n    next(err);'),
  ],
  invalid: [
    {
      name: 'Express: res.status(500) in a catch that records nothing',
      code: route('    res.status(500).json({ error: "failed" });'),
      errors: [
        {
          messageId: 'unrecorded',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 20,
          output: route('    console.error(\'request failed\', err);\n    res.status(500).json({ error: "failed" });'),
        },
      ],
    },
    {
      name: 'Express: sendStatus(503) in a catch without binding; the fix names the error',
      code: route('    return res.sendStatus(503);', ''),
      errors: [
        {
          messageId: 'unrecorded',
          line: 7,
          column: 12,
          endLine: 7,
          endColumn: 31,
          output: route('    console.error(\'request failed\', err);\n    return res.sendStatus(503);'),
        },
      ],
    },
    {
      name: 'Express: the error is read for the answer, still not recorded; the logger in scope is used',
      code: 'import express from "express";\nimport { logger } from "./logger";\nconst router = express.Router();\nrouter.post("/orders", async function createOrderRoute(req, res) {\n  try {\n    res.json(await createOrder(req.body));\n  } catch (e) {\n    res.status(500).json({ error: e.message, detail: formatError(e) });\n  }\n});',
      errors: [
        {
          messageId: 'unrecorded',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 20,
          output: 'import express from "express";\nimport { logger } from "./logger";\nconst router = express.Router();\nrouter.post("/orders", async function createOrderRoute(req, res) {\n  try {\n    res.json(await createOrder(req.body));\n  } catch (e) {\n    logger.error({ err: e }, \'createOrderRoute failed\');\n    res.status(500).json({ error: e.message, detail: formatError(e) });\n  }\n});',
        },
      ],
    },
    {
      name: 'Fastify: reply.code(500).send',
      code: 'import Fastify from "fastify";\nconst app = Fastify();\napp.post("/pay", async (request, reply) => {\n  try {\n    return await pay(request.body);\n  } catch (e) {\n    return reply.code(500).send({ message: "payment failed" });\n  }\n});',
      errors: [{ messageId: 'unrecorded', line: 7, column: 12, endLine: 7, endColumn: 27 }],
    },
    {
      name: 'Koa: ctx.status = 500',
      code: 'import Router from "@koa/router";\nconst router = new Router();\nrouter.post("/pay", async (ctx) => {\n  try {\n    ctx.body = await pay(ctx.request.body);\n  } catch (e) {\n    ctx.status = 500;\n    ctx.body = { error: "failed" };\n  }\n});',
      errors: [{ messageId: 'unrecorded', line: 7, column: 5, endLine: 7, endColumn: 21 }],
    },
    {
      name: 'Hono: c.json(body, 500) — the status argument',
      code: 'import { Hono } from "hono";\nconst app = new Hono();\napp.post("/upload", async (c) => {\n  try {\n    return c.json(await upload(await c.req.json()));\n  } catch (error) {\n    return c.json({ error: "Upload failed" }, 500);\n  }\n});',
      errors: [{ messageId: 'unrecorded', line: 7, column: 47, endLine: 7, endColumn: 50 }],
    },
    {
      name: 'Next.js route handler: NextResponse.json(x, { status: 500 }) — the status property',
      filename: 'app/api/items/route.ts',
      code: 'import { NextResponse } from "next/server";\nexport async function POST(req: Request) {\n  try {\n    return NextResponse.json(await create(await req.json()));\n  } catch (error) {\n    return NextResponse.json({ error: "failed" }, { status: 500 });\n  }\n}',
      errors: [
        {
          messageId: 'unrecorded',
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 64,
          output: 'import { NextResponse } from "next/server";\nexport async function POST(req: Request) {\n  try {\n    return NextResponse.json(await create(await req.json()));\n  } catch (error) {\n    console.error(\'POST failed\', error);\n    return NextResponse.json({ error: "failed" }, { status: 500 });\n  }\n}',
        },
      ],
    },
    {
      name: 'a fetch-style handler: new Response(x, { status: 500 })',
      code: 'export const handler = async (req: Request) => {\n  try {\n    return Response.json(await load(req));\n  } catch (err) {\n    return new Response(JSON.stringify({ message: "Internal Server Error" }), { status: 500 });\n  }\n};',
      errors: [{ messageId: 'unrecorded', line: 5, column: 81, endLine: 5, endColumn: 92 }],
    },
    {
      name: 'ts-rest: return { status: 500, body }',
      code: 'export const contract = {\n  getDocument: async (args: any) => {\n    try {\n      return { status: 200, body: await load(args) };\n    } catch (err) {\n      return { status: 500, body: { message: "failed" } };\n    }\n  },\n};',
      errors: [{ messageId: 'unrecorded', line: 6, column: 16, endLine: 6, endColumn: 27 }],
    },
    {
      name: 'Nest: a thrown InternalServerErrorException is not logged by Nest; the class logger is used',
      code: nest('      throw new InternalServerErrorException("payment failed");').replace('export class PaymentsController {\n', 'export class PaymentsController {\n  private readonly logger = new Logger(PaymentsController.name);\n'),
      errors: [
        {
          messageId: 'unrecorded',
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 45,
          output: nest('      this.logger.error(\'pay failed\', error);\n      throw new InternalServerErrorException("payment failed");').replace('export class PaymentsController {\n', 'export class PaymentsController {\n  private readonly logger = new Logger(PaymentsController.name);\n'),
        },
      ],
    },
    {
      name: 'Nest: HttpException with a 5xx status next to a 4xx branch',
      code: nest('      if (error instanceof NotFound) throw new NotFoundException();\n      throw new HttpException("failed", HttpStatus.INTERNAL_SERVER_ERROR);'),
      errors: [{ messageId: 'unrecorded', line: 10, column: 41, endLine: 10, endColumn: 73 }],
    },
  ],
});
