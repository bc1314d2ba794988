import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX orders_customer_id_idx ON orders (customer_id)');
  await knex.schema.alterTable('orders', (table) => {
    table.dropColumn('legacy_status');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders', (table) => {
    table.string('legacy_status');
  });
  await knex.raw('DROP INDEX orders_customer_id_idx');
}
