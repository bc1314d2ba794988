import rule from '../../../server/src/rules/error-handling/empty-catch';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    // "No row" is the expected answer: a single-row delete, an update whose where adds a condition to the key.
    'async function f(id: string) {\n  try {\n    await prisma.installedIntegration.delete({ where: { id } });\n  } catch {}\n}',
    'async function f(id: string) {\n  try {\n    await prisma.campaign.update({ where: { id, status: "sending" }, data: { status: "sent" } });\n  } catch {}\n}',
    // A lookup that throws when nothing is found; Promise.allSettled never rejects.
    'async function f(id: string) {\n  try {\n    user = await prisma.user.findUniqueOrThrow({ where: { id } });\n  } catch {}\n}',
    'async function f() {\n  try {\n    await Promise.allSettled([prisma.token.delete({ where: { token } }), redis.del(key)]);\n  } catch {}\n}',
    // Only reads: the code after the try goes on without the data.
    'async function f() {\n  let rate: number | undefined;\n  try {\n    rate = (await this.marketData.get({ symbol }))?.price;\n  } catch {}\n  if (rate === undefined) logger.error("no rate");\n}',
    'async function f() {\n  try {\n    state = JSON.parse(await s3.getObject(key));\n  } catch {}\n}',
    // An insert used as a claim: `false` answers "already taken".
    'async function notSeenBefore(nonce: string) {\n  try {\n    await this.store.registerNonce(nonce);\n    return true;\n  } catch {}\n  return false;\n}',
    // A local function that records its own failures.
    'async function pushPrices() {\n  try {\n    await api.post("/prices", prices);\n  } catch (err) {\n    logger.error({ err }, "push failed");\n    throw err;\n  }\n}\nasync function f() {\n  try {\n    await pushPrices();\n  } catch {}\n}',
    // A synchronous call on a metric records; it does not write.
    'try {\n  impactMetrics.updateGauge(HEAP, used);\n} catch {}',
    // Handled: logged and rethrown, passed on, or the error is read.
    'async function f() {\n  try {\n    await save();\n  } catch (err) {\n    logger.error({ err }, "save failed");\n    throw err;\n  }\n}',
    'async function f() {\n  try {\n    await save();\n  } catch (e) {\n    if (e.code === "ENOENT") return null;\n    throw e;\n  }\n}',
    // Documented best effort, inside the catch or above the try.
    'async function f() {\n  try {\n    await cache.set(key, value);\n  } catch {\n    // best effort: the cache may be down\n  }\n}',
    'async function f() {\n  try {\n    await notify(user);\n  } catch (_e) {\n    /* ignore: notifications are optional */\n  }\n}',
    'async function f() {\n  // Best effort: the audit trail is also written by the nightly job.\n  try {\n    await audit(event);\n  } catch {}\n}',
    'async function f() {\n  try {\n    await audit(event);\n    // eslint-disable-next-line no-empty\n  } catch {}\n}',
    'async function f() {\n  try {\n    await refresh();\n  } catch {\n    // The cached copy stays valid until the next successful refresh.\n  }\n}',
    // Parsing, existence checks, feature detection, cleanup: the failure is the expected answer.
    'let data;\ntry {\n  data = JSON.parse(text);\n} catch {}',
    'try {\n  require("pino-pretty");\n} catch {}',
    'async function f(p: string) {\n  try {\n    await fs.promises.unlink(p);\n  } catch {}\n}',
    'async function f() {\n  try {\n    await redis.quit();\n  } catch {}\n}',
    // Synchronous code that does not write: formatting, parsing, validation.
    'try {\n  label = value.toLocaleString(locale, options);\n} catch {}',
    'try {\n  ip = getIpAddress(req);\n} catch {}',
    // Teardown and best-effort functions.
    'async function f() {\n  try {\n    await run();\n  } finally {\n    try {\n      await pool.end();\n      await flushMetrics();\n    } catch {}\n  }\n}',
    'async function tryRefresh() {\n  try {\n    await refreshToken();\n  } catch {}\n}',
    'async function onModuleDestroy() {\n  try {\n    await this.queue.drainAll();\n  } catch {}\n}',
    // Pre-deletes before the authoritative, uncaught delete of the record itself.
    'async function deleteUser(id: string) {\n  try {\n    await db.session.deleteMany({ where: { userId: id } });\n  } catch {}\n  try {\n    await db.setting.delete({ where: { userId: id } });\n  } catch {}\n  return db.user.delete({ where: { id } });\n}',
    // A Stripe retrieve throws when the object does not exist.
    'async function customer(id: string) {\n  try {\n    await stripe.customers.retrieve(id);\n  } catch {}\n}',
    // Browser code and tests are out of scope.
    { code: '"use client";\nasync function f() {\n  try {\n    await save();\n  } catch {}\n}', filename: 'app/form.ts' },
    { code: 'async function f() {\n  try {\n    await save();\n  } catch {}\n}', filename: 'src/orders.test.ts' },
    { code: 'async function f() {\n  try {\n    await save();\n  } catch {}\n}', filename: 'test/helpers.ts' },
    { code: 'import { ref } from "vue";\nasync function f() {\n  try {\n    await save();\n  } catch {}\n}', filename: 'src/store.ts' },
  ],
  invalid: [
    {
      name: 'empty catch around a write, no binding: adds one, logs and rethrows',
      code: 'async function createOrder(dto: Dto) {\n  try {\n    await db.order.create({ data: dto });\n  } catch {}\n}',
      errors: [
        {
          messageId: 'emptyCatch',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 10,
          output: "async function createOrder(dto: Dto) {\n  try {\n    await db.order.create({ data: dto });\n  } catch (err) {\n    console.error('createOrder failed', err);\n    throw err;\n  }\n}",
        },
      ],
    },
    {
      name: 'uses the imported logger and the existing binding',
      code: "import { logger } from './logger';\nexport async function sync() {\n  try {\n    await pushToCrm();\n  } catch (e) {}\n}",
      errors: [
        {
          messageId: 'emptyCatch',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 10,
          output: "import { logger } from './logger';\nexport async function sync() {\n  try {\n    await pushToCrm();\n  } catch (e) {\n    logger.error({ err: e }, 'sync failed');\n    throw e;\n  }\n}",
        },
      ],
    },
    {
      name: "uses a Nest service's logger",
      code: "import { Logger } from '@nestjs/common';\nclass Users {\n  private readonly logger = new Logger(Users.name);\n  async remove(id: string) {\n    try {\n      await this.repo.delete(id);\n    } catch {}\n  }\n}",
      errors: [
        {
          messageId: 'emptyCatch',
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 12,
          output: "import { Logger } from '@nestjs/common';\nclass Users {\n  private readonly logger = new Logger(Users.name);\n  async remove(id: string) {\n    try {\n      await this.repo.delete(id);\n    } catch (err) {\n      this.logger.error('remove failed', err);\n      throw err;\n    }\n  }\n}",
        },
      ],
    },
    {
      name: 'a comment that documents nothing does not count',
      code: 'async function f() {\n  try {\n    await sendInvoice();\n  } catch (error) {\n    // TODO\n  }\n}',
      errors: [{ messageId: 'emptyCatch', line: 4, column: 5, endLine: 4, endColumn: 10 }],
    },
    {
      name: 'a synchronous write',
      code: 'try {\n  fs.writeFileSync(path, data);\n} catch (e) {}',
      errors: [{ messageId: 'emptyCatch', line: 3, column: 3, endLine: 3, endColumn: 8, output: "try {\n  fs.writeFileSync(path, data);\n} catch (e) {\n  console.error('operation failed', e);\n  throw e;\n}" }],
    },
    {
      name: 'a synchronous call named for a write',
      code: 'try {\n  saveOrder(order);\n} catch {}',
      errors: [{ messageId: 'emptyCatch', line: 3, column: 3, endLine: 3, endColumn: 8 }],
    },
    {
      name: 'JSON.parse of the response of a write still awaits the write',
      code: 'async function f() {\n  try {\n    state = JSON.parse(await s3.putObject(key, body));\n  } catch {}\n}',
      errors: [{ messageId: 'emptyCatch', line: 4, column: 5, endLine: 4, endColumn: 10 }],
    },
    {
      name: 'a many-row delete does not throw when nothing matches: its failure is an outage',
      code: 'async function f(id: string) {\n  try {\n    await prisma.session.deleteMany({ where: { userId: id } });\n  } catch {}\n}',
      errors: [{ messageId: 'emptyCatch', line: 4, column: 5, endLine: 4, endColumn: 10 }],
    },
    {
      name: 'a read next to a write is judged by the write; a plain update by key is expected to find its row',
      code: 'async function f(id: string) {\n  try {\n    const job = await prisma.job.findUnique({ where: { id } });\n    await prisma.job.update({ where: { id }, data: { runs: job.runs + 1 } });\n  } catch {}\n}',
      errors: [{ messageId: 'emptyCatch', line: 5, column: 5, endLine: 5, endColumn: 10 }],
    },
    {
      name: 'a local function that does not record its failures',
      code: 'async function pushPrices() {\n  await api.post("/prices", prices);\n}\nasync function f() {\n  try {\n    await pushPrices();\n  } catch {}\n}',
      errors: [{ messageId: 'emptyCatch', line: 7, column: 5, endLine: 7, endColumn: 10 }],
    },
    {
      name: 'getOrCreate writes: not a read',
      code: 'async function f() {\n  try {\n    await customers.getOrCreate(user);\n  } catch {}\n}',
      errors: [{ messageId: 'emptyCatch', line: 4, column: 5, endLine: 4, endColumn: 10 }],
    },
    {
      name: 'a destructured binding gets no fix',
      code: 'async function f() {\n  try {\n    await charge();\n  } catch ({ message }) {}\n}',
      errors: [{ messageId: 'emptyCatch', line: 4, column: 5, endLine: 4, endColumn: 10, output: null }],
    },
  ],
});
