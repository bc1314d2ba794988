import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

// Called by the product routes (products.routes.ts): every review of a product, however many it has.
export async function listReviews(productId: string) {
  return prisma.review.findMany({ where: { productId }, orderBy: { createdAt: 'desc' } });
}

// Paged by the caller: safe.
export async function latestReviews(productId: string, take = 20) {
  return prisma.review.findMany({ where: { productId }, orderBy: { createdAt: 'desc' }, take });
}
