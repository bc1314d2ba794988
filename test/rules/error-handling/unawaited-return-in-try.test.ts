import rule from '../../../server/src/rules/error-handling/unawaited-return-in-try';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    // Awaited: the rejection reaches the catch.
    'async function f() {\n  try {\n    return await fetch(url);\n  } catch (e) {\n    logger.error(e);\n    throw new UpstreamError(e);\n  }\n}',
    // Not an async function: `return await` is not available (and not this rule's case).
    'function f() {\n  try {\n    return fetch(url);\n  } catch (e) {\n    logger.error(e);\n    throw e;\n  }\n}',
    // A catch that only rethrows its error, or an empty one, behaves the same either way.
    'async function f() {\n  try {\n    return fetch(url);\n  } catch (e) {\n    throw e;\n  }\n}',
    'async function f() {\n  try {\n    return fetch(url);\n  } catch (e) {\n    return null;\n  }\n}',
    // Unknown calls and sync look-alikes are not judged.
    'async function f() {\n  try {\n    return compute(input);\n  } catch (e) {\n    logger.error(e);\n    throw e;\n  }\n}',
    'async function f(res) {\n  try {\n    return res.send(body);\n  } catch (e) {\n    logger.error(e);\n    throw e;\n  }\n}',
    'function load(): number { return 1; }\nasync function f() {\n  try {\n    return load();\n  } catch (e) {\n    logger.error(e);\n    throw e;\n  }\n}',
    // Inside a nested callback the return belongs to that callback.
    'async function f() {\n  try {\n    items.forEach((item) => { return save(item); });\n    return await done();\n  } catch (e) {\n    logger.error(e);\n    throw e;\n  }\n}',
    // A transaction callback whose catch only rethrows, inside a try that handles the failure: the
    // rejection still rolls back and reaches that catch.
    'async function create(title: string) {\n  try {\n    return await prisma.$transaction(async (tx) => {\n      try {\n        return tx.collection.create({ data: { title } });\n      } catch (error) {\n        throw new ConflictException(error);\n      }\n    });\n  } catch (error) {\n    console.error("create failed", error);\n    return E.left("CREATION_FAILED");\n  }\n}',
    // The catch retries the same call: awaiting would run it twice on its own failure.
    'async function refresh() { return token(); }\nasync function f() {\n  try {\n    return refresh();\n  } catch (e) {\n    return refresh();\n  }\n}',
  ],
  invalid: [
    {
      name: 'a transaction callback with no handler around the transaction',
      code: 'async function create(title: string) {\n  return prisma.$transaction(async (tx) => {\n    try {\n      return tx.collection.create({ data: { title } });\n    } catch (error) {\n      throw new ConflictException(error);\n    }\n  });\n}',
      errors: [{ messageId: 'bypassed', line: 5, column: 7, endLine: 5, endColumn: 12 }],
    },
    {
      name: 'a transaction callback whose catch logs: the log is skipped',
      code: 'async function create(title: string) {\n  try {\n    return await db.transaction(async (trx) => {\n      try {\n        return trx("collections").insert({ title });\n      } catch (error) {\n        logger.error({ error }, "insert failed");\n        throw error;\n      }\n    });\n  } catch (error) {\n    return null;\n  }\n}',
      errors: [{ messageId: 'bypassed', line: 6, column: 9, endLine: 6, endColumn: 14 }],
    },
    {
      name: 'a local async function',
      code: 'async function load(id: string) { return db.get(id); }\nasync function handler(id: string) {\n  try {\n    return load(id);\n  } catch (err) {\n    logger.error({ err }, "load failed");\n    throw new NotFoundError(id);\n  }\n}',
      errors: [
        {
          messageId: 'bypassed',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 10,
          output: 'async function load(id: string) { return db.get(id); }\nasync function handler(id: string) {\n  try {\n    return await load(id);\n  } catch (err) {\n    logger.error({ err }, "load failed");\n    throw new NotFoundError(id);\n  }\n}',
        },
      ],
    },
    {
      name: 'fetch, with two returns fixed by one finding',
      code: 'async function get(fast: boolean) {\n  try {\n    if (fast) return fetch(cacheUrl);\n    return fetch(url);\n  } catch (e) {\n    metrics.increment("get.failed");\n    return Response.error();\n  }\n}',
      errors: [
        {
          messageId: 'bypassed',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 10,
          output: 'async function get(fast: boolean) {\n  try {\n    if (fast) return await fetch(cacheUrl);\n    return await fetch(url);\n  } catch (e) {\n    metrics.increment("get.failed");\n    return Response.error();\n  }\n}',
        },
      ],
    },
    {
      name: 'an async method of the class, in an arrow function',
      code: 'class Orders {\n  async charge(o: Order) { return this.stripe.charges.create(o); }\n  pay = async (o: Order) => {\n    try {\n      return this.charge(o);\n    } catch (e) {\n      throw new PaymentError(e);\n    }\n  };\n}',
      errors: [{ messageId: 'bypassed', line: 6, column: 7, endLine: 6, endColumn: 12 }],
    },
    {
      name: 'a repository write and a .then chain',
      code: 'async function create(dto: Dto) {\n  try {\n    return this.userRepository.save(dto);\n  } catch (e) {\n    throw new ConflictException(e);\n  }\n}\nasync function read() {\n  try {\n    return axios.get(url).then((r) => r.data);\n  } catch (e) {\n    throw new UpstreamError(e);\n  }\n}',
      errors: [
        { messageId: 'bypassed', line: 4, column: 5, endLine: 4, endColumn: 10 },
        { messageId: 'bypassed', line: 11, column: 5, endLine: 11, endColumn: 10 },
      ],
    },
    {
      name: 'Promise.all',
      code: 'async function all(ids: string[]) {\n  try {\n    return (Promise.all(ids.map(load)));\n  } catch (e) {\n    logger.warn(e);\n    throw e;\n  }\n}',
      errors: [{ messageId: 'bypassed', line: 4, column: 5, endLine: 4, endColumn: 10, output: 'async function all(ids: string[]) {\n  try {\n    return (await Promise.all(ids.map(load)));\n  } catch (e) {\n    logger.warn(e);\n    throw e;\n  }\n}' }],
    },
  ],
});
