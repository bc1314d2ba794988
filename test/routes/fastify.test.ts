import { runRouteCases } from './run-cases';

const FASTIFY = "import Fastify from 'fastify';\n";

runRouteCases('fastify', [
  {
    name: 'shorthand routes with options: schema validates by part, preHandler and onRequest are route guards',
    code: `${FASTIFY}const app = Fastify();
app.post('/users/:id', { schema: { body: CreateUser, params: IdParams }, preHandler: [app.authenticate] }, async (request, reply) => {
  return save(request.params.id, request.body, request.query.dryRun, request.user.id);
});
app.get('/health', async () => ({ ok: true }));`,
    routes: [
      { route: 'POST /users/:id', guards: ['app.authenticate@route:auth'], inputs: ['params.id✓', 'body✓', 'query.dryRun'], principal: ['request.user.id'] },
      { route: 'GET /health', guards: [], inputs: [] },
    ],
  },
  {
    name: 'route(): method, url, handler and hooks in one object; addHook is an app guard',
    code: `${FASTIFY}const server = Fastify({ logger: true });
server.addHook('onRequest', verifyJwt);
server.addHook('onSend', addHeaders);
server.route({ method: 'PUT', url: '/items/:id', onRequest: checkTenant, handler: async (req) => update(req.params.id, req.body) });`,
    routes: [{ route: 'PUT /items/:id', guards: ['verifyJwt@app:auth', 'checkTenant@route:unknown'], inputs: ['params.id', 'body'] }],
  },
  {
    name: 'a plugin in another file, registered with a prefix after an auth hook',
    filename: 'src/routes/items.ts',
    code: `import type { FastifyInstance } from 'fastify';
export default async function items(fastify: FastifyInstance) {
  fastify.get('/', async (request) => list(request.query));
}`,
    files: {
      'src/server.ts': `${FASTIFY}import items from './routes/items';
const app = Fastify();
app.addHook('preHandler', app.auth([app.verifyBearer]));
app.register(items, { prefix: '/items' });`,
    },
    routes: [{ route: 'GET /', guards: [], projectGuards: ['app.auth@app:auth'], inputs: ['query'] }],
  },
  {
    name: 'an inline plugin inherits the parent hooks (encapsulation)',
    code: `${FASTIFY}const app = Fastify();
app.register(async (api) => {
  api.addHook('onRequest', api.authenticate);
  api.delete('/sessions/:id', async (req) => revoke(req.params.id));
}, { prefix: '/api' });`,
    routes: [{ route: 'DELETE /sessions/:id', guards: ['api.authenticate@router:auth'], inputs: ['params.id'] }],
  },
]);
