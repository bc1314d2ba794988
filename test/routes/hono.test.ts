import { runRouteCases } from './run-cases';

const HONO = "import { Hono } from 'hono';\n";

runRouteCases('hono', [
  {
    name: 'path-scoped jwt middleware, route middleware, c.req inputs, c.get principal',
    code: `${HONO}import { jwt } from 'hono/jwt';
import { zValidator } from '@hono/zod-validator';
const app = new Hono().basePath('/v1');
app.use('*', logger());
app.use('/api/*', jwt({ secret: env.JWT_SECRET }));
app.get('/health', (c) => c.text('ok'));
app.get('/api/users/:id', authMiddleware, (c) => {
  const id = c.req.param('id');
  return c.json({ id, page: c.req.query('page'), me: c.get('jwtPayload').sub });
});
app.post('/api/users', zValidator('json', CreateUser), async (c) => {
  const body = c.req.valid('json');
  const raw = await c.req.json();
  return c.json({ body, raw, ua: c.req.header('user-agent') });
});`,
    routes: [
      { route: 'GET /health', guards: ['logger@app:other'] },
      {
        route: 'GET /api/users/:id',
        guards: ['logger@app:other', 'jwt@app:auth', 'authMiddleware@route:auth'],
        inputs: ['params.id', 'query.page'],
        principal: ["c.get('jwtPayload')"],
      },
      { route: 'POST /api/users', guards: ['logger@app:other', 'jwt@app:auth', 'zValidator@route:validation'], inputs: ['body✓', 'body✓', 'headers.user-agent'] },
    ],
  },
  {
    name: 'a sub-app mounted with app.route in another file; zod parse in the handler',
    filename: 'src/routes/monitors.ts',
    code: `${HONO}export const monitors = new Hono();
monitors.put('/:id', async (c) => {
  const input = MonitorSchema.safeParse(await c.req.json());
  return c.json(await update(c.req.param('id'), input));
});`,
    files: {
      'src/index.ts': `${HONO}import { monitors } from './routes/monitors';
const app = new Hono();
app.use('/api/*', bearerAuth({ token }));
app.route('/api/monitors', monitors);`,
    },
    routes: [{ route: 'PUT /:id', guards: [], projectGuards: ['bearerAuth@app:auth'], inputs: ['body✓', 'params.id'] }],
  },
  {
    name: 'OpenAPIHono: createRoute method and path, c.req.valid is validated',
    code: `import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
const app = new OpenAPIHono();
const getRoute = createRoute({ method: 'get', path: '/pages/{id}', request: { params: ParamsSchema } });
app.openapi(getRoute, async (c) => { const { id } = c.req.valid('param'); return c.json(await get(id, c.get('workspace'))); });`,
    routes: [{ route: 'GET /pages/{id}', inputs: ['params✓'], principal: ["c.get('workspace')"] }],
  },
]);
