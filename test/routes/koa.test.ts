import { runRouteCases } from './run-cases';

runRouteCases('koa', [
  {
    name: 'koa-router: route middleware, router.use, ctx inputs and ctx.state.user',
    code: `import Koa from 'koa';
import Router from '@koa/router';
import jwt from 'koa-jwt';
const app = new Koa();
const router = new Router();
router.use(bodyParser());
router.get('/users/:id', jwt({ secret }), async (ctx) => {
  ctx.body = await find(ctx.params.id, ctx.query.fields, ctx.state.user.sub);
});
router.post('create-user', '/users', async (ctx) => { ctx.body = await create(ctx.request.body, ctx.get('x-tenant')); });
app.use(router.routes());`,
    routes: [
      { route: 'GET /users/:id', guards: ['bodyParser@router:other', 'jwt@route:auth'], inputs: ['params.id', 'query.fields'], principal: ['ctx.state.user.sub'] },
      { route: 'POST /users', guards: ['bodyParser@router:other'], inputs: ['body', 'headers.x-tenant'] },
    ],
  },
  {
    name: 'a koa router mounted in another file by app.use(router.routes()) after auth',
    filename: 'src/routes/admin.ts',
    code: `import Router from 'koa-router';
export const adminRouter = new Router({ prefix: '/admin' });
adminRouter.del('/cache', async (ctx) => { await flush(); ctx.status = 204; });`,
    files: {
      'src/app.ts': `import Koa from 'koa';
import { adminRouter } from './routes/admin';
const app = new Koa();
app.use(passport.authenticate('jwt'));
app.use(adminRouter.routes());`,
    },
    routes: [{ route: 'DELETE /cache', guards: [], projectGuards: ['passport.authenticate@app:auth'] }],
  },
]);
