export const config = {
  port: Number(process.env.PORT ?? 3000),
  jwtSecret: process.env.JWT_SECRET ?? 'shop-dev-jwt-secret-2024',
  inventoryUrl: 'http://inventory.internal.shop-corp.net:8080/v1',
  carriersUrl: process.env.CARRIERS_URL ?? 'http://localhost:4010',
};
