import rule from '../../../server/src/rules/error-handling/catch-returns-default';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    // Logged, rethrown, passed on, or the error is used.
    'async function f() {\n  try {\n    return await db.user.findMany();\n  } catch (err) {\n    logger.error({ err }, "list failed");\n    return [];\n  }\n}',
    'async function f() {\n  try {\n    return await db.user.findMany();\n  } catch (err) {\n    throw new ServiceUnavailable("users", { cause: err });\n  }\n}',
    'async function f(p: string) {\n  try {\n    return await readConfig(p);\n  } catch (e) {\n    if (e.code === "ENOENT") return null;\n    throw e;\n  }\n}',
    'async function f() {\n  try {\n    return await load();\n  } catch (e) {\n    return { ok: false, error: String(e) };\n  }\n}',
    'async function f(req, res, next) {\n  try {\n    res.json(await orders.list());\n  } catch (err) {\n    next(err);\n  }\n}',
    'async function f() {\n  try {\n    await Sentry.startSpan({}, () => work());\n    return true;\n  } catch {\n    Sentry.captureMessage("work failed");\n    return false;\n  }\n}',
    // A failure answer, not a stand-in: the caller learns of the failure.
    'async function f(res) {\n  try {\n    res.json(await orders.list());\n  } catch {\n    return res.status(503).json({ error: "unavailable" });\n  }\n}',
    'async function f() {\n  try {\n    await charge();\n    return { success: true };\n  } catch {\n    return { success: false };\n  }\n}',
    'async function GET() {\n  try {\n    return Response.json(await stats());\n  } catch {\n    return new Response("unavailable", { status: 503 });\n  }\n}',
    // Parsing, existence checks, cache reads, DNS: returning a default is the intended answer.
    'function parse(text: string) {\n  try {\n    return JSON.parse(text);\n  } catch {\n    return null;\n  }\n}',
    'function host(u: string) {\n  try {\n    return new URL(u).hostname;\n  } catch {\n    return "";\n  }\n}',
    // A lookup by a token that throws for a bad or expired token: "not signed in" is the answer.
    'async function getOAuthActor(cookie: string) {\n  try {\n    return await getUserForJWT(cookie);\n  } catch {\n    return undefined;\n  }\n}',
    'async function exists(p: string) {\n  try {\n    await fs.promises.stat(p);\n    return true;\n  } catch {\n    return false;\n  }\n}',
    'async function cached(key: string) {\n  try {\n    return JSON.parse(await redis.get(key));\n  } catch {\n    return undefined;\n  }\n}',
    'async function verify(token: string) {\n  try {\n    return await jwt.verify(token, secret);\n  } catch {\n    return null;\n  }\n}',
    // Lookups that throw when nothing is found: the default is the "not found" answer.
    'async function getInvitation(id: string) {\n  try {\n    return O.some(await this.prisma.teamInvitation.findUniqueOrThrow({ where: { id } }));\n  } catch (e) {\n    return O.none;\n  }\n}',
    'async function f(key: string) {\n  try {\n    return await this.config.getOrThrow(key);\n  } catch {\n    return undefined;\n  }\n}',
    'async function f(value: string) {\n  try {\n    return await decrypt(value, key);\n  } catch {\n    return null;\n  }\n}',
    // "No row" is expected: a single-row delete.
    'async function revoke(id: string) {\n  try {\n    await prisma.session.delete({ where: { id } });\n    return true;\n  } catch {\n    return false;\n  }\n}',
    // An insert used as a claim (a nonce, an idempotency key): `false` answers "already taken".
    'async function claim(key: string) {\n  try {\n    await prisma.idempotencyKey.create({ data: { key } });\n    return true;\n  } catch {\n    return false;\n  }\n}',
    // Predicates and validators answer false on failure by design.
    'async function isReachable(url: string) {\n  try {\n    await ping(url);\n    return true;\n  } catch {\n    return false;\n  }\n}',
    'const schema = z.string().refine(async (v) => {\n  try {\n    await assertSafeUrl(v);\n    return true;\n  } catch {\n    return false;\n  }\n});',
    // Synchronous computation.
    'function label(code: string) {\n  try {\n    return formatName(code);\n  } catch {\n    return code;\n  }\n}',
    // The catch does more than answer a default: not judged here.
    'async function f() {\n  try {\n    return await load();\n  } catch {\n    setLoading(false);\n    return null;\n  }\n}',
    // Documented.
    'async function f() {\n  try {\n    return await recommendations(user);\n  } catch {\n    // best effort: recommendations are optional on this page\n    return [];\n  }\n}',
  ],
  invalid: [
    {
      name: 'return null after a database read',
      code: 'async function findUser(id: string) {\n  try {\n    return await prisma.user.findUnique({ where: { id } });\n  } catch (e) {\n    return null;\n  }\n}',
      errors: [
        {
          messageId: 'returnsDefault',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 10,
          output: "async function findUser(id: string) {\n  try {\n    return await prisma.user.findUnique({ where: { id } });\n  } catch (e) {\n    console.error('findUser failed', e);\n    throw e;\n  }\n}",
        },
      ],
    },
    {
      name: 'return [] hides an outage as an empty list; binding added',
      code: "import pino from 'pino';\nconst logger = pino();\nexport const listOrders = async () => {\n  try {\n    const rows = await db.select().from(orders);\n    return rows;\n  } catch {\n    return [];\n  }\n};",
      errors: [
        {
          messageId: 'returnsDefault',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 10,
          output: "import pino from 'pino';\nconst logger = pino();\nexport const listOrders = async () => {\n  try {\n    const rows = await db.select().from(orders);\n    return rows;\n  } catch (err) {\n    logger.error({ err }, 'listOrders failed');\n    throw err;\n  }\n};",
        },
      ],
    },
    {
      name: 'a success response on failure',
      code: 'app.post("/orders", async (req, res) => {\n  try {\n    await orders.create(req.body);\n    res.json({ success: true });\n  } catch {\n    res.json({ success: true });\n  }\n});',
      errors: [{ messageId: 'returnsDefault', line: 5, column: 5, endLine: 5, endColumn: 10 }],
    },
    {
      name: 'an insert whose catch hands back null is not a claim',
      code: 'async function addMember(data: Member) {\n  try {\n    return await prisma.member.create({ data });\n  } catch {\n    return null;\n  }\n}',
      errors: [{ messageId: 'returnsDefault', line: 4, column: 5, endLine: 4, endColumn: 10 }],
    },
    {
      name: 'a plain update by key expects its row: false hides an outage',
      code: 'async function markDone(id: string) {\n  try {\n    await prisma.job.update({ where: { id }, data: { done: true } });\n    return true;\n  } catch {\n    return false;\n  }\n}',
      errors: [{ messageId: 'returnsDefault', line: 5, column: 5, endLine: 5, endColumn: 10 }],
    },
    {
      name: 'return false from a write',
      code: 'class Tokens {\n  async use(token: string) {\n    try {\n      await this.db("tokens").update({ used: true }).where({ token });\n      return true;\n    } catch (_e) {\n      return false;\n    }\n  }\n}',
      errors: [{ messageId: 'returnsDefault', line: 6, column: 7, endLine: 6, endColumn: 12 }],
    },
    {
      name: 'return { ok: true } from a payment',
      code: 'async function pay(amount: number) {\n  try {\n    await stripe.paymentIntents.create({ amount, currency: "eur" });\n  } catch {\n    return { ok: true };\n  }\n  return { ok: true };\n}',
      errors: [{ messageId: 'returnsDefault', line: 4, column: 5, endLine: 4, endColumn: 10 }],
    },
    {
      name: 'the second fix keeps the fallback and logs',
      code: 'async function load() {\n  try {\n    return await api.get("/settings");\n  } catch (e) {\n    return DEFAULTS;\n  }\n}',
      errors: [{ messageId: 'returnsDefault', line: 4, column: 5, endLine: 4, endColumn: 10 }],
    },
  ],
});
