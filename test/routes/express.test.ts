import { runRouteCases } from './run-cases';

const EXPRESS = "import express, { Router } from 'express';\n";

runRouteCases('express', [
  {
    name: 'controllers registered by another file: exported (req, res) functions, ESM and CommonJS; helpers are not handlers',
    filename: 'src/controllers/user.ts',
    code: `import { User } from '../models/user';
export async function getAccount(req, res) {
  res.json(await User.findById(req.user.id));
}
export const postDelete = async (req, res, next) => {
  await User.deleteOne({ _id: req.params.id });
  res.redirect('/');
};
exports.postLogin = async (req, res) => res.json(await login(req.body.email));
export function formatUser(user, options) {
  return { ...user, options };
}`,
    routes: [
      { route: 'ALL ?', inputs: [], principal: ['req.user.id'] },
      { route: 'ALL ?', inputs: ['params.id'], principal: [] },
      { route: 'ALL ?', inputs: ['body.email'], principal: [] },
    ],
  },
  {
    name: 'app routes: route middleware, app-level use before the route only, inputs and principal',
    code: `${EXPRESS}import { requireAuth } from './auth';
const app = express();
app.use(express.json({ limit: '1mb' }));
app.get('/health', (req, res) => res.send('ok'));
app.use(requireAuth);
app.post('/users/:id', rateLimit({ max: 5 }), async (req, res) => {
  const { name, email } = req.body;
  const user = await db.users.update(req.params.id, { name, email, by: req.user.id });
  res.json({ user, trace: req.get('x-trace-id'), q: req.query.page });
});`,
    routes: [
      { route: 'GET /health', guards: ['express.json@app:other'], inputs: [], principal: [] },
      {
        route: 'POST /users/:id',
        guards: ['express.json@app:other', 'requireAuth@app:auth', 'rateLimit@route:other'],
        inputs: ['body', 'params.id', 'headers.x-trace-id', 'query.page'],
        principal: ['req.user.id'],
      },
    ],
  },
  {
    name: 'Router with passport, path-scoped use, array middleware and a named handler',
    code: `${EXPRESS}import passport from 'passport';
const router = Router();
router.use('/admin', isAdmin);
router.get('/admin/stats', [passport.authenticate('jwt', { session: false })], stats);
router.get('/public/:slug', show);
function stats(req, res) { res.json(req.query); }
const show = (req, res) => res.json({ slug: req.params.slug });
export default router;`,
    routes: [
      { route: 'GET /admin/stats', guards: ['isAdmin@router:auth', 'passport.authenticate@route:auth'], inputs: ['query'] },
      { route: 'GET /public/:slug', guards: [], inputs: ['params.slug'] },
    ],
  },
  {
    name: 'validation: express-validator chains, celebrate, zod parse in the handler',
    code: `${EXPRESS}import { body, param } from 'express-validator';
import { celebrate, Joi } from 'celebrate';
const router = Router();
router.post('/a', body('email').isEmail(), (req, res) => res.json({ e: req.body.email, id: req.query.id }));
router.post('/b', celebrate({ body: Joi.object() }), (req, res) => res.json(req.body));
router.post('/c', (req, res) => { const input = CreateSchema.parse(req.body); const raw = req.query.raw; res.json({ input, raw }); });`,
    routes: [
      { route: 'POST /a', guards: ['body@route:validation'], inputs: ['body.email✓', 'query.id'] },
      { route: 'POST /b', guards: ['celebrate@route:validation'], inputs: ['body✓'] },
      { route: 'POST /c', inputs: ['body✓', 'query.raw'] },
    ],
  },
  {
    name: 'optional auth is marked, configured auth names count',
    code: `${EXPRESS}import auth from '../auth/auth';
const router = Router();
router.get('/articles', auth.optional, async (req, res) => res.json(await list(req.query, req.auth?.user?.id)));
router.delete('/articles/:slug', auth.required, tenantGate, async (req, res) => res.json(await remove(req.params.slug)));`,
    config: { auth: { middleware: ['tenantGate'] } },
    routes: [
      { route: 'GET /articles', guards: ['auth.optional@route:auth?'], inputs: ['query'], principal: ['req.auth?.user?.id'] },
      { route: 'DELETE /articles/:slug', guards: ['auth.required@route:auth', 'tenantGate@route:auth'], inputs: ['params.slug'] },
    ],
  },
  {
    name: 'a router mounted in another file with auth: guardsFromProject',
    filename: 'src/routes/users.ts',
    code: `${EXPRESS}const router = Router();
router.get('/:id', (req, res) => res.json(req.params.id));
export default router;`,
    files: {
      'src/app.ts': `${EXPRESS}import usersRouter from './routes/users';
import { requireAuth } from './middleware/auth';
const app = express();
app.use(helmet());
app.use('/api/users', requireAuth, usersRouter);`,
    },
    routes: [{ route: 'GET /:id', guards: [], projectGuards: ['helmet@app:other', 'requireAuth@app:auth'] }],
  },
  {
    name: 'chained mounts across three files (realworld style)',
    filename: 'src/routes/tag/tag.controller.ts',
    code: `${EXPRESS}const router = Router();
router.get('/tags', async (_req, res) => res.json([]));
export default router;`,
    files: {
      'src/routes/routes.ts': `${EXPRESS}import tagsController from './tag/tag.controller';
const api = Router().use(requireUser).use(tagsController);
export default Router().use('/api', api);`,
      'src/app.ts': `${EXPRESS}import routes from './routes/routes';
const app = express();
app.use(cors());
app.use(routes);`,
    },
    routes: [{ route: 'GET /tags', projectGuards: ['cors@app:other', 'requireUser@router:auth'] }],
  },
  {
    name: 'a guard on only one of two mounts does not protect the route',
    filename: 'src/routes/tags.ts',
    code: `${EXPRESS}export const tagsRouter = Router();
tagsRouter.get('/tags', (_req, res) => res.json([]));`,
    files: {
      'src/app.ts': `${EXPRESS}import { tagsRouter } from './routes/tags.js';
const app = express();
app.use('/v1', requireAuth, tagsRouter);
app.use('/v2', tagsRouter);`,
    },
    routes: [{ route: 'GET /tags', projectGuards: [] }],
  },
  {
    name: 'an imported router whose name says auth is still a mount',
    filename: 'src/routes/auth.routes.ts',
    code: `${EXPRESS}const authRouter = Router();
authRouter.post('/login', (req, res) => res.json(req.body));
export default authRouter;`,
    files: { 'src/app.ts': `${EXPRESS}import authRouter from './routes/auth.routes';\nconst app = express();\napp.use(cors());\napp.use('/auth', authRouter);` },
    routes: [{ route: 'POST /login', projectGuards: ['cors@app:other'] }],
  },
  {
    name: 'local mount in the same file carries the mount middleware',
    code: `${EXPRESS}const app = express();
const admin = express.Router();
admin.get('/users', (req, res) => res.json([]));
app.use('/admin', ensureLoggedIn(), admin);`,
    routes: [{ route: 'GET /users', guards: ['ensureLoggedIn@app:auth'] }],
  },
  {
    name: 'not routes: app.get reading a setting, an unrelated get',
    code: `${EXPRESS}const app = express();
const proxy = app.get('trust proxy');
const cache = new Map(); cache.get('/users', 1);`,
    routes: [],
  },
]);
