import express from 'express';
import { PrismaClient } from '@prisma/client';
import { pool } from '../db';
import { requireAuth } from '../users/auth';
import { latestReviews, listReviews } from './reviews';

const prisma = new PrismaClient();
export const productsRouter = express.Router();

// Every product of a category in one response: fine with 40 rows in staging, a full scan in production.
productsRouter.get('/categories/:slug/products', async (req, res) => {
  const products = await prisma.product.findMany({ where: { category: { slug: req.params.slug } }, orderBy: { name: 'asc' } });
  res.json(products);
});

// Reviews come from a function of another file; the unbounded one is reported there (reviews.ts).
productsRouter.get('/products/:id/reviews', async (req, res) => {
  res.json(await listReviews(req.params.id));
});

productsRouter.get('/products/:id/reviews/latest', async (req, res) => {
  res.json(await latestReviews(req.params.id));
});

// Paged: the client asks for the next page with a cursor.
productsRouter.get('/products', async (req, res) => {
  const cursor = typeof req.query.cursor === 'string' ? { id: req.query.cursor } : undefined;
  res.json(await prisma.product.findMany({ take: 50, ...(cursor ? { cursor, skip: 1 } : {}) }));
});

// Search built by string interpolation: a quote in the term changes the statement.
productsRouter.get('/products/search', async (req, res) => {
  const { term } = req.query;
  const { rows } = await pool.query(`SELECT id, name, price FROM products WHERE name ILIKE '%${term}%' LIMIT 20`);
  res.json(rows);
});

// Writes behind authentication.
productsRouter.patch('/products/:id', requireAuth, async (req, res) => {
  const { rows } = await pool.query('UPDATE products SET price = $1 WHERE id = $2 RETURNING *', [req.body.price, req.params.id]);
  res.json(rows[0]);
});

// A price import anyone can trigger: nothing authenticates this route.
productsRouter.post('/products/import', async (req, res) => {
  const result = await prisma.product.createMany({ data: req.body.products });
  res.status(201).json({ imported: result.count });
});

// Wishlists: any signed-in user can read anyone's wishlist by changing the id in the URL.
productsRouter.get('/wishlists/:id', requireAuth, async (req, res) => {
  const wishlist = await prisma.wishlist.findUnique({ where: { id: req.params.id }, include: { items: true } });
  res.json({ wishlist, viewer: req.user.id });
});

// Scoped to the caller: safe.
productsRouter.delete('/wishlists/:id', requireAuth, async (req, res) => {
  await prisma.wishlist.deleteMany({ where: { id: req.params.id, ownerId: req.user.id } });
  res.sendStatus(204);
});

// Price recalculation: a failure answers 500 and leaves no log, metric or trace behind.
productsRouter.post('/products/:id/reprice', requireAuth, async (req, res) => {
  try {
    const { rows } = await pool.query('UPDATE products SET price = base_price * $1 WHERE id = $2 RETURNING *', [req.body.factor, req.params.id]);
    res.json(rows[0]);
  } catch {
    res.status(500).json({ error: 'repricing failed' });
  }
});

// "Continue shopping" link: the target comes straight from the query string (open redirect).
productsRouter.get('/continue', (req, res) => {
  res.redirect(String(req.query.returnTo ?? '/'));
});
